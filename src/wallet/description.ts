/** The ledger's limit on a transfer's description, in code points. */
export const DESCRIPTION_MAX = 140

/** Why a description cannot be sent, or undefined when it can. */
export function descriptionProblem(
  text: string,
): 'tooLong' | 'control' | undefined {
  if ([...text].length > DESCRIPTION_MAX) return 'tooLong'
  // The ledger stores and hashes the text as given: no control characters.
  if (/\p{Cc}/u.test(text)) return 'control'
  return undefined
}
