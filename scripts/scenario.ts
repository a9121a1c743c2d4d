/**
 * `npm run scenario`: asks the running sandbox portal (at PUBLIC_ORIGIN,
 * or http://localhost:$PORT) to replay other agencies' X-Road traffic once
 * more, and prints what was sent.
 */
import { loadConfig } from '../server/config.ts'

async function main(): Promise<number> {
  const { publicOrigin } = loadConfig(process.env)
  const url = `${publicOrigin}/api/sandbox/scenario`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { origin: publicOrigin },
    })
  } catch {
    process.stderr.write(
      `No portal answers at ${publicOrigin}: start it with \`npm start\` ` +
        '(SANDBOX=on), or set PUBLIC_ORIGIN to where it runs.\n',
    )
    return 1
  }
  const body = (await response.json().catch(() => null)) as {
    sent?: number
    answered?: number
    failed?: number
    error?: { message?: string }
  } | null
  if (response.status === 404) {
    process.stderr.write(
      `The portal at ${publicOrigin} has no sandbox (SANDBOX=off).\n`,
    )
    return 1
  }
  if (!response.ok || !body) {
    process.stderr.write(
      `The replay failed: ${body?.error?.message ?? response.statusText}\n`,
    )
    return 1
  }
  process.stdout.write(
    `Replayed other agencies' queries: ${body.sent} sent, ` +
      `${body.answered} answered, ${body.failed} failed.\n`,
  )
  return body.failed === 0 ? 0 : 1
}

main().then((code) => process.exit(code))
