/** What a new module's files are made from. */
export interface TemplateInput {
  id: string
  /** The module's error-code prefix, e.g. `PARKING_PERMIT_`. */
  prefix: string
}

function title(id: string): string {
  const words = id.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function manifest({ id }: TemplateInput): string {
  const name = title(id)
  const code = id.toUpperCase().replace(/-/g, '_')
  return `import { defineManifest } from '../../common/catalog/manifest.ts'

/** ${name}: replace the example agency, texts and service with your own. */
export default defineManifest({
  id: '${id}',
  agency: {
    name: {
      et: 'Näidisamet',
      en: 'Example Agency',
      ru: 'Образцовое ведомство',
    },
    xroadMember: 'ee-dev/GOV/70009999',
  },
  title: { et: '${name} (et)', en: '${name}', ru: '${name} (ru)' },
  description: {
    et: 'Vaadake oma taotluse olekut.',
    en: 'See the status of your application.',
    ru: 'Посмотрите статус вашего заявления.',
  },
  lifeEvent: 'residence-and-documents',
  assurance: 'high',
  routes: [
    {
      path: '',
      page: 'Overview.vue',
      title: { et: '${name} (et)', en: '${name}', ru: '${name} (ru)' },
    },
  ],
  services: [
    {
      service: 'ee-dev/GOV/70009999/${id}/status',
      methods: ['GET'],
      purposeCode: '${code}_STATUS_VIEW',
      purpose: {
        et: 'Teie taotluse oleku näitamine teile',
        en: 'Showing you the status of your application',
        ru: 'Показ вам статуса вашего заявления',
      },
    },
  ],
  offline: 'none',
  status: 'alpha',
  contact: { email: 'info@example.ee' },
  accessibility: {
    conformance: 'full',
    statement: {
      et: 'Teenus vastab WCAG 2.2 AA nõuetele.',
      en: 'The service meets WCAG 2.2 AA.',
      ru: 'Услуга соответствует WCAG 2.2 AA.',
    },
  },
})
`
}

function server({ id, prefix }: TemplateInput): string {
  return `import { defineOperations } from '../../server/catalog/operations.ts'
import errors from './errors.ts'

const STATUS_SERVICE = 'ee-dev/GOV/70009999/${id}/status'

interface Status {
  status: 'received' | 'in-progress' | 'decided'
  updatedOn: string
}

/** The module's operations, under /api/services/${id}/. */
export default defineOperations((app, { xroad }) => {
  app.get(
    '/status',
    {
      schema: {
        summary: "The signed-in citizen's application status",
        response: {
          200: {
            type: 'object',
            required: ['status', 'updatedOn'],
            properties: {
              status: { type: 'string' },
              updatedOn: { type: 'string' },
            },
          },
        },
      },
    },
    async (request) => {
      const personalCode = request.citizen?.personalCode ?? ''
      const answer = await xroad.call<Status>({
        service: STATUS_SERVICE,
        path: \`/\${personalCode}\`,
        personalCode,
      })
      if (answer.status === 404) throw errors.${prefix}NOT_FOUND()
      if (answer.status !== 200) throw errors.${prefix}UNAVAILABLE()
      return answer.body
    },
  )
})
`
}

function errorsFile({ prefix }: TemplateInput): string {
  return `import { defineModuleErrors } from '../../server/catalog/moduleErrors.ts'

/** This module's own error codes; their texts are in locales/*.json. */
export default defineModuleErrors({
  ${prefix}NOT_FOUND: {
    status: 404,
    message: 'You have no application.',
  },
  ${prefix}UNAVAILABLE: {
    status: 502,
    message: 'The agency could not answer.',
  },
})
`
}

function sandbox({ id }: TemplateInput): string {
  return `import { isValidPersonalCode } from '../../common/personalCode.ts'
import { defineSandbox } from '../../server/catalog/sandboxFragment.ts'

/** A stub of the agency's status service, and the portal's access to it. */
export default defineSandbox({
  providers: {
    'ee-dev/GOV/70009999/${id}/status': (app) => {
      app.get<{ Params: { code: string } }>('/:code', async (request, reply) => {
        const { code } = request.params
        if (!isValidPersonalCode(code) || code.endsWith('0')) {
          return reply.status(404).send({ error: 'no application' })
        }
        return { status: 'in-progress', updatedOn: '2026-11-20' }
      })
    },
  },
  accessRights: [
    {
      client: 'ee-dev/GOV/70000001/citizen-portal',
      service: 'ee-dev/GOV/70009999/${id}/status',
      methods: ['GET'],
      path: '/*',
    },
  ],
})
`
}

function serverTest({ id, prefix }: TemplateInput): string {
  return `import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startModuleHarness,
  type ModuleHarness,
} from '../../tests/support/moduleHarness.ts'

// A sandbox resident whose code does not end in 0 has an application.
const CITIZEN = '60001019906'

describe('${id} operations', () => {
  let harness: ModuleHarness

  beforeAll(async () => {
    harness = await startModuleHarness(new URL('.', import.meta.url).pathname)
  })
  afterAll(() => harness.close())

  it('need a signed-in citizen', async () => {
    const res = await harness.app.inject({ url: '/api/services/${id}/status' })
    expect(res.statusCode).toBe(401)
  })

  it("answer the citizen's status through X-Road", async () => {
    const cookies = await harness.signIn(CITIZEN)
    const res = await harness.app.inject({
      url: '/api/services/${id}/status',
      cookies,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'in-progress', updatedOn: '2026-11-20' })
  })

  it('explain when the citizen has no application', async () => {
    // The stub has no application for codes ending in 0.
    const cookies = await harness.signIn('60001019950')
    const res = await harness.app.inject({
      url: '/api/services/${id}/status',
      cookies,
    })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('${prefix}NOT_FOUND')
  })
})
`
}

function page({ id }: TemplateInput): string {
  return `<script setup lang="ts">
import {
  http,
  LoadingState,
  useApiResource,
  useModuleI18n,
} from '@/moduleKit'

interface Status {
  status: string
  updatedOn: string
}

const i18n = useModuleI18n('${id}')
const { state, data, problem, reload } = useApiResource(
  async () => (await http.get<Status>('/services/${id}/status')).data,
  { moduleId: '${id}', loadedText: () => i18n.t('loaded') },
)
</script>

<template>
  <div>
    <h1>{{ i18n.t('title') }}</h1>
    <LoadingState v-if="state === 'loading'" :label="i18n.t('loading')" />
    <div v-else-if="state === 'error'" role="alert">
      <p>{{ problem }}</p>
      <button type="button" class="button" @click="reload">
        {{ i18n.t('retry') }}
      </button>
    </div>
    <dl v-else-if="data">
      <dt>{{ i18n.t('status') }}</dt>
      <dd>{{ i18n.t(\`statuses.\${data.status}\`) }}</dd>
    </dl>
  </div>
</template>
`
}

function locale(lang: 'et' | 'en' | 'ru', input: TemplateInput): string {
  const texts = {
    et: {
      title: 'Taotluse olek',
      loading: 'Laadime taotluse olekut',
      loaded: 'Taotluse olek on laaditud.',
      retry: 'Proovi uuesti',
      status: 'Olek',
      statuses: {
        received: 'Vastu võetud',
        'in-progress': 'Menetluses',
        decided: 'Otsustatud',
      },
      notFound: 'Teil ei ole taotlust.',
      unavailable: 'Asutus ei vastanud. Proovige hiljem uuesti.',
    },
    en: {
      title: 'Application status',
      loading: 'Loading your application status',
      loaded: 'Your application status has loaded.',
      retry: 'Try again',
      status: 'Status',
      statuses: {
        received: 'Received',
        'in-progress': 'In progress',
        decided: 'Decided',
      },
      notFound: 'You have no application.',
      unavailable: 'The agency did not answer. Try again later.',
    },
    ru: {
      title: 'Статус заявления',
      loading: 'Загружаем статус заявления',
      loaded: 'Статус заявления загружен.',
      retry: 'Попробовать снова',
      status: 'Статус',
      statuses: {
        received: 'Получено',
        'in-progress': 'В обработке',
        decided: 'Решено',
      },
      notFound: 'У вас нет заявления.',
      unavailable: 'Ведомство не ответило. Попробуйте позже.',
    },
  }[lang]
  const { notFound, unavailable, ...messages } = texts
  return (
    JSON.stringify(
      {
        messages,
        errors: {
          [`${input.prefix}NOT_FOUND`]: notFound,
          [`${input.prefix}UNAVAILABLE`]: unavailable,
        },
      },
      null,
      2,
    ) + '\n'
  )
}

/** Every file of a new module, by path inside its folder. */
export function moduleFiles(input: TemplateInput): Record<string, string> {
  return {
    'manifest.ts': manifest(input),
    'server.ts': server(input),
    'errors.ts': errorsFile(input),
    'sandbox.ts': sandbox(input),
    'server.test.ts': serverTest(input),
    'pages/Overview.vue': page(input),
    'locales/et.json': locale('et', input),
    'locales/en.json': locale('en', input),
    'locales/ru.json': locale('ru', input),
  }
}
