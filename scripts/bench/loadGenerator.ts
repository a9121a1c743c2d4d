import { fork } from 'node:child_process'
import type { LoadPlan, LoadResult } from './loadPlan.ts'

type ClientMessage = { result: LoadResult } | { error: string }

/**
 * Runs a load plan in a separate Node process (loadClient.ts), so the
 * client's work does not slow the servers' event loop, and resolves what
 * it measured.
 */
export function generateLoad(plan: LoadPlan): Promise<LoadResult> {
  const client = fork(new URL('./loadClient.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    client.once('message', (message: ClientMessage) => {
      client.disconnect()
      if ('result' in message) resolve(message.result)
      else reject(new Error(`load client: ${message.error}`))
    })
    client.once('exit', (code) =>
      reject(new Error(`load client exited with code ${code}`)),
    )
    client.send(plan)
  })
}
