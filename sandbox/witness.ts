import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import {
  formatVerifierKey,
  verifierOf,
  type NoteVerifier,
} from '../common/checkpoint/keys.ts'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '../common/checkpoint/sandboxKeys.ts'
import { buildWitnessApp } from '../providers/witness/app.ts'
import { migrateWitness } from '../providers/witness/db/migrate.ts'
import { Witness, logKeysOf } from '../providers/witness/witness.ts'

/** The origin of a register subsystem's usage log in the sandbox. */
export const sandboxUsageLogOrigin = (subsystem: string) =>
  `${subsystem} usage log`

/** The sandbox's witness, running. */
export interface SandboxWitness {
  url: string
  /** Its verifier key, as logs and the PWA pin it. */
  verifierKey: string
  app: FastifyInstance
}

/**
 * Starts one witness of the sandbox's usage logs, in-process on the
 * sandbox's database, with the sandbox's public deterministic keys (see
 * common/checkpoint/sandboxKeys.ts): the PWA pins them at build time.
 */
export async function startSandboxWitness(options: {
  db: Kysely<unknown>
  log: Logger
  /** Origins of the logs it witnesses. */
  origins: readonly string[]
  /** 0 takes a free port. */
  port: number
}): Promise<SandboxWitness> {
  await migrateWitness(options.db)
  const signer = sandboxWitnessSigner()
  const logs = new Map<string, NoteVerifier>(
    options.origins.map((origin) => [
      origin,
      verifierOf(sandboxLogSigner(origin)),
    ]),
  )
  const witness = new Witness({
    db: options.db,
    signer,
    logs: logKeysOf(logs),
    log: options.log,
  })
  const app = buildWitnessApp({
    witness,
    log: options.log as FastifyBaseLogger,
  })
  try {
    await app.listen({ port: options.port, host: '127.0.0.1' })
  } catch (error) {
    await app.close()
    throw error
  }
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) {
    throw new Error('The sandbox witness did not report its port')
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    verifierKey: formatVerifierKey(verifierOf(signer)),
    app,
  }
}
