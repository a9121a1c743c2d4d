import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readVector, VECTORS_DIR } from '../../tests/support/vectors.ts'
import { verifyConsistency, verifyInclusion } from './verify.ts'

interface InclusionVector {
  leafIdx: number
  treeSize: number
  root: string
  leafHash: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}

interface ConsistencyVector {
  size1: number
  size2: number
  root1: string
  root2: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))

function vectorFiles(kind: string): string[] {
  const root = join(VECTORS_DIR, 'merkle', kind)
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => relative(VECTORS_DIR, join(root, file)))
    .sort()
}

describe('inclusion proofs from the shared vectors', () => {
  const files = vectorFiles('inclusion')

  it('finds the vectors', () => {
    expect(files.length).toBeGreaterThan(30)
  })

  it.each(files)('%s', (file) => {
    const v = readVector<InclusionVector>(file)
    const check = () =>
      verifyInclusion(
        v.leafIdx,
        v.treeSize,
        bytes(v.leafHash),
        (v.proof ?? []).map(bytes),
        bytes(v.root),
      )
    if (v.wantErr) expect(check, v.desc).toThrow()
    else expect(check, v.desc).not.toThrow()
  })
})

describe('consistency proofs from the shared vectors', () => {
  const files = vectorFiles('consistency')

  it('finds the vectors', () => {
    expect(files.length).toBeGreaterThan(30)
  })

  it.each(files)('%s', (file) => {
    const v = readVector<ConsistencyVector>(file)
    const check = () =>
      verifyConsistency(
        v.size1,
        v.size2,
        (v.proof ?? []).map(bytes),
        bytes(v.root1),
        bytes(v.root2),
      )
    if (v.wantErr) expect(check, v.desc).toThrow()
    else expect(check, v.desc).not.toThrow()
  })
})
