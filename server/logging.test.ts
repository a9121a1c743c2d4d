import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { loggerOptions, logsInfo, redactPersonalCodes } from './logging.ts'

describe('logging', () => {
  it('hides personal codes in URLs, with or without a country prefix', () => {
    expect(redactPersonalCodes('/r1/x/persons/60001019906/family')).toBe(
      '/r1/x/persons/***/family',
    )
    expect(redactPersonalCodes('?userCode=EE38001085718&limit=10')).toBe(
      '?userCode=***&limit=10',
    )
    expect(redactPersonalCodes('order 123456789012345')).toBe(
      'order 123456789012345',
    )
  })

  it('tells whether a logger, or its child, writes info lines', () => {
    expect(logsInfo(pino({ level: 'info' }))).toBe(true)
    expect(logsInfo(pino({ level: 'debug' }).child({ part: 'x' }))).toBe(true)
    expect(logsInfo(pino({ level: 'warn' }).child({ part: 'x' }))).toBe(false)
    expect(logsInfo(pino({ level: 'silent' }))).toBe(false)
  })

  it('writes no personal code or cookie from a request to the log', async () => {
    let output = ''
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        output += chunk.toString()
        done()
      },
    })
    const options = loggerOptions('info') as object
    const app = Fastify({ logger: { ...options, stream } })
    app.get('/api/persons/:code', async () => ({ ok: true }))
    await app.inject({
      url: '/api/persons/60001019906?userCode=EE60001019906',
      headers: { cookie: 'portal_session=secret-value' },
    })
    await app.close()
    expect(output).toContain('/api/persons/***')
    expect(output).not.toContain('60001019906')
    expect(output).not.toContain('secret-value')
  })
})
