import type { FastifyServerOptions } from 'fastify'

const PERSONAL_CODE = /(?<![0-9])(EE|LT|LV|FI)?[1-8][0-9]{10}(?![0-9])/g

/**
 * Hides personal codes in a URL or text, with or without a country prefix,
 * so `?userCode=EE60001019906` and `/persons/60001019906` log as `***`.
 */
export function redactPersonalCodes(text: string): string {
  return text.replace(PERSONAL_CODE, '***')
}

const INFO_OR_FINER = ['info', 'debug', 'trace']

/**
 * True when `log` writes info lines, so a hot path can skip building an
 * entry that would be dropped.
 */
export function logsInfo(log: { level: string }): boolean {
  return INFO_OR_FINER.includes(log.level)
}

/** pino options for the portal: one JSON line per event, nothing personal. */
export function loggerOptions(
  level = process.env.LOG_LEVEL ?? 'info',
): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-road-userid"]',
        'res.headers["set-cookie"]',
        '*.personalCode',
        '*.authToken',
        '*.phoneNumber',
      ],
      censor: '***',
    },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return {
          method: request.method,
          url: redactPersonalCodes(request.url),
          id: request.id,
        }
      },
    },
  }
}
