import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import { accepts } from './accepts.ts'
import { USAGE_ERRORS, UsageError, type UsageErrorCode } from './errors.ts'
import { parseFindUsageQuery } from './findUsageQuery.ts'
import { usageLogOpenApi } from './openApi.ts'
import type { UsageLogRecord } from './record.ts'
import type { StoredRecord, UsageLog } from './usageLog.ts'

/** What a register's usage log service needs. */
export interface UsageProviderOptions {
  log: UsageLog
  /**
   * A member's name by `INSTANCE/CLASS/MEMBER`, for `receiverName`;
   * called at query time, so it may learn members after start-up.
   */
  members?: (member: string) => string | undefined
  logger?: FastifyBaseLogger
  /** The clock for usagePeriod and for covert records' visibility. */
  now?: () => Date
}

/** One record as the Data Tracker usage protocol shows it, with its proof. */
export interface UsageView {
  logtime: string
  action: string
  receiverCode: string
  receiverName?: string
  receiverSystem: string
  /** The whole salted record; its canonical JSON is the leaf's data. */
  record: UsageLogRecord
  leafIndex: number
  /** Not yet covered by a witnessed checkpoint: no proof yet. */
  pending: boolean
  /** Base64 hashes proving the leaf in the tree of `treeSize`; null when pending. */
  proof: string[] | null
  /** The witnessed checkpoint's size the proof leads to; null when pending. */
  treeSize: number | null
}

function sendError(reply: FastifyReply, code: UsageErrorCode) {
  const { status, message } = USAGE_ERRORS[code]
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } })
}

const SIZE = /^(0|[1-9][0-9]{0,15})$/

/** A tree size from the path or query, or INVALID_SIZE. */
function size(text: string | undefined): number {
  if (text === undefined || !SIZE.test(text)) {
    throw new UsageError('INVALID_SIZE')
  }
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new UsageError('INVALID_SIZE')
  return value
}

/** The personal code in `X-Road-UserId`, without its country prefix. */
function personOf(request: FastifyRequest): string {
  const userId = request.headers['x-road-userid']
  if (typeof userId !== 'string' || userId.trim() === '') {
    throw new UsageError('MISSING_USER_ID')
  }
  const id = userId.trim()
  return id.startsWith('EE') ? id.slice(2) : id
}

/**
 * A register's usage log as an X-Road provider: the Data Tracker
 * (Andmejälgija) usage protocol v2 (`findUsage`, `usagePeriod`,
 * `heartbeat`), each usage also carrying its whole salted record, its
 * leaf index and its inclusion proof against the latest witnessed
 * checkpoint (newer records are `pending`); and the log's transparency
 * calls: `checkpoint` (latest, with cosignatures, text/plain),
 * `checkpoint/{size}` and `consistency?from=&to=`. A person reads only
 * their own records: `userCode` must name the `X-Road-UserId`. Answers
 * are personal data: none is cached or logged.
 */
export function buildUsageProvider(
  options: UsageProviderOptions,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
  })
  const { log } = options
  const now = options.now ?? (() => new Date())
  const openApi = usageLogOpenApi(log.origin)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const type = request.url.startsWith('/checkpoint')
      ? 'text/plain'
      : 'application/json'
    if (!accepts(request, type)) return sendError(reply, 'NOT_ACCEPTABLE')
  })

  app.get('/openapi.json', async () => openApi)

  const view = (
    stored: StoredRecord,
    proof: Uint8Array[] | undefined,
    treeSize: number | undefined,
  ): UsageView => {
    const { record } = stored
    const member = record.who.client.split('/').slice(0, 3).join('/')
    const receiverName = options.members?.(member) ?? record.who.memberName
    return {
      logtime: record.when,
      action: record.what.action,
      receiverCode: record.who.memberCode,
      ...(receiverName === undefined ? {} : { receiverName }),
      receiverSystem: record.who.subsystem ?? record.who.memberCode,
      record,
      leafIndex: stored.index,
      pending: proof === undefined,
      proof: proof === undefined ? null : proof.map(toBase64),
      treeSize: proof === undefined ? null : (treeSize ?? null),
    }
  }

  app.get('/v2/findUsage', async (request) => {
    const asker = personOf(request)
    const search = request.url.split('?')[1] ?? ''
    const query = parseFindUsageQuery(search)
    if (query.personalCode !== asker) throw new UsageError('NOT_YOUR_RECORDS')
    const witnessed = await log.latestWitnessedCheckpoint()
    const page = await log.findRecords({ ...query, now: now() })
    const covered = page.records.filter(
      (r) => witnessed !== undefined && r.index < witnessed.size,
    )
    const proofs = witnessed
      ? await log.inclusionProofs(
          covered.map((r) => r.index),
          witnessed.size,
        )
      : []
    const proofOf = new Map(covered.map((r, i) => [r.index, proofs[i]]))
    return {
      totalUsages: page.total,
      usages: page.records.map((r) =>
        view(r, proofOf.get(r.index), witnessed?.size),
      ),
      ...(witnessed
        ? { checkpoint: { size: witnessed.size, note: witnessed.note } }
        : {}),
    }
  })

  app.get('/v2/usagePeriod', async () => {
    const oldest = (await log.oldestRecord()) ?? now()
    return { periodStart: oldest.toISOString() }
  })

  app.get('/v2/heartbeat', async (request, reply) => {
    try {
      await log.size()
    } catch (err) {
      request.log.error({ err }, 'usage log database does not answer')
      return sendError(reply, 'UNAVAILABLE')
    }
    return { status: 'OK', message: 'The usage log is ready.' }
  })

  const sendNote = (reply: FastifyReply, note: string | undefined) =>
    note === undefined
      ? sendError(reply, 'NO_CHECKPOINT')
      : reply.type('text/plain; charset=utf-8').send(note)

  app.get('/checkpoint', async (_request, reply) =>
    sendNote(reply, (await log.latestCheckpoint())?.note),
  )

  app.get('/checkpoint/:size', async (request, reply) => {
    const { size: text } = request.params as { size: string }
    return sendNote(reply, (await log.checkpoint(size(text)))?.note)
  })

  app.get('/consistency', async (request) => {
    const params = new URLSearchParams(request.url.split('?')[1] ?? '')
    if (
      [...params.keys()].some((k) => k !== 'from' && k !== 'to') ||
      params.getAll('from').length !== 1 ||
      params.getAll('to').length !== 1
    ) {
      throw new UsageError('INVALID_PARAMETER')
    }
    const from = size(params.get('from') ?? undefined)
    const to = size(params.get('to') ?? undefined)
    const proof = await log.consistencyProof(from, to)
    return { from, to, proof: proof.map(toBase64) }
  })

  app.setNotFoundHandler((_request, reply) => sendError(reply, 'NOT_FOUND'))
  app.setErrorHandler((error: FastifyError | UsageError, request, reply) => {
    if (error instanceof UsageError) return sendError(reply, error.code)
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, 'BAD_REQUEST')
    }
    request.log.error({ err: error }, 'usage log failed')
    return sendError(reply, 'INTERNAL')
  })
  return app
}
