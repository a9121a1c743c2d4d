import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrackedUsage, TrackerAnswer } from '@/api/tracker'
import { http } from '@/api/http'
import { i18n } from '@/i18n/i18n'
import { useAnnouncerStore } from '@/stores/announcer'
import {
  fakeApi,
  freshPinia,
  sentBodies,
  settle,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import TrackerPage from './TrackerPage.vue'

const POPULATION = 'ee-dev/GOV/70008440/population/findUsage'
const HEALTH = 'ee-dev/GOV/74000091/tervisekassa/findUsage'

const usage = (over: Partial<TrackedUsage>): TrackedUsage => ({
  register: POPULATION,
  logtime: '2026-12-03T10:00:00.000Z',
  action: 'persons.read',
  receiverCode: '70008747',
  receiverName: 'PPA',
  receiverSystem: 'menetlus',
  byPortal: false,
  ...over,
})

const ANSWER: TrackerAnswer = {
  from: '2025-12-04',
  to: '2026-12-04',
  registers: [
    { register: POPULATION, state: 'ok', totalUsages: 3 },
    {
      register: HEALTH,
      state: 'failed',
      error: { code: 'XROAD_TIMEOUT', message: 'It took too long.' },
    },
  ],
  usages: [
    usage({ logtime: '2026-12-03T22:30:00.000Z' }), // 4 Dec in Tallinn
    usage({
      logtime: '2026-12-03T09:00:00.000Z',
      receiverCode: '70009770',
      receiverSystem: 'benefits',
      action: 'health.insurance.read',
      record: { why: 'unemployment-benefit' },
      proof: null,
      leafIndex: 3,
    }),
    usage({
      logtime: '2026-12-02T09:00:00.000Z',
      receiverCode: '70000001',
      receiverSystem: 'citizen-portal',
      byPortal: true,
    }),
  ],
}

const NO_EXPLANATIONS = { body: { explanations: [], failedRegisters: [] } }

async function mountPage(
  answers: Record<string, FakeAnswer | FakeAnswer[]> = {
    'GET /tracker/usages': { body: ANSWER },
    'GET /tracker/explanations': NO_EXPLANATIONS,
  },
) {
  const calls = fakeApi(answers)
  const wrapper = mount(TrackerPage, {
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n] },
  })
  await flushPromises()
  return { wrapper, calls }
}

