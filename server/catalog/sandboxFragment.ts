import type { FastifyInstance } from 'fastify'

/** An access right the sandbox security server grants a client. */
export interface AccessRight {
  /** Client subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  client: string
  /** Service id, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`. */
  service: string
  methods: string[]
  /** Path glob below the service: `*` within a segment, `**` across. */
  path: string
}

/**
 * What a module folder may add to the sandbox: a stub provider for its
 * agency's services and the access rights the security server needs, so a
 * new module runs in the sandbox without edits elsewhere.
 */
export interface ModuleSandbox {
  /** Providers keyed by service id; each is a Fastify plugin at its root. */
  providers?: Record<string, (app: FastifyInstance) => Promise<void> | void>
  accessRights?: AccessRight[]
}

/** Identity helper that gives a module's `sandbox.ts` its type. */
export function defineSandbox(sandbox: ModuleSandbox): ModuleSandbox {
  return sandbox
}
