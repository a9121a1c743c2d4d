import { canonicalJsonBytes } from '@common/canonicalJson'
import { toBase64 } from '@common/checkpoint/base64'
import { cosign } from '@common/checkpoint/cosignature'
import { addSignatureLines, parseNote } from '@common/checkpoint/note'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '@common/checkpoint/sandboxKeys'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TrackedUsage, TrackerAnswer } from '@/api/tracker'
import { i18n } from '@/i18n/i18n'
import { fakeApi, freshPinia, settle, useLanguage } from '@/testing/harness'
import { MerkleTestLog } from '../../tests/support/merkleTestLog'
import TrackerPage from './TrackerPage.vue'

const REGISTER = 'ee-dev/GOV/70008440/population/findUsage'
const ORIGIN = 'ee-dev/GOV/70008440/population usage log'

/** A register's usage log, signed and witnessed with the sandbox keys. */
function registerLog(count: number) {
  const log = new MerkleTestLog(ORIGIN, sandboxLogSigner(ORIGIN))
  const records = Array.from({ length: count }, (_, i) => ({
    who: {
      client: 'ee-dev/GOV/70008747/menetlus',
      memberCode: '70008747',
      subsystem: 'menetlus',
    },
    whose: { personalCode: '60001019906' },
    what: {
      register: 'population',
      dataset: 'persons',
      action: 'persons.read',
    },
    why: `misdemeanour-proceedings:${i}`,
    when: `2026-12-0${(i % 3) + 1}T10:00:00.000Z`,
    messageId: `m-${i}`,
    salt: `c2FsdC${i}=`,
  }))
  for (const record of records) log.appendData(canonicalJsonBytes(record))
  const note = log.note(log.size)
  const checkpoint = addSignatureLines(note, [
    cosign(parseNote(note).text, sandboxWitnessSigner(), 1_767_000_000),
  ])
  const usage = (i: number, proven = true): TrackedUsage => ({
    register: REGISTER,
    log: ORIGIN,
    logtime: records[i]!.when,
    action: 'persons.read',
    receiverCode: '70008747',
    receiverSystem: 'menetlus',
    byPortal: false,
    record: records[i]!,
    leafIndex: i,
    proof: proven ? log.inclusion(i, log.size).map(toBase64) : null,
    treeSize: proven ? log.size : null,
  })
  return { checkpoint, usage }
}

function answerWith(usages: TrackedUsage[], checkpoint: string): TrackerAnswer {
  return {
    from: '2025-12-04',
    to: '2026-12-04',
    registers: [
      {
        register: REGISTER,
        state: 'ok',
        totalUsages: usages.length,
        log: ORIGIN,
        checkpoint,
      },
    ],
    usages,
  }
}

async function mountWith(answer: TrackerAnswer) {
  fakeApi({
    'GET /tracker/usages': { body: answer },
    'GET /tracker/explanations': {
      body: { explanations: [], failedRegisters: [] },
    },
  })
  const wrapper = mount(TrackerPage, {
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n] },
  })
  await flushPromises()
  await settle(50)
  return wrapper
}

describe('TrackerPage verifying in the browser', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows proven records as verified and one without a witnessed checkpoint as pending', async () => {
    const { checkpoint, usage } = registerLog(5)
    const wrapper = await mountWith(
      answerWith([usage(0), usage(1), usage(4, false)], checkpoint),
    )
    const badges = wrapper.findAll('.badge').map((b) => b.text())
    expect(badges.sort()).toEqual(['Not yet confirmed', 'Verified', 'Verified'])
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('raises an alert naming the register when a record was changed behind the log’s back', async () => {
    const { checkpoint, usage } = registerLog(5)
    const changed = usage(2)
    changed.record = { ...changed.record, why: 'curiosity' }
    const wrapper = await mountWith(answerWith([usage(0), changed], checkpoint))
    const alert = wrapper.get('.tracker__failure[role="alert"]')
    expect(alert.text()).toContain(
      'The usage log of the population register did not pass the check',
    )
    expect(alert.text()).toContain('it was changed')
    expect(alert.find('button').text()).toBe('Download the evidence')
    expect(wrapper.findAll('.badge').map((b) => b.text())).toContain(
      'Check failed',
    )
  })
})
