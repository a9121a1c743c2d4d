import type { Route } from 'playwright-core'
import { it } from 'vitest'
import type { A11ySession } from '../support/a11ySession.ts'
import { RESIDENT } from '../support/a11yVariants.ts'

/*
 * The states of "Who used my data", for states.test.ts: its filters in
 * use with the citizen's own reads shown, a record still waiting for a
 * witnessed checkpoint, a request to explain an access being written, and
 * the alert a failed check raises. The answers are the portal's own, from
 * the sandbox's registers; only the failure and the pending record are
 * made by changing one record of the real answer on its way to the page.
 */

const TRACKER = { path: '/tracker', name: 'who used my data' }
const USAGES = '/api/tracker/usages**'

interface Answer {
  usages: {
    record?: Record<string, unknown>
    proof?: unknown
    treeSize?: unknown
    byPortal: boolean
  }[]
}

/** Rewrites the first proven, other agency's record of each answer. */
async function changeFirstRecord(
  s: A11ySession,
  change: (usage: Answer['usages'][number]) => void,
): Promise<() => Promise<void>> {
  const url = s.url(USAGES)
  await s.page.route(url, async (route: Route) => {
    const response = await route.fetch()
    const answer = (await response.json()) as Answer
    const usage = answer.usages.find((u) => u.record && u.proof && !u.byPortal)
    if (usage) change(usage)
    await route.fulfill({ response, json: answer })
  })
  return () => s.page.unroute(url)
}

let queried: Promise<void> | undefined

/**
 * The police ask the population register about the resident once, through
 * the sandbox's security server, so the timeline has another agency's use.
 */
function policeQuery(securityServer: string): Promise<void> {
  queried ??= fetch(
    `${securityServer}/r1/ee-dev/GOV/70008440/population/persons/${RESIDENT.personalCode}`,
    {
      headers: {
        'X-Road-Client': 'ee-dev/GOV/70008747/menetlus',
        'X-Road-UserId': 'EE38001085718',
        'X-Road-Issue': 'misdemeanour-proceedings:a11y-1',
      },
    },
  ).then((res) => {
    if (res.status !== 200)
      throw new Error(`the police query answered ${res.status}`)
  })
  return queried
}

async function openTracker(
  s: A11ySession,
  securityServer: string,
): Promise<void> {
  await policeQuery(securityServer)
  await s.signIn()
  await s.open(TRACKER.path)
  await s.page.locator('#main article').first().waitFor()
}

export function trackerStates(
  session: () => A11ySession,
  securityServer: () => string,
): void {
  it('who used my data is accessible with filters in use and own reads shown', async () => {
    const s = session()
    await openTracker(s, securityServer())
    await s.page.locator('#main input[type="checkbox"]').check()
    await s.page.locator('#main select').first().selectOption({ index: 1 })
    await s.expectAccessible({ ...TRACKER, state: 'filtered' })
  })

  it('who used my data is accessible while asking a register to explain', async () => {
    const s = session()
    await openTracker(s, securityServer())
    await s.page.locator('#main button.explain__ask').first().click()
    await s.page.locator('#main .explain__panel textarea').waitFor()
    await s.expectAccessible({ ...TRACKER, state: 'explanation request' })
  })

  it('who used my data is accessible with a record not yet confirmed', async () => {
    const s = session()
    const stop = await changeFirstRecord(s, (usage) => {
      usage.proof = null
      usage.treeSize = null
    })
    try {
      await openTracker(s, securityServer())
      await s.page.locator('#main .badge--pending').first().waitFor()
      await s.expectAccessible({ ...TRACKER, state: 'pending record' })
    } finally {
      await stop()
    }
  })

  it('who used my data is accessible with the alert of a failed check', async () => {
    const s = session()
    const stop = await changeFirstRecord(s, (usage) => {
      usage.record = { ...usage.record, why: 'changed on its way' }
    })
    try {
      await openTracker(s, securityServer())
      await s.page.locator('#main .tracker__failure[role="alert"]').waitFor()
      await s.expectAccessible({ ...TRACKER, state: 'failed check' })
    } finally {
      await stop()
    }
  })
}
