/**
 * `npm start`: builds the PWA (no type check), then starts the portal with
 * its embedded database and, by default, the sandbox. Ctrl-C stops it cleanly.
 */
import { build } from 'vite'
import { ConfigError, loadConfig } from '../server/config.ts'
import { startPortal, type RunningPortal } from '../server/main.ts'

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`)
  process.exit(1)
}

async function main() {
  try {
    loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }

  if (process.env.SKIP_BUILD !== '1') {
    process.stdout.write('Building the PWA…\n')
    await build({ logLevel: 'warn' })
  }

  let portal: RunningPortal
  try {
    portal = await startPortal()
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    fail(`The portal could not start: ${(err as Error).message}`)
  }

  const lines = [
    '',
    `Citizen Portal is running: open ${portal.config.publicOrigin}`,
  ]
  if (portal.sandbox) {
    lines.push('', 'Sandbox residents to sign in as with Mobile-ID:')
    for (const id of portal.sandbox.residents.demo().slice(0, 6)) {
      lines.push(
        `  ${id.phoneNumber}  ${id.personalCode}  ${id.name}  (${id.note})`,
      )
    }
  }
  lines.push('', 'Press Ctrl-C to stop.', '')
  process.stdout.write(lines.join('\n'))

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal}: stopping…\n`)
    portal.close().then(
      () => process.exit(0),
      (err: unknown) => fail(`Shutdown failed: ${String(err)}`),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
