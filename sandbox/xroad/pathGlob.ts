/**
 * Path globs of access rights, matched segment by segment: `*` stands for
 * any run of characters within one segment, `**` for any number of whole
 * segments (none included). `/persons/*` matches `/persons/123` but not
 * `/persons/123/family`; `/persons/**` matches both, and `/persons`.
 */

/** Splits `/a/b` into `['a', 'b']`; `/` and `` have no segments. */
export function pathSegments(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path
  return trimmed === '' ? [] : trimmed.split('/')
}

function segmentMatches(pattern: string, segment: string): boolean {
  if (!pattern.includes('*')) return pattern === segment
  const parts = pattern.split('*')
  const first = parts[0] ?? ''
  const last = parts[parts.length - 1] ?? ''
  if (!segment.startsWith(first)) return false
  if (segment.length < first.length + last.length) return false
  if (!segment.endsWith(last)) return false

  // Middle pieces must appear in order between the fixed start and end.
  let position = first.length
  const end = segment.length - last.length
  for (const piece of parts.slice(1, -1)) {
    const found = segment.indexOf(piece, position)
    if (found === -1 || found + piece.length > end) return false
    position = found + piece.length
  }
  return true
}

/**
 * True when `segments` (already percent-decoded) match the glob. Globs are
 * short and hand-written, so plain backtracking is fast enough.
 */
export function matchPathGlob(glob: string, segments: string[]): boolean {
  const patterns = pathSegments(glob)

  const match = (p: number, s: number): boolean => {
    if (p === patterns.length) return s === segments.length
    const pattern = patterns[p] ?? ''
    if (pattern === '**') {
      for (let skip = s; skip <= segments.length; skip++) {
        if (match(p + 1, skip)) return true
      }
      return false
    }
    const segment = segments[s]
    if (segment === undefined || !segmentMatches(pattern, segment)) {
      return false
    }
    return match(p + 1, s + 1)
  }
  return match(0, 0)
}
