import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import {
  parseServiceId,
  serviceUrlPath,
} from '../../common/xroad/identifiers.ts'
import { PUBLIC_DEMO_IDENTITIES } from '../../sandbox/population/publicDemoIdentities.ts'
import { generateResidents } from '../../sandbox/population/residents.ts'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'
import personalData, {
  POPULATION_SERVICE,
} from '../../services-catalog/personal-data/manifest.ts'
import { startPostgres } from '../../tests/support/postgresServer.ts'
import {
  fetchClient,
  signInWithMobileId,
} from '../../tests/support/residentSignIn.ts'
import type { BenchSection } from './context.ts'
import { startLoadGenerator } from './loadGenerator.ts'
import {
  summarize,
  type LoadPlan,
  type LoadResult,
  type LoadSample,
  type PlannedRequest,
} from './loadPlan.ts'

/** Distinct signed-in citizens the calls rotate through. */
const CITIZENS = 50
const CONCURRENCY = 32
const WARM_UP_MS = 1000
/** Measuring time per kind of call, split over ROUNDS turns. */
const DURATION_MS = 5000
const ROUNDS = 3

/** Targets on PostgreSQL, from issue 4. */
const TARGET_PER_SECOND = 1500
const TARGET_P50_RATIO = 2

const OPERATION = '/api/services/personal-data/person'
const PURPOSE = personalData.services[0]?.purposeCode ?? ''

interface SignedIn {
  personalCode: string
  cookie: string
}

/**
 * Signs citizens in as the PWA does: through the sandbox Mobile-ID
 * service, each with their own number and personal code.
 */
async function signIn(
  portal: RunningPortal,
  count: number,
): Promise<SignedIn[]> {
  // The demo numbers other than the OK ones are made to fail.
  const failing = new Set(
    PUBLIC_DEMO_IDENTITIES.filter((d) => d.mobileIdResult !== 'OK').map(
      (d) => d.personalCode,
    ),
  )
  const residents = generateResidents({ today: new Date() }).filter(
    (r) => r.kind === 'citizen' && !failing.has(r.personalCode),
  )
  const step = Math.max(1, Math.floor(residents.length / count))
  const chosen = residents.filter((_, i) => i % step === 0).slice(0, count)

  const citizens: SignedIn[] = []
  for (const resident of chosen) {
    const client = fetchClient(portal.url, portal.config.publicOrigin)
    await signInWithMobileId(client, resident)
    const cookie = client.cookieHeader()
    const check = await fetch(`${portal.url}${OPERATION}`, {
      headers: { Cookie: cookie },
    })
    await check.arrayBuffer()
    if (check.status !== 200) {
      throw new Error(`${OPERATION} for a signed-in citizen: ${check.status}`)
    }
    citizens.push({ personalCode: resident.personalCode, cookie })
  }
  return citizens
}

/** The register calls the operation makes for a citizen, sent directly. */
function registerCalls(
  portal: RunningPortal,
  personalCode: string,
): PlannedRequest[] {
  const service = parseServiceId(POPULATION_SERVICE)
  if (!service) throw new Error(`Bad service id ${POPULATION_SERVICE}`)
  // The headers the portal's gateway sends (server/xroad/gateway.ts).
  const headers = {
    'X-Road-Client': portal.config.xroadClient,
    'X-Road-UserId': `EE${personalCode}`,
    'X-Road-Issue': PURPOSE,
    Accept: 'application/json',
  }
  const base = `${serviceUrlPath(service)}/${personalCode}`
  return [
    { path: base, headers, freshXRoadId: true },
    { path: `${base}/family`, headers, freshXRoadId: true },
  ]
}

/** One kind of call to measure: where it goes and what it sends. */
interface Workload {
  origin: string
  operations: PlannedRequest[][]
}

/**
 * Measures the workloads in turns, ROUNDS times each, so a busy machine
 * slows them alike and their ratios stay fair; pools each one's rounds.
 */
async function measureInTurns(workloads: Workload[]): Promise<LoadResult[]> {
  const generator = startLoadGenerator()
  const samples: LoadSample[][] = workloads.map(() => [])
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, workload] of workloads.entries()) {
        const plan: LoadPlan = {
          ...workload,
          concurrency: CONCURRENCY,
          warmUpMs: round === 0 ? WARM_UP_MS : WARM_UP_MS / 4,
          durationMs: DURATION_MS / ROUNDS,
        }
        samples[i]?.push(await generator.run(plan))
      }
    }
  } finally {
    generator.close()
  }
  return samples.map(summarize)
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const rate = (value: number) => Math.round(value).toLocaleString('en')

