/**
 * CSV as RFC 4180 describes it, made safe to open in a spreadsheet: a
 * field that would start a formula is neutralised.
 */

/** One field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  // A leading = + - @ makes spreadsheets run a formula: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A header and rows as one CSV text, each line ended by CRLF. */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(',') + '\r\n')
    .join('')
}
