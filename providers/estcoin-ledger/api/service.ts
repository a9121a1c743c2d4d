import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { startMonthlyGrantScheduler } from '../grants.ts'
import { createLedger } from '../ledger.ts'
import { buildLedgerApp } from './app.ts'
import type { EstcoinSettings } from './settings.ts'

/**
 * The ledger service as one process hosts it: the HTTP app and the
 * monthly grant scheduler (now, then hourly; behind an advisory lock, so
 * several hosts pay once). Closing the app stops the scheduler.
 */
export function hostLedgerService(options: {
  db: Kysely<unknown>
  settings: EstcoinSettings
  log: FastifyBaseLogger
  now?: () => Date
}): FastifyInstance {
  const { db, settings, log } = options
  const ledger = createLedger({
    db,
    welcomeGrant: settings.welcomeGrant,
    monthlyGrant: settings.monthlyGrant,
    now: options.now,
  })
  const app = buildLedgerApp({
    ledger,
    signatureThreshold: settings.signatureThreshold,
    log,
  })
  const stop = startMonthlyGrantScheduler(db, {
    amount: settings.monthlyGrant,
    onRun: (run) => {
      if (run.granted > 0) log.info(run, 'monthly grant paid')
    },
    onError: (err) => log.error({ err }, 'monthly grant failed'),
  })
  app.addHook('onClose', async () => stop())
  return app
}
