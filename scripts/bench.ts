/**
 * `npm run bench`: builds the PWA once, then runs each section in order and
 * prints its figures. A new section is a file in scripts/bench/ exporting a
 * BenchSection, added to SECTIONS below.
 */
import { baselineSection } from './bench/baseline.ts'
import { createBenchRun, type BenchSection } from './bench/context.ts'
import { firstRouteSection } from './bench/firstRoute.ts'
import { lighthouseSection } from './bench/lighthouse.ts'

const SECTIONS: BenchSection[] = [
  firstRouteSection,
  baselineSection,
  lighthouseSection,
]

async function main(): Promise<void> {
  const run = await createBenchRun()
  const { print } = run.context
  try {
    for (const section of SECTIONS) {
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
