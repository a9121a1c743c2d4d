/**
 * The prefix a service module's own error codes carry: its id in upper
 * snake case, e.g. `TAX_DECLARATION_` for `tax-declaration`.
 */
export function moduleErrorPrefix(moduleId: string): string {
  return moduleId.toUpperCase().replace(/-/g, '_') + '_'
}
