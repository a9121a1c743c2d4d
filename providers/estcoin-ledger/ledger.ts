import type { Kysely } from 'kysely'
import { findAccount, type Account } from './accounts.ts'
import {
  DEFAULT_WELCOME_GRANT,
  openAccount,
  runMonthlyGrant,
  type MonthlyGrantRun,
} from './grants.ts'
import { accountHistory, type LedgerEntry } from './history.ts'
import { monthlyStatement, type MonthlyStatement } from './statement.ts'
import {
  transfer,
  type TransferRequest,
  type TransferResult,
} from './transfer.ts'

/** How a ledger is set up. */
export interface LedgerSettings {
  /** A database migrated with migrateLedger. */
  db: Kysely<unknown>
  /** Cents granted on a person's first sign-in; 10000 unless told, 0 for none. */
  welcomeGrant?: number
  /** Cents granted to each person's account per Tallinn month; 0 for none. */
  monthlyGrant?: number
  /** The clock; tests move it. */
  now?: () => Date
}

/** The EstCoin ledger's operations, which its API and scheduler call. */
export interface Ledger {
  /** See transfer.ts: a client's transfer, idempotent by id. */
  transfer(request: {
    [K in keyof TransferRequest]: unknown
  }): Promise<TransferResult>
  /** The sign-in hook: opens the account and issues the welcome grant once. */
  openAccount(
    personalCode: string,
  ): Promise<{ account: Account; grant?: TransferResult }>
  /** The account, or undefined when never opened. */
  account(owner: string): Promise<Account | undefined>
  /** A page of entries, newest first. */
  history(
    owner: string,
    page?: { limit?: number; before?: number },
  ): Promise<LedgerEntry[]>
  /** A Tallinn month's statement, `YYYY-MM`. */
  statement(owner: string, month: string): Promise<MonthlyStatement>
  /** Pays the current month's community grant where not yet paid. */
  runMonthlyGrant(): Promise<MonthlyGrantRun>
}

/** A ledger over one database with its grant settings. */
export function createLedger(settings: LedgerSettings): Ledger {
  const { db } = settings
  const now = settings.now ?? (() => new Date())
  const welcomeGrant = settings.welcomeGrant ?? DEFAULT_WELCOME_GRANT
  return {
    transfer: (request) => transfer(db, request, now),
    openAccount: (code) => openAccount(db, code, { welcomeGrant, now }),
    account: (owner) => findAccount(db, owner),
    history: (owner, page) => accountHistory(db, owner, page),
    statement: (owner, month) => monthlyStatement(db, owner, month),
    runMonthlyGrant: () =>
      runMonthlyGrant(db, { amount: settings.monthlyGrant ?? 0, now }),
  }
}
