/**
 * A person's name as a payer may see it before sending money: enough to
 * recognise someone they know, too little to learn a stranger's name.
 * Runs in the browser too.
 */

/** What separates the parts of a name; kept as they are. */
const SEPARATOR = /[\s\-‐‑’']/u

/**
 * Keeps the first letter of each part of `name` and every separator
 * (spaces, hyphens, apostrophes ’ and ') and writes `*` for every other
 * letter: `MARY ÄNN O’CONNEŽ-ŠUSLIK` → `M*** Ä** O’C*****-Š*****`. Letters
 * are counted as code points after NFC, so `Ä` is one letter whether it
 * was sent composed or not.
 */
export function maskName(name: string): string {
  let masked = ''
  let partStart = true
  for (const char of name.normalize('NFC').trim()) {
    if (SEPARATOR.test(char)) {
      masked += char
      partStart = true
    } else {
      masked += partStart ? char : '*'
      partStart = false
    }
  }
  return masked
}
