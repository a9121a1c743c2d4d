import type { NoteVerifier } from '../../common/checkpoint/keys.ts'
import { submitCheckpoint, WitnessSizeConflict } from '../witness/client.ts'
import type { UsageLog } from './usageLog.ts'

/** Where failures to reach the witness are reported. */
interface WarnLogger {
  warn(details: object, message: string): void
}

/** What a log's witnessing needs. */
export interface WitnessingOptions {
  log: UsageLog
  /** The witness's base URL (C2SP tlog-witness `add-checkpoint`). */
  witnessUrl: string
  /** The witness's key: only its valid cosignatures are stored. */
  witnessKey: NoteVerifier
  logger?: WarnLogger
  /**
   * The least time between two sends (200 ms): under load a log commits
   * many batches a second, and one cosignature covers them all.
   */
  minIntervalMs?: number
}

/**
 * Sends a log's newest checkpoint to a witness, with a consistency proof
 * from the size the witness holds, and stores the cosignature it answers.
 * `notify()` after commits: sends run one at a time, and commits made
 * during a send are covered by one more send of the newest checkpoint.
 * A witness that holds another size (409) is asked again from that size;
 * any other failure is logged and retried at the next commit, and the
 * records stay pending until a cosigned checkpoint covers them.
 */
export class CheckpointWitnessing {
  private running: Promise<void> | undefined
  private again = false
  private stopped = false
  /** The size the witness is believed to hold. */
  private witnessSize: number | undefined
  private lastSend = 0

  constructor(private readonly options: WitnessingOptions) {}

  /** Sends the newest checkpoint soon, unless one is being sent. */
  notify(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.loop().finally(() => (this.running = undefined))
  }

  /** Resolves once no send is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Sends nothing more; resolves once the running send ends. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.idle()
  }

  private async loop(): Promise<void> {
    do {
      const wait =
        this.lastSend + (this.options.minIntervalMs ?? 200) - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      if (this.stopped) return
      this.again = false
      this.lastSend = Date.now()
      try {
        await this.submitLatest()
      } catch (error) {
        this.witnessSize = undefined
        this.options.logger?.warn(
          { err: error, origin: this.options.log.origin },
          'the witness did not cosign the usage log checkpoint',
        )
      }
    } while (this.again && !this.stopped)
  }

  private async submitLatest(): Promise<void> {
    const { log, witnessUrl, witnessKey } = this.options
    const latest = await log.latestCheckpoint()
    if (!latest || latest.witnesses.includes(witnessKey.name)) return
    let oldSize =
      this.witnessSize ?? (await log.latestWitnessedCheckpoint())?.size ?? 0
    for (let attempt = 0; ; attempt++) {
      try {
        const lines = await submitCheckpoint(
          witnessUrl,
          {
            oldSize,
            consistencyProof: await log.consistencyProof(oldSize, latest.size),
            note: latest.signedNote,
          },
          { witnessKey },
        )
        for (const line of lines) await log.addCosignature(latest.size, line)
        this.witnessSize = latest.size
        return
      } catch (error) {
        const retry =
          error instanceof WitnessSizeConflict &&
          attempt === 0 &&
          error.witnessSize <= latest.size
        if (!retry) throw error
        oldSize = error.witnessSize
      }
    }
  }
}
