import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  formatVerifierKey,
  generateSigner,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import { MerkleTestLog } from '../../tests/support/merkleTestLog.ts'
import { runFollow } from './follow.ts'

describe('the auditor (npm run witness -- follow)', () => {
  const log = new MerkleTestLog('audit.test/log')
  const vkey = formatVerifierKey(log.key)
  let dir: string
  let app: FastifyInstance
  let url: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'witness-audit-'))
    ;({ app, url } = await log.serve())
  })

  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const follow = async (state = 'state.json', key = vkey) => {
    let output = ''
    const code = await runFollow(
      ['--log', url, '--key', key, '--state', join(dir, state)],
      (text) => (output += text),
    )
    return { code, output }
  }

  it('reports OK while the log grows consistently', async () => {
    log.append(3)
    expect(await follow()).toEqual({
      code: 0,
      output: expect.stringMatching(/^OK audit\.test\/log .*size 3, first/),
    })
    for (const count of [1, 4, 0, 9]) {
      const before = log.size
      log.append(count)
      const { code, output } = await follow()
      expect(code, output).toBe(0)
      expect(output).toContain(
        `size ${log.size}, consistent with the kept checkpoint of size ${before}`,
      )
    }
  })

  it('fails for a rewritten history, printing both checkpoints and the proof', async () => {
    const kept = log.note()
    log.rewrite(5)
    log.append(2)
    const { code, output } = await follow()
    expect(code).toBe(1)
    expect(output).toMatch(/^FAILED .*: INCONSISTENT: /)
    expect(output).toContain(`Kept checkpoint:\n${kept.trimEnd()}`)
    expect(output).toContain(`Served checkpoint:\n${log.note().trimEnd()}`)
    expect(output).toContain('Consistency proof:')
    // It keeps the honest checkpoint: the next look fails again.
    expect((await follow()).code).toBe(1)
  })

  it('fails for a fork at the same size and a rollback', async () => {
    const other = new MerkleTestLog(log.origin, log.signer)
    other.leaves.push(...log.leaves)
    // A fresh state that kept the rewritten log's checkpoint.
    expect((await follow('fork.json')).code).toBe(0)
    log.rewrite(0)
    const fork = await follow('fork.json')
    expect(fork.code).toBe(1)
    expect(fork.output).toContain(': FORK: ')
    log.leaves.splice(0, log.size, ...other.leaves.slice(0, 4))
    const rollback = await follow('fork.json')
    expect(rollback.code).toBe(1)
    expect(rollback.output).toContain(': ROLLBACK: ')
  })

  it('fails for a checkpoint not signed by the log key, and for bad usage', async () => {
    const stranger = formatVerifierKey(
      verifierOf(generateSigner(log.signer.name)),
    )
    const bad = await follow('other.json', stranger)
    expect(bad.code, bad.output).toBe(1)
    expect(bad.output).toContain('BAD_LOG_SIGNATURE')
    const lines: string[] = []
    expect(await runFollow(['--log', url], (t) => lines.push(t))).toBe(2)
    expect(
      await runFollow(['--log', url, '--key', 'x'], (t) => lines.push(t)),
    ).toBe(2)
    expect(lines.join('')).toContain('Usage:')
  })

  it('fails when the log does not answer', async () => {
    let output = ''
    const code = await runFollow(
      [
        '--log',
        'http://127.0.0.1:9',
        '--key',
        vkey,
        '--state',
        join(dir, 'x.json'),
      ],
      (text) => (output += text),
    )
    expect(code).toBe(1)
    expect(output).toContain('LOG_UNREACHABLE')
  })
})
