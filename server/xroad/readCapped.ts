/** Thrown when an answer is, or announces itself as, larger than the cap. */
export class ResponseTooLarge extends Error {
  override name = 'ResponseTooLarge'

  constructor(readonly cap: number) {
    super(`The answer is larger than ${cap} bytes.`)
  }
}
