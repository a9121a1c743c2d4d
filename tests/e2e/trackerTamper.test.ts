import { sql, type Kysely } from 'kysely'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from '../support/browserSuite.ts'

/**
 * The Data Tracker in Chromium against the real portal, registers and
 * witness: a police query about the citizen shows as verified; the same
 * record changed in the database behind the log's back raises the alert
 * that names the register, with the evidence to download.
 */

const RESIDENT = '60001019906'
const POLICE = 'ee-dev/GOV/70008747/menetlus'
const POPULATION = 'ee-dev/GOV/70008440/population/persons'

describe('who used my data, checked in the browser', () => {
  const suite = browserSuite({ env: { SANDBOX_SCENARIO_SIZE: '0' } })

  async function policeReads(caseId: string): Promise<void> {
    const sandbox = suite.portal.sandbox
    if (!sandbox) throw new Error('the sandbox did not start')
    const res = await fetch(
      `${sandbox.xroadEeUrl}/r1/${POPULATION}/${RESIDENT}`,
      {
        headers: {
          'X-Road-Client': POLICE,
          'X-Road-UserId': 'EE38001085718',
          'X-Road-Issue': `misdemeanour-proceedings:${caseId}`,
        },
      },
    )
    expect(res.status).toBe(200)
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto('/sign-in?redirect=%2Ftracker')
    await page.getByRole('button', { name: new RegExp(RESIDENT) }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL((url) => url.pathname === '/tracker')
  }

  /** Opens the tracker until the police record's check has settled. */
  async function policeRecordState(page: Page): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.goto('/tracker')
      const record = page.locator('article', {
        hasText: 'Police and Border Guard Board',
      })
      await record.first().waitFor()
      const badge = record.first().locator('.badge')
      await expect
        .poll(async () => badge.textContent(), { timeout: 10_000 })
        .not.toBe('Checking')
      const state = (await badge.textContent()) ?? ''
      // A record waits for the witness's cosignature before it verifies.
      if (state !== 'Not yet confirmed') return state
      await page.waitForTimeout(250)
    }
    throw new Error('the record stayed pending')
  }

  it('verifies a record, then flags it once it is changed behind the log’s back', async () => {
    const { page, portal } = suite
    await policeReads('2026-1')
    await signIn(page)
    expect(await policeRecordState(page)).toBe('Verified')
    await expect.poll(() => page.locator('.tracker__failure').count()).toBe(0)

    // A rogue administrator rewrites the stored record: the database's own
    // refusal has to be switched off first.
    const db = portal.db as unknown as Kysely<unknown>
    await sql`ALTER TABLE usage_log_record DISABLE TRIGGER ALL`.execute(db)
    try {
      await sql`
        UPDATE usage_log_record
        SET record = replace(record, 'misdemeanour-proceedings:2026-1', 'curiosity')
        WHERE personal_code = ${RESIDENT}
          AND record LIKE '%misdemeanour-proceedings:2026-1%'
      `.execute(db)
    } finally {
      await sql`ALTER TABLE usage_log_record ENABLE TRIGGER ALL`.execute(db)
    }

    expect(await policeRecordState(page)).toBe('Check failed')
    const alert = page.locator('.tracker__failure[role="alert"]')
    await expect
      .poll(() => alert.textContent())
      .toContain('population register')
    await expect.poll(() => alert.textContent()).toContain('it was changed')
    const download = page.waitForEvent('download')
    await alert.getByRole('button', { name: 'Download the evidence' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^usage-log-failure-.*\.json$/)
  })
})
