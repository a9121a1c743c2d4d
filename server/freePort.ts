import { createServer } from 'node:net'

/** Asks the system for a free TCP port on loopback. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A port held open until the server that will use it is ready. */
export interface ReservedPort {
  port: number
  /** Frees the port, right before the real server listens on it. */
  release(): Promise<void>
}

/**
 * Takes a free TCP port and keeps it bound, so nothing else started in
 * the meantime (the sandbox's servers, say) is handed the same port.
 */
export function reservePort(host = '127.0.0.1'): Promise<ReservedPort> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      let released: Promise<void> | undefined
      resolve({
        port,
        release: () =>
          (released ??= new Promise((done) => server.close(() => done()))),
      })
    })
  })
}
