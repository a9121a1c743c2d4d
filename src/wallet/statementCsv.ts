/**
 * A monthly statement as CSV for a spreadsheet: one row per transfer,
 * amounts as plain decimals with a point (what spreadsheets read in any
 * language), times in UTC and in Tallinn.
 */
import type { StatementEntry, WalletStatement } from '@/api/wallet'
import { csvText } from '@/utils/csv'
import { centsToInput } from './amount'

const COLUMNS = [
  'createdAt',
  'tallinnTime',
  'direction',
  'counterpartyCode',
  'counterpartyName',
  'amountEst',
  'balanceAfterEst',
  'description',
  'transferId',
] as const

/** Tallinn wall-clock time of an instant, `YYYY-MM-DD HH:mm:ss`. */
export function tallinnDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`
}

function row(entry: StatementEntry, treasuryName: string): string[] {
  return [
    entry.createdAt,
    tallinnDateTime(entry.createdAt),
    entry.direction,
    entry.counterparty.personalCode ?? '',
    entry.counterparty.maskedName ?? treasuryName,
    centsToInput(entry.amount),
    centsToInput(entry.balanceAfter),
    entry.description,
    entry.id,
  ]
}

/**
 * The statement's transfers, oldest first, as RFC 4180 CSV.
 * @param treasuryName what to call the treasury, which has no name or code
 */
export function statementToCsv(
  statement: WalletStatement,
  treasuryName = 'EstCoin treasury',
): string {
  const entries = [...statement.entries].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  )
  return csvText(
    COLUMNS,
    entries.map((entry) => row(entry, treasuryName)),
  )
}
