import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { openAccount } from '../../providers/estcoin-ledger/grants.ts'
import { ledgerProblems } from '../../providers/estcoin-ledger/invariants.ts'
import { person } from '../../providers/estcoin-ledger/ledgerTestKit.ts'
import { SANDBOX_LEDGER_SERVICE } from '../../sandbox/estcoin.ts'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'
import { sessionCookieName } from '../../server/session/sessionPlugin.ts'
import { SessionStore } from '../../server/session/sessionStore.ts'
import { WALLET_ISSUE } from '../../server/wallet/ledgerClient.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import { startPostgres } from '../../tests/support/postgresServer.ts'
import type { BenchSection } from './context.ts'
import {
  ACCOUNTS,
  CLIENTS,
  DURATION_MS,
  HOT_ACCOUNTS,
  line,
  measureTransfers,
  met,
  OPENING_BALANCE,
  rate,
  sqlTransfer,
  WARM_UP_MS,
  type SendTransfer,
} from './ledgerSql.ts'
import type { LoadResult } from './loadPlan.ts'
import { clientsGone, loadAverage } from './moduleCalls.ts'

/** The portal layer's target on PostgreSQL, from issue 7. */
const TARGET_PORTAL_PER_SECOND = 300

const errorCode = (body: unknown) =>
  (body as { error?: { code?: string } } | null)?.error?.code ?? 'no code'

/** The ledger service through the sandbox security server, as the portal calls it. */
function serviceTransfer(portal: RunningPortal): SendTransfer {
  const gateway = createGateway({
    securityServerUrl: portal.sandbox?.xroadEeUrl ?? '',
    client: portal.config.xroadClient,
    log: pino({ level: 'silent' }),
  })
  return async ({ from, ...order }) => {
    const response = await gateway.send({
      service: SANDBOX_LEDGER_SERVICE,
      method: 'POST',
      path: '/transfers',
      body: order,
      userId: `EE${from}`,
      issue: WALLET_ISSUE,
    })
    if (response.status !== 201) {
      throw new Error(`${response.status} ${errorCode(response.body)}`)
    }
  }
}

/** `POST /api/wallet/transfers` over HTTP, as the sender's browser sends it. */
function portalTransfer(
  portal: RunningPortal,
  cookies: Map<string, string>,
): SendTransfer {
  const url = `${portal.url}/api/wallet/transfers`
  return async ({ from, ...order }) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        Origin: portal.config.publicOrigin,
        Cookie: cookies.get(from) ?? '',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(order),
    })
    const body: unknown = await response.json()
    if (response.status !== 201) {
      throw new Error(`${response.status} ${errorCode(body)}`)
    }
  }
}

const ratio = (layer: LoadResult, baseline: LoadResult) =>
  `${(layer.perSecond / Math.max(baseline.perSecond, 1)).toFixed(2)}× SQL`

/** Funds the accounts, signs their owners in, measures the three layers. */
async function measureEngine(
  portal: RunningPortal,
  print: (line?: string) => void,
  targets: boolean,
): Promise<void> {
  const db = portal.db as unknown as Kysely<unknown>
  const people = Array.from({ length: ACCOUNTS }, (_, i) => person(i))
  const store = new SessionStore(portal.db)
  const cookies = new Map<string, string>()
  for (const code of people) {
    await openAccount(db, code, { welcomeGrant: OPENING_BALANCE })
    // Sessions made directly: the section measures transfers, not sign-in.
    const { id } = await store.create({
      personalCode: code,
      givenName: 'BENCH',
      familyName: 'PERSON',
      method: 'mobile-id',
      assurance: 'high',
    })
    cookies.set(code, `${sessionCookieName(false)}=${id}`)
  }
  const layers: [string, SendTransfer][] = [
    ['SQL', sqlTransfer(db)],
    ['service via X-Road', serviceTransfer(portal)],
    ['portal POST', portalTransfer(portal, cookies)],
  ]

  let portalSpread: LoadResult | undefined
  for (const [label, group] of [
    [`${rate(ACCOUNTS)} accounts`, people],
    [`${HOT_ACCOUNTS} hot accounts`, people.slice(0, HOT_ACCOUNTS)],
  ] as const) {
    print(` ${label}:`)
    let baseline: LoadResult | undefined
    for (const [layer, send] of layers) {
      const result = await measureTransfers(send, [...group])
      baseline ??= result
      if (layer === 'portal POST' && group === people) portalSpread = result
      print(`${line(layer, result)}  (${ratio(result, baseline)})`)
    }
  }
  if (targets && portalSpread) {
    print(
      `  target: portal layer ≥ ${TARGET_PORTAL_PER_SECOND}/s ` +
        `(${rate(ACCOUNTS)} accounts) ` +
        met(portalSpread.perSecond >= TARGET_PORTAL_PER_SECOND),
    )
  }
  const problems = await ledgerProblems(db)
  print(
    problems.length === 0
      ? '  invariants hold after the load'
      : `  INVARIANTS BROKEN: ${problems.slice(0, 5).join('; ')}`,
  )
}

async function withPortal(
  env: Record<string, string>,
  distDir: string,
  use: (portal: RunningPortal) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-layers-'))
  try {
    const portal = await startPortal({
      ...ALL_ON_FREE_PORTS,
      ...env,
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      SANDBOX: 'on',
      SANDBOX_SCENARIO_SIZE: '0',
      LOG_LEVEL: 'warn',
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
 * The EstCoin transfer at three layers in one run, on one database: the
 * ledger's SQL transfer in-process (the baseline), the ledger service
 * through the sandbox security server (the portal's gateway, without the
 * portal), and the portal's `POST /api/wallet/transfers` over HTTP with
 * a session cookie; on PostgreSQL and on PGlite.
 */
export const ledgerLayersSection: BenchSection = {
  id: 'ledger-layers',
  title:
    `EstCoin transfer at three layers (${CLIENTS} concurrent clients, ` +
    `${DURATION_MS / 1000} s each after ${WARM_UP_MS / 1000} s warm-up)`,
  async run({ print, distDir }) {
    print(
      'Random sender and recipient, 1–100 cents; the portal, its sandbox ' +
        'security server and the ledger service in one process, on one ' +
        'database. Ratios are to the SQL layer of the same spread.',
    )
    const postgres = await startPostgres()
    try {
      await withPortal({ DATABASE_URL: postgres.url }, distDir, (portal) => {
        print(`PostgreSQL (throw-away server, fsync off; ${loadAverage()}):`)
        return measureEngine(portal, print, true)
      })
    } finally {
      await clientsGone(postgres.url)
      await postgres.stop()
    }
    await withPortal({}, distDir, (portal) => {
      print(`PGlite (embedded, on disk; ${loadAverage()}):`)
      return measureEngine(portal, print, false)
    })
  },
}