describe('TrackerPage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('groups others’ uses by Tallinn day, newest first, in plain words', async () => {
    const { wrapper } = await mountPage()
    const days = wrapper.findAll('section.tracker__day')
    expect(days.map((d) => d.get('h2').text())).toEqual([
      '4 December 2026',
      '3 December 2026',
    ])
    expect(days[0]!.text()).toContain('Police and Border Guard Board')
    expect(days[0]!.text()).toContain('looked at your personal data')
    expect(days[0]!.text()).toContain('In the population register')
    expect(days[1]!.text()).toContain('Unemployment Insurance Fund')
    expect(days[1]!.text()).toContain('Purpose: unemployment-benefit')
    expect(days[1]!.text()).toContain('Not yet confirmed')
    // The citizen's own read through the portal is hidden by default.
    expect(wrapper.text()).not.toContain('By you, through the portal')
  })

  it('says which register could not be asked', async () => {
    const { wrapper } = await mountPage()
    expect(wrapper.get('.tracker__notes').text()).toContain(
      'The health insurance register could not be asked, so its records are missing: It took too long.',
    )
  })

  it('filters by agency and shows own reads on request, announcing the count', async () => {
    const { wrapper } = await mountPage()
    const announcer = useAnnouncerStore()
    const spy = vi.spyOn(announcer, 'announce')
    await wrapper.get('select').setValue('70009770')
    await flushPromises()
    expect(wrapper.findAll('article')).toHaveLength(1)
    expect(spy).toHaveBeenLastCalledWith('Showing 1 of 3 records.')
    await wrapper.get('select').setValue('')
    await wrapper.get('input[type="checkbox"]').setValue(true)
    await flushPromises()
    expect(wrapper.findAll('article')).toHaveLength(3)
    expect(wrapper.text()).toContain('By you, through the portal')
  })

  it('asks the server for another period, and refuses one that ends before it begins', async () => {
    const { wrapper, calls } = await mountPage()
    const params: unknown[] = []
    const adapter = http.defaults.adapter as (c: {
      params?: unknown
    }) => Promise<unknown>
    http.defaults.adapter = (config) => {
      params.push((config as { params?: unknown }).params)
      return adapter(config as never) as never
    }
    const [from, to] = wrapper.findAll('input[type="date"]')
    await from!.setValue('2026-11-01')
    await to!.setValue('2026-10-01')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(
      'Choose a first day that is not after the last day.',
    )
    expect(document.activeElement).toBe(from!.element)
    expect(calls.filter((c) => c === 'GET /tracker/usages')).toHaveLength(1)
    await to!.setValue('2026-11-30')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c === 'GET /tracker/usages')).toHaveLength(2)
    expect(params.at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
  })

  it('shows an error with a way to try again', async () => {
    const { wrapper } = await mountPage({
      'GET /tracker/usages': {
        status: 400,
        body: { error: { code: 'PERIOD_INVALID', message: 'x' } },
      },
    } as never)
    expect(wrapper.get('[role="alert"]').text()).toContain(
      'The period is not valid.',
    )
    await settle(0)
  })

  it('asks the register to explain a use, once, and shows where the request stands', async () => {
    const filed = {
      register: POPULATION,
      id: 'x',
      state: 'received',
      usage: {
        logtime: '2026-12-03T09:00:00.000Z',
        action: 'health.insurance.read',
        receiverCode: '70009770',
        receiverSystem: 'benefits',
      },
      createdAt: '2026-12-04T08:00:00.000Z',
      updatedAt: '2026-12-04T08:00:00.000Z',
    }
    const { wrapper, calls } = await mountPage({
      'GET /tracker/usages': { body: ANSWER },
      'GET /tracker/explanations': NO_EXPLANATIONS,
      'POST /tracker/explanations': [
        {
          status: 502,
          body: { error: { code: 'REGISTER_REFUSED', message: 'x' } },
        },
        { status: 201, body: filed },
      ],
    })
    const record = () => wrapper.findAll('section.tracker__day')[1]!
    await record().get('button.explain__ask').trigger('click')
    await flushPromises()
    expect(document.activeElement?.tagName).toBe('TEXTAREA')
    await record().get('textarea').setValue('  Why me?  ')
    const send = () =>
      record()
        .findAll('button')
        .find((b) => b.text() === 'Send request')!
    await send().trigger('click')
    await flushPromises()
    expect(record().get('[role="alert"]').text()).toContain(
      'did not take your request',
    )
    await send().trigger('click')
    await flushPromises()
    const [first, second] = sentBodies().filter(Boolean) as { id: string }[]
    expect(second!.id).toBe(first!.id)
    expect(second).toMatchObject({
      register: POPULATION,
      question: 'Why me?',
      language: 'en',
      usage: { receiverCode: '70009770', why: 'unemployment-benefit' },
    })
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(2)
    expect(record().text()).toContain('Explanation asked on')
    expect(record().text()).toContain('received')
  })

  it('shows an earlier request’s answer beside its record', async () => {
    const { wrapper } = await mountPage({
      'GET /tracker/usages': { body: ANSWER },
      'GET /tracker/explanations': {
        body: {
          explanations: [
            {
              register: POPULATION,
              id: 'a',
              state: 'answered',
              usage: {
                logtime: '2026-12-03T22:30:00.000Z',
                action: 'persons.read',
                receiverCode: '70008747',
                receiverSystem: 'menetlus',
              },
              createdAt: '2026-12-04T08:00:00.000Z',
              updatedAt: '2026-12-04T08:01:00.000Z',
              answer: 'The police checked your address.',
            },
          ],
          failedRegisters: [HEALTH],
        },
      },
    })
    const first = wrapper.findAll('section.tracker__day')[0]!
    expect(first.text()).toContain('The register answered on')
    expect(first.text()).toContain('The police checked your address.')
    expect(first.find('button.explain__ask').exists()).toBe(false)
    expect(wrapper.text()).toContain('could not all be loaded')
  })
})
