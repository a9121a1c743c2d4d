import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { qrDrawing, qrMatrix } from './qrCode'

/** Paints a module matrix as an RGBA image, `scale` pixels per module. */
function paint(matrix: boolean[][], scale = 4) {
  const side = matrix.length * scale
  const pixels = new Uint8ClampedArray(side * side * 4)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dark = matrix[Math.floor(y / scale)]?.[Math.floor(x / scale)]
      const value = dark ? 0 : 255
      pixels.set([value, value, value, 255], (y * side + x) * 4)
    }
  }
  return { pixels, side }
}

describe('qrDrawing', () => {
  it('encodes a payment request link that a QR reader gives back', () => {
    const link =
      'https://portal.example/wallet/send?to=38001085718&amount=1250' +
      '&description=Kohv+%26+saiake%2C+%C3%95ism%C3%A4e'
    const { pixels, side } = paint(qrMatrix(link))
    expect(jsQR(pixels, side, side)?.data).toBe(link)
  })

  it('draws one unit square per dark module inside a quiet zone', () => {
    const text = 'https://portal.example/wallet/send?to=38001085718'
    const matrix = qrMatrix(text)
    const { size, path } = qrDrawing(text)
    expect(size).toBe(matrix.length)
    const dark = matrix.flat().filter(Boolean).length
    expect(path.match(/M/g)).toHaveLength(dark)
    // Four light modules on each side: the quiet zone readers need.
    expect(matrix[0]?.some(Boolean)).toBe(false)
    expect(matrix[3]?.some(Boolean)).toBe(false)
    expect(matrix[4]?.[4]).toBe(true)
  })
})
