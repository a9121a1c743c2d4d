import {
  describeApiError,
  type ApiProblem,
  type ClientErrorCode,
} from '@/api/errors'
import { i18n } from './i18n'
import { moduleErrorPrefix, moduleMessagePath } from './moduleMessages'

const CLIENT_KEYS: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: 'errors.client.network',
  TIMEOUT: 'errors.client.timeout',
  UNEXPECTED_RESPONSE: 'errors.client.unexpected',
  UNKNOWN: 'errors.generic',
}

// `te` without a locale also looks in the fallback language.
function translate(key: string): string | undefined {
  return i18n.global.te(key) ? i18n.global.t(key) : undefined
}

/**
 * The translated text for a failed API call, chosen by its error code: a
 * module's own codes from that module's `locales/*.json` `errors`, core codes
 * from the shell's texts, anything unknown as a general message. Never the
 * server's raw message or a stack.
 *
 * @param error what the call threw (usually an AxiosError)
 * @param moduleId the service module asking, to find its own codes
 */
export function apiErrorText(error: unknown, moduleId?: string): string {
  return problemText(describeApiError(error), moduleId)
}

/** The same as apiErrorText, for an already described problem. */
export function problemText(problem: ApiProblem, moduleId?: string): string {
  const { code } = problem
  if (moduleId && code.startsWith(moduleErrorPrefix(moduleId))) {
    const text = translate(`${moduleMessagePath(moduleId)}.errors.${code}`)
    if (text) return text
  }
  const clientKey = CLIENT_KEYS[code as ClientErrorCode]
  return (
    translate(clientKey ?? `errors.codes.${code}`) ??
    i18n.global.t('errors.generic')
  )
}

const PROBLEM_KEYS: Record<string, string> = {
  required: 'errors.field.required',
  missing: 'errors.field.required',
  too_long: 'errors.field.tooLong',
  tooLong: 'errors.field.tooLong',
  too_short: 'errors.field.tooShort',
  tooShort: 'errors.field.tooShort',
}

/**
 * Translated texts for the field problems of a VALIDATION_FAILED answer,
 * keyed by field name (the last part of a path such as `body.message`).
 */
export function fieldErrorTexts(error: unknown): Record<string, string> {
  const texts: Record<string, string> = {}
  for (const { field, problem } of describeApiError(error).details) {
    const name = field.split(/[./]/).filter(Boolean).pop() ?? field
    const key = PROBLEM_KEYS[problem] ?? 'errors.field.invalid'
    texts[name] ??= i18n.global.t(key)
  }
  return texts
}
