/** Thrown when an answer is, or announces itself as, larger than the cap. */
export class ResponseTooLarge extends Error {
  override name = 'ResponseTooLarge'

  constructor(readonly cap: number) {
    super(`The answer is larger than ${cap} bytes.`)
  }
}

/**
 * Reads an answer's body as UTF-8 text, at most `cap` bytes. A larger
 * `Content-Length` is refused before reading; a body that grows past the
 * cap is cancelled as soon as it does, so an endless answer cannot fill
 * the portal's memory.
 */
export async function readCapped(
  response: Response,
  cap: number,
): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > cap) {
    await response.body?.cancel()
    throw new ResponseTooLarge(cap)
  }
  if (!response.body) return ''

  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > cap) {
      await reader.cancel()
      throw new ResponseTooLarge(cap)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
