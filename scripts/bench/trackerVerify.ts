import { fileURLToPath } from 'node:url'
import { build, type Rollup } from 'vite'
import { canonicalJsonBytes } from '../../common/canonicalJson.ts'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import { cosign } from '../../common/checkpoint/cosignature.ts'
import { addSignatureLines, parseNote } from '../../common/checkpoint/note.ts'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '../../common/checkpoint/sandboxKeys.ts'
import type { UsageToVerify } from '../../src/tracker/verifyUsages.ts'
import { launchChromium } from '../../tests/support/chromium.ts'
import { MerkleTestLog } from '../../tests/support/merkleTestLog.ts'
import { ROOT, type BenchSection } from './context.ts'
import type { TrackerBenchData } from './trackerVerifyPage.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'
const RECORDS = 100
/** A log already holding other people's records. */
const LOG_SIZE = 100_000
const STORED_SIZE = 60_000
const RUNS = 30
const TARGET_MS = 50

/** The verifier bundled for browsers, as one classic script. */
async function bundleVerifier(): Promise<string> {
  const output = (await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    resolve: {
      alias: {
        '@common': fileURLToPath(new URL('../../common', import.meta.url)),
      },
    },
    build: {
      write: false,
      minify: true,
      target: 'es2019',
      lib: {
        entry: fileURLToPath(
          new URL('./trackerVerifyPage.ts', import.meta.url),
        ),
        formats: ['iife'],
        name: 'trackerBenchBundle',
      },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[]
  const chunk = [output]
    .flat()
    .flatMap((o) => o.output)
    .find((o): o is Rollup.OutputChunk => o.type === 'chunk')
  if (!chunk) throw new Error('The verifier bundle is empty')
  return chunk.code
}

/**
 * A large log whose leaves are hashes: only the citizen's RECORDS are
 * real records, spread over it, so proofs are as deep as in a busy log.
 */
function benchData(): TrackerBenchData {
  const log = new MerkleTestLog(ORIGIN, sandboxLogSigner(ORIGIN))
  const records = new Map<number, object>()
  const step = Math.floor(LOG_SIZE / RECORDS)
  for (let i = 0; i < LOG_SIZE; i++) {
    if (i % step === 0 && records.size < RECORDS) {
      const record = {
        salt: toBase64(new Uint8Array(16).fill(i % 251)),
        logtime: '2026-01-05T10:00:00Z',
        personalCode: '60001019906',
        action: 'read',
        receiverCode: '70000349',
        receiverSystem: 'ee-dev/GOV/70000349/emta',
        index: i,
      }
      records.set(i, record)
      log.appendData(canonicalJsonBytes(record))
    } else {
      log.appendData(new TextEncoder().encode(`other ${i}`))
    }
  }
  const tree = log.tree()
  const cosigned = (size: number) => {
    const note = log.note(size)
    return addSignatureLines(note, [
      cosign(parseNote(note).text, sandboxWitnessSigner(), 1_767_000_000),
    ])
  }
  const usages: UsageToVerify[] = [...records].map(([index, record]) => ({
    log: ORIGIN,
    leafIndex: index,
    record,
    proof: tree.inclusionProof(index).map(toBase64),
    treeSize: LOG_SIZE,
  }))
  return {
    origin: ORIGIN,
    usages,
    note: cosigned(LOG_SIZE),
    stored: cosigned(STORED_SIZE),
    consistency: tree.consistencyProof(STORED_SIZE).map(toBase64),
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * The Data Tracker's check of 100 usage records in Chromium: each
 * inclusion proof, the log signature, the witness cosignature and one
 * consistency proof from the stored checkpoint, per page visit.
 */
export const trackerVerifySection: BenchSection = {
  id: 'tracker-verify',
  title: `Data Tracker: verifying ${RECORDS} usage records in Chromium`,
  async run({ print }) {
    const script = await bundleVerifier()
    const data = benchData()
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent('<!doctype html><title>tracker bench</title>')
      await page.addScriptTag({ content: script })
      const { times, statuses } = await page.evaluate(
        ([data, runs]) => window.trackerBench.run(data, runs),
        [data, RUNS] as const,
      )
      const verified = statuses.filter((s) => s === 'verified').length
      if (verified !== RECORDS) {
        throw new Error(`Only ${verified} of ${RECORDS} records verified`)
      }
      const [first = 0, ...warm] = times
      print(
        `${RECORDS} records in a log of ${LOG_SIZE} leaves, consistency ` +
          `from ${STORED_SIZE}: median ${median(warm).toFixed(1)} ms, ` +
          `best ${Math.min(...warm).toFixed(1)} ms, first (cold) ` +
          `${first.toFixed(1)} ms over ${RUNS} runs (target ≤ ${TARGET_MS} ms)`,
      )
      print(`Verifier bundle: ${(script.length / 1024).toFixed(1)} kB minified`)
      print('Measured on a shared machine: other work skews these figures.')
    } finally {
      await browser.close()
    }
  },
}
