/** The ways to sign in, in the order the sign-in page offers them. */
export const SIGN_IN_METHODS = ['mobile-id', 'smart-id', 'id-card'] as const

/** One way to sign in; also its value in the sign-in page's `?method=`. */
export type SignInMethod = (typeof SIGN_IN_METHODS)[number]

/** The method a `?method=` query names; Mobile-ID when it names none. */
export function parseSignInMethod(value: unknown): SignInMethod {
  return SIGN_IN_METHODS.find((method) => method === value) ?? 'mobile-id'
}
