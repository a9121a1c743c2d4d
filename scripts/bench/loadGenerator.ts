import { fork } from 'node:child_process'
import type { LoadPlan, LoadSample } from './loadPlan.ts'

type ClientMessage = { sample: LoadSample } | { error: string }

/** A load client process that runs plans one after another. */
export interface LoadGenerator {
  run(plan: LoadPlan): Promise<LoadSample>
  close(): void
}

/**
 * Starts the load client (loadClient.ts) in a separate Node process, so
 * its work does not slow the servers' event loop.
 */
export function startLoadGenerator(): LoadGenerator {
  const client = fork(new URL('./loadClient.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let exited: Error | undefined
  client.once('exit', (code) => {
    exited = new Error(`load client exited with code ${code}`)
  })

  return {
    run(plan) {
      if (exited) return Promise.reject(exited)
      return new Promise((resolve, reject) => {
        const onExit = () => reject(exited)
        client.once('exit', onExit)
        client.once('message', (message: ClientMessage) => {
          client.off('exit', onExit)
          if ('sample' in message) resolve(message.sample)
          else reject(new Error(`load client: ${message.error}`))
        })
        client.send(plan)
      })
    },
    close() {
      if (client.connected) client.disconnect()
    },
  }
}
