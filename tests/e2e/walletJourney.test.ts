import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { signIn } from '../support/a11yVariants.ts'
import { browserSuite } from '../support/browserSuite.ts'
import { focused, tabTo } from '../support/keyboard.ts'

/*
 * A citizen sends EstCoin with the keyboard alone, through the real portal,
 * wallet API, population register and ledger of the sandbox: from her
 * wallet to the send form, the recipient check, the confirmation and the
 * result, and back to a wallet and a statement that show the transfer.
 */

const MARY = { personalCode: '60001019906', phoneNumber: '+37200000766' }
const ELIISE = '60001017869'

/** The balance the wallet page shows, in cents (English: "1,234.50 EST"). */
async function shownBalance(page: Page): Promise<number> {
  const text = await page.locator('[data-balance]').textContent()
  const match = /^([\d,]+)\.(\d{2}) EST$/.exec(text?.trim() ?? '')
  if (!match) throw new Error(`The balance reads "${text}".`)
  return Number(match[1]!.replace(/,/g, '')) * 100 + Number(match[2])
}

async function pressOn(page: Page, text: string): Promise<void> {
  await tabTo(page, (f) => f.text === text)
  await page.keyboard.press('Enter')
}

describe('sending EstCoin by keyboard', () => {
  const suite = browserSuite()

  it('sends a transfer after checking the masked name, and the wallet and statement show it', async () => {
    const { page, context, portal } = suite
    await signIn(context, portal.origin, MARY)
    await page.goto('/wallet')
    await page.locator('[data-balance]').waitFor()
    const before = await shownBalance(page)
    expect(before).toBeGreaterThan(125)

    await pressOn(page, 'Send')
    await page.locator('#wallet-to').waitFor()
    await tabTo(page, (f) => f.id === 'wallet-to')
    await page.keyboard.type(ELIISE)
    await page.keyboard.press('Tab')
    await page.keyboard.type('1,25')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Kohv')
    await page.keyboard.press('Enter')

    const question = page.locator('#wallet-confirm-title:focus')
    await question.waitFor()
    const masked = await page.locator('[data-masked-name]').textContent()
    expect(masked).toMatch(/^\p{Lu}\*+( \p{Lu}\*+)+$/u)
    expect(await question.textContent()).toContain(
      `Send 1.25 EST to ${masked}?`,
    )

    await pressOn(page, 'Send')
    await page.locator('#wallet-sent-title:focus').waitFor()
    const balanceNow = await page.locator('[data-balance-now]').textContent()
    const after = before - 125
    const euros = `${Math.floor(after / 100).toLocaleString('en-GB')}.${String(after % 100).padStart(2, '0')}`
    expect(balanceNow).toBe(`Your balance is now ${euros} EST.`)

    await pressOn(page, 'Back to your wallet')
    await page.locator('[data-balance]').waitFor()
    expect(await shownBalance(page)).toBe(after)
    const newest = page.locator('.wallet-transfer').first()
    expect(await newest.textContent()).toContain(`To ${masked}`)
    expect(await newest.textContent()).toContain('−1.25 EST')
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: 'H1', text: 'EstCoin wallet' })

    // This month's statement lists it too.
    await pressOn(page, 'Statement')
    await page.locator('table').waitFor()
    const row = page.locator('tbody tr', { hasText: 'Kohv' })
    expect(await row.textContent()).toContain('−1.25 EST')
    expect(await row.textContent()).toContain(masked!)
  })
})
