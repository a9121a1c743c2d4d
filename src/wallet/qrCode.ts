/**
 * A QR code as an SVG path, drawn from the module matrix that `uqr` (MIT,
 * no dependencies, runs offline) encodes. One path of unit squares keeps
 * the SVG small and crisp at any size.
 */
import { encode } from 'uqr'

/** A QR code ready to draw: its side in modules and its dark modules. */
export interface QrDrawing {
  /** Modules per side, the quiet zone included. */
  size: number
  /** SVG path data of the dark modules, one unit per module. */
  path: string
}

/** The QR code of a text, error correction M, with a 4-module quiet zone. */
export function qrDrawing(text: string): QrDrawing {
  const { size, data } = encode(text, { ecc: 'M', border: 4 })
  const squares: string[] = []
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) squares.push(`M${x} ${y}h1v1h-1z`)
    }),
  )
  return { size, path: squares.join('') }
}

/** The matrix itself, for checks: true for a dark module. */
export function qrMatrix(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 4 }).data
}
