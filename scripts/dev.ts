/**
 * `npm run dev`: the portal API (with its sandbox) plus Vite's dev server
 * with hot reload. Open the Vite address; `/api` is proxied to the portal.
 */
import { createServer } from 'vite'
import { startPortal } from '../server/main.ts'

const VITE_PORT = Number(process.env.VITE_PORT ?? 5173)

const portal = await startPortal({
  ...process.env,
  // The browser talks to Vite, so requests carry Vite's origin.
  PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? `http://localhost:${VITE_PORT}`,
})
process.env.PORT = String(portal.config.port)

const vite = await createServer({ server: { port: VITE_PORT } })
await vite.listen()
vite.printUrls()

const stop = () => {
  void Promise.all([vite.close(), portal.close()]).then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