function line(label: string, result: LoadResult): string {
  const failed = Object.entries(result.failures)
    .map(([cause, n]) => `${n} × ${cause}`)
    .join(', ')
  return (
    `  ${label.padEnd(20)} ${rate(result.perSecond).padStart(6)}/s  ` +
    `p50 ${ms(result.p50Ms).padStart(8)}  p99 ${ms(result.p99Ms).padStart(8)}` +
    (failed ? `  FAILED: ${failed}` : '')
  )
}

function ratios(label: string, module: LoadResult, base: LoadResult) {
  const throughput = module.perSecond / base.perSecond
  const p50 = module.p50Ms / base.p50Ms
  return (
    `  ${label.padEnd(20)} throughput ${throughput.toFixed(2)}×, ` +
    `p50 ${p50.toFixed(2)}×`
  )
}

/** Measures one portal; prints the module call, the baseline and ratios. */
async function measure(
  portal: RunningPortal,
  print: (line?: string) => void,
  targets: boolean,
): Promise<void> {
  const securityServer = portal.sandbox?.xroadEeUrl
  if (!securityServer) throw new Error('The bench portal has no sandbox')
  const citizens = await signIn(portal, CITIZENS)

  const [module, baseline, single] = await measureInTurns([
    {
      origin: portal.url,
      operations: citizens.map((c) => [
        { path: OPERATION, headers: { Cookie: c.cookie } },
      ]),
    },
    {
      origin: securityServer,
      operations: citizens.map((c) => registerCalls(portal, c.personalCode)),
    },
    {
      origin: securityServer,
      operations: citizens.map((c) =>
        registerCalls(portal, c.personalCode).slice(0, 1),
      ),
    },
  ])
  if (!module || !baseline || !single) throw new Error('Nothing measured')

  print(line('module call', module))
  print(line('baseline', baseline))
  print(line('one register call', single))
  print(ratios('module/baseline', module, baseline))
  print(ratios('module/one call', module, single))
  if (targets) {
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED')
    const p50 = module.p50Ms / baseline.p50Ms
    print(
      `  targets: ≥ ${rate(TARGET_PER_SECOND)} calls/s ` +
        `${met(module.perSecond >= TARGET_PER_SECOND)}, ` +
        `p50 ≤ ${TARGET_P50_RATIO}× baseline ${met(p50 <= TARGET_P50_RATIO)}`,
    )
  }
}

/** The machine's load, printed beside figures taken on it. */
export const loadAverage = () =>
  `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`

async function withPortal(
  env: Record<string, string>,
  distDir: string,
  use: (portal: RunningPortal) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-calls-'))
  try {
    const portal = await startPortal({
      ...ALL_ON_FREE_PORTS,
      ...env,
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      SANDBOX: 'on',
      LOG_LEVEL: 'warn',
      // The citizens sign in one after another from one address.
      SANDBOX_MOBILE_ID_DELAY_MS: '20',
      SIGN_IN_RATE_LIMIT: String(CITIZENS * 2),
    })
    try {
      await use(portal)
    } finally {
      await portal.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Waits until the portal's pool has really hung up: pg's pool.end()
 * resolves before its connections close, and a server stopping under an
 * open connection makes the pool throw.
 */
export async function clientsGone(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      )
      if (rows[0]?.n === 0) return
      await sleep(50)
    }
  } finally {
    await client.end()
  }
}

/**
 * Throughput and latency of an authenticated module call (client → portal
 * → security server → population register) against, as the baseline, the
 * same register calls sent straight to the security server with the
 * headers the portal's gateway sends; on PostgreSQL and on PGlite.
 */
export const moduleCallsSection: BenchSection = {
  id: 'module-calls',
  title:
    `Module calls (${CONCURRENCY} in flight, ${DURATION_MS / 1000} s of ` +
    `each kind in ${ROUNDS} turns after warm-up, ${CITIZENS} citizens)`,
  async run({ distDir, print }) {
    print(
      `Module call: GET ${OPERATION} as one of ${CITIZENS} citizens ` +
        'signed in through sandbox Mobile-ID (portal → security server → ' +
        'population register, 2 register calls).',
    )
    print(
      'Baseline: those 2 register calls sent at once straight to the ' +
        "security server with the gateway's X-Road headers. Log level warn.",
    )
    const postgres = await startPostgres()
    try {
      print(`PostgreSQL (throw-away server, fsync off; ${loadAverage()}):`)
      await withPortal({ DATABASE_URL: postgres.url }, distDir, (portal) =>
        measure(portal, print, true),
      )
    } finally {
      await clientsGone(postgres.url)
      await postgres.stop()
    }
    print(`PGlite (embedded; ${loadAverage()}):`)
    await withPortal({}, distDir, (portal) => measure(portal, print, false))
  },
}
