import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyCosignatures } from '../../common/checkpoint/cosignature.ts'
import {
  generateSigner,
  SIGNATURE_TYPE,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { buildWitnessApp } from '../witness/app.ts'
import { submitCheckpoint } from '../witness/client.ts'
import { migrateWitness } from '../witness/db/migrate.ts'
import { Witness, logKeysOf } from '../witness/witness.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { UsageLog } from './usageLog.ts'
import { entry } from './usageLogTestKit.ts'
import { CheckpointWitnessing } from './witnessing.ts'

const WITNESSED = 'ee-dev/GOV/70008440/population usage log'
const SKIPPED_AHEAD = 'ee-dev/GOV/70000349/emta usage log'
const UNKNOWN = 'ee-dev/GOV/1/unknown usage log'

describe.each(testDatabases())('a usage log witnessed on $name', (engine) => {
  let database: PortalDatabase
  let db: Kysely<unknown>
  let witnessApp: FastifyInstance
  let witnessUrl: string
  const witnessSigner = generateSigner(
    'witness.test/w1',
    SIGNATURE_TYPE.cosignatureV1,
  )
  const witnessKey = verifierOf(witnessSigner)
  const logSigners = new Map(
    [WITNESSED, SKIPPED_AHEAD].map((origin) => [
      origin,
      generateSigner(origin.replace(/\s+/g, '-')),
    ]),
  )
  const warnings: string[] = []
  const logger = {
    warn: (_: object, message: string) => warnings.push(message),
  }

  const open = (origin: string) =>
    UsageLog.open(db, {
      origin,
      signer: logSigners.get(origin) ?? generateSigner('unknown'),
      witnesses: [witnessKey],
    })

  beforeAll(async () => {
    database = await engine.open()
    db = database.db as Kysely<unknown>
    await migrateUsageLog(db)
    await migrateWitness(db)
    const silent = pino({ level: 'silent' })
    const witness = new Witness({
      db,
      signer: witnessSigner,
      logs: logKeysOf(
        new Map([...logSigners].map(([o, s]) => [o, verifierOf(s)])),
      ),
      log: silent,
    })
    witnessApp = buildWitnessApp({
      witness,
      log: silent as FastifyBaseLogger,
    })
    witnessUrl = await witnessApp.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await witnessApp?.close()
    await database?.close()
  })

  it('gets each new checkpoint cosigned after its commit', async () => {
    const log = await open(WITNESSED)
    const witnessing = new CheckpointWitnessing({
      log,
      witnessUrl,
      witnessKey,
      logger,
    })
    log.onCommit(() => witnessing.notify())
    let n = 0
    for (const batch of [1, 5, 3]) {
      await Promise.all(
        Array.from({ length: batch }, () => log.append(entry(n++))),
      )
      await witnessing.idle()
      const witnessed = await log.latestWitnessedCheckpoint()
      expect(witnessed?.size).toBe(n)
      const [cosignature] = verifyCosignatures(witnessed!.note, [witnessKey])
      expect(cosignature?.witness).toBe(witnessKey.name)
    }
    expect(warnings).toEqual([])
    await witnessing.stop()
  })

  it('starts from the size the witness holds when it says so (409)', async () => {
    const log = await open(SKIPPED_AHEAD)
    for (let i = 0; i < 4; i++) await log.append(entry(i))
    const three = (await log.checkpoint(3))!
    // The witness learnt size 3 elsewhere (say, from another instance).
    await submitCheckpoint(witnessUrl, {
      oldSize: 0,
      consistencyProof: await log.consistencyProof(0, 3),
      note: three.signedNote,
    })
    const witnessing = new CheckpointWitnessing({
      log,
      witnessUrl,
      witnessKey,
      logger,
    })
    witnessing.notify()
    await witnessing.idle()
    expect((await log.latestWitnessedCheckpoint())?.size).toBe(4)
    expect(warnings).toEqual([])
  })

  it('leaves a log no witness cosigns unwitnessed, and says why', async () => {
    const log = await open(UNKNOWN)
    await log.append(entry(0))
    const witnessing = new CheckpointWitnessing({
      log,
      witnessUrl,
      witnessKey,
      logger,
    })
    witnessing.notify()
    await witnessing.idle()
    expect(await log.latestWitnessedCheckpoint()).toBeUndefined()
    expect(warnings).toEqual([
      'the witness did not cosign the usage log checkpoint',
    ])
  })
})
