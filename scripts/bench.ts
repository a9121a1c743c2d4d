/**
 * `npm run bench`: builds the PWA once, then runs each section in order and
 * prints its figures. A new section is a file in scripts/bench/ exporting a
 * BenchSection, added to SECTIONS below. `BENCH_ONLY=id[,id…]` runs only
 * the sections with those ids.
 */
import { baselineSection } from './bench/baseline.ts'
import { createBenchRun, type BenchSection } from './bench/context.ts'
import { firstRouteSection } from './bench/firstRoute.ts'
import { ledgerLayersSection } from './bench/ledgerLayers.ts'
import { ledgerSqlSection } from './bench/ledgerSql.ts'
import { lighthouseSection } from './bench/lighthouse.ts'
import { moduleCallsSection } from './bench/moduleCalls.ts'
import { usageLogSection } from './bench/usageLog.ts'
import { trackerVerifySection } from './bench/trackerVerify.ts'

const SECTIONS: BenchSection[] = [
  firstRouteSection,
  baselineSection,
  lighthouseSection,
  moduleCallsSection,
  usageLogSection,
  trackerVerifySection,
  ledgerSqlSection,
  ledgerLayersSection,
]

/** The sections BENCH_ONLY names, or all; an unknown id stops the run. */
function selected(only = process.env.BENCH_ONLY): BenchSection[] {
  if (!only) return SECTIONS
  const ids = only.split(',').map((id) => id.trim())
  const known = SECTIONS.map((section) => section.id)
  const unknown = ids.filter((id) => !known.includes(id))
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY names unknown sections: ${unknown.join(', ')} ` +
        `(known: ${known.join(', ')})`,
    )
  }
  return SECTIONS.filter((section) => ids.includes(section.id ?? ''))
}

async function main(): Promise<void> {
  const sections = selected()
  const run = await createBenchRun()
  const { print } = run.context
  try {
    for (const section of sections) {
      print(`\n== ${section.title} ==`)
      await section.run(run.context)
    }
  } finally {
    await run.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${String(error)}\n`)
  process.exitCode = 1
})
