/**
 * Checkpoints of the usage logs and their witnesses' cosignatures, in
 * the C2SP formats (signed-note, tlog-checkpoint, tlog-cosignature). Used
 * by the logs (signing), the witness (cosigning) and the PWA (verifying),
 * so it runs in browsers too.
 */
export * from './base64.ts'
export * from './checkpoint.ts'
export * from './cosignature.ts'
export * from './keys.ts'
export * from './note.ts'
export * from './sandboxKeys.ts'
