import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { SignInRateLimit } from '../auth/rateLimit.ts'
import type { WalletConfig } from '../config.ts'
import type { Database } from '../db/schema.ts'
import type { Citizen } from '../session/sessionStore.ts'
import type { Gateway } from '../xroad/gateway.ts'
import { createLedgerClient, type LedgerClient } from './ledgerClient.ts'
import { WalletNames } from './walletNames.ts'

/** The longest sign-in waits for the ledger to open an account. */
const WELCOME_TIMEOUT_MS = 3_000

/** The wallet's parts, shared by its routes and the sign-in hook. */
export interface Wallet {
  ledger: LedgerClient
  names: WalletNames
  gateway: Gateway
  populationService: string
  /** Recipient previews, counted per citizen per minute in the database. */
  previewLimit: SignInRateLimit
  /**
   * Called on every sign-in: remembers the citizen's masked name and
   * opens their account, which issues the welcome grant the first time.
   */
  welcome(citizen: Citizen): Promise<void>
}

/** Builds the wallet over the portal's gateway and database. */
export function createWallet(options: {
  config: WalletConfig
  gateway: Gateway
  db: Kysely<Database>
  log: FastifyBaseLogger
  clock?: () => Date
}): Wallet {
  const ledger = createLedgerClient({
    gateway: options.gateway,
    service: options.config.ledgerService,
    log: options.log,
  })
  const names = new WalletNames(options.db, options.clock)
  return {
    ledger,
    names,
    gateway: options.gateway,
    populationService: options.config.populationService,
    previewLimit: new SignInRateLimit(
      options.db,
      options.config.previewRateLimit,
      options.clock,
    ),
    async welcome(citizen) {
      await names.remember(
        citizen.personalCode,
        `${citizen.givenName} ${citizen.familyName}`,
      )
      // Sign-in waits for this, so not for long: GET /api/wallet opens
      // the account later if the ledger is slow or down now.
      await ledger.account(citizen.personalCode, {
        timeoutMs: WELCOME_TIMEOUT_MS,
      })
    },
  }
}
