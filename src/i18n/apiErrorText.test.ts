import { CORE_ERRORS } from '../../server/errors'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_ERROR_CODES, describeApiError } from '@/api/errors'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { apiFailure, networkFailure, useLanguage } from '@/testing/harness'
import { apiErrorText, fieldErrorTexts } from './apiErrorText'
import { i18n } from './i18n'
import en from './locales/en.json'
import et from './locales/et.json'
import ru from './locales/ru.json'
import { loadModuleMessages } from './moduleMessages'

const LOCALES = { en, et, ru }

function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([key, value]) =>
    keysOf(value, prefix ? `${prefix}.${key}` : key),
  )
}

describe('shell texts', () => {
  it('have the same keys in Estonian, English and Russian', () => {
    const english = keysOf(en).sort()
    expect(keysOf(et).sort()).toEqual(english)
    expect(keysOf(ru).sort()).toEqual(english)
  })

  it('translate every core error code in every language', () => {
    for (const [language, messages] of Object.entries(LOCALES)) {
      for (const code of Object.keys(CORE_ERRORS)) {
        const text = (messages.errors.codes as Record<string, string>)[code]
        expect(text, `${language}: ${code}`).toBeTruthy()
      }
    }
  })
})

describe('apiErrorText', () => {
  beforeAll(() => useLanguage('en'))

  it('chooses the text by the code, never the server’s message', () => {
    const error = apiFailure(429, {
      error: { code: 'RATE_LIMITED', message: 'Stack trace at line 42' },
    })
    expect(apiErrorText(error)).toBe(
      'Too many attempts. Wait a moment and try again.',
    )
  })

  it('follows the current language', async () => {
    await useLanguage('ru')
    const error = apiFailure(401, {
      error: { code: 'SIGN_IN_REQUIRED', message: '' },
    })
    expect(apiErrorText(error)).toBe('Чтобы продолжить, войдите.')
    await useLanguage('en')
  })

  it('falls back to a general message for unknown codes and bodies', () => {
    const generic = 'Something went wrong. Try again later.'
    expect(
      apiErrorText(apiFailure(500, { error: { code: 'NEW_THING' } })),
    ).toBe(generic)
    expect(apiErrorText(new Error('boom'))).toBe(generic)
  })

  it('explains failures that never reached the server', () => {
    expect(describeApiError(networkFailure()).code).toBe('NETWORK_ERROR')
    expect(apiErrorText(networkFailure())).toMatch(/could not be reached/)
    expect(apiErrorText(networkFailure('ECONNABORTED'))).toMatch(
      /did not answer in time/,
    )
    const gateway = apiFailure(502, 'Bad Gateway', 'text/plain')
    expect(describeApiError(gateway).code).toBe('NETWORK_ERROR')
    const page = apiFailure(200, '<!doctype html>', 'text/html')
    expect(apiErrorText(page)).toMatch(/cannot read/)
    for (const code of CLIENT_ERROR_CODES) {
      expect(Object.keys(CORE_ERRORS)).not.toContain(code)
    }
  })

  it('finds a module’s own codes in that module’s translations', async () => {
    await loadModuleMessages(fixtureCatalog(), 'child-benefit', 'en')
    const error = apiFailure(409, {
      error: { code: 'CHILD_BENEFIT_NOT_ELIGIBLE', message: 'x' },
    })
    expect(apiErrorText(error, 'child-benefit')).toBe(
      'You cannot get child benefit at the moment.',
    )
    // Another module cannot borrow the code.
    expect(apiErrorText(error, 'tax-return')).toBe(
      i18n.global.t('errors.generic'),
    )
  })

  it('keeps core codes working for module pages', () => {
    const error = apiFailure(502, {
      error: { code: 'XROAD_TIMEOUT', message: 'x' },
    })
    expect(apiErrorText(error, 'child-benefit')).toMatch(
      /did not answer in time/,
    )
  })
})

describe('fieldErrorTexts', () => {
  beforeAll(() => useLanguage('en'))

  it('translates each field problem of a validation failure', () => {
    const error = apiFailure(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'bad',
        details: [
          { field: 'body.message', problem: 'required' },
          { field: '/contact', problem: 'too_long' },
          { field: 'page', problem: 'something new' },
          { nonsense: true },
        ],
      },
    })
    expect(fieldErrorTexts(error)).toEqual({
      message: 'Fill in this field',
      contact: 'This answer is too long',
      page: 'Check this answer',
    })
  })
})
