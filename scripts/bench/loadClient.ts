/**
 * The load client, run as its own process by loadGenerator.ts so it does
 * not share an event loop with the servers it measures. For each LoadPlan
 * its parent sends, it runs the plan and sends back a LoadSample.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { isLoopbackOrigin } from '../../server/config.ts'
import type { LoadPlan, LoadSample, PlannedRequest } from './loadPlan.ts'

/** Sends one request, reads its answer to the end, resolves its status. */
function send(
  agent: http.Agent,
  origin: URL,
  planned: PlannedRequest,
): Promise<number> {
  const headers = planned.freshXRoadId
    ? { ...planned.headers, 'X-Road-Id': randomUUID() }
    : planned.headers
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        path: planned.path,
        method: 'GET',
        headers,
      },
      (response) => {
        response.on('data', () => undefined)
        response.on('end', () => resolve(response.statusCode ?? 0))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end()
  })
}

async function run(plan: LoadPlan): Promise<LoadSample> {
  if (!isLoopbackOrigin(plan.origin)) {
    throw new Error(`The load client only calls loopback, not ${plan.origin}`)
  }
  const origin = new URL(plan.origin)
  const width = Math.max(...plan.operations.map((o) => o.length))
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: plan.concurrency * width,
  })

  const measureFrom = performance.now() + plan.warmUpMs
  const stopAt = measureFrom + plan.durationMs
  const latencies: number[] = []
  const failures: Record<string, number> = {}
  let lastAnswer = measureFrom
  let next = 0

  const lane = async () => {
    for (;;) {
      const started = performance.now()
      if (started >= stopAt) return
      const operation = plan.operations[next++ % plan.operations.length] ?? []
      let failure: string | undefined
      try {
        const statuses = await Promise.all(
          operation.map((r) => send(agent, origin, r)),
        )
        const bad = statuses.find((s) => s !== 200)
        if (bad !== undefined) failure = `HTTP ${bad}`
      } catch (err) {
        failure = (err as NodeJS.ErrnoException).code ?? String(err)
      }
      if (started < measureFrom) continue

      const ended = performance.now()
      lastAnswer = Math.max(lastAnswer, ended)
      if (failure) failures[failure] = (failures[failure] ?? 0) + 1
      else latencies.push(ended - started)
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, lane))
  agent.destroy()

  return {
    latenciesMs: latencies,
    failures,
    windowMs: lastAnswer - measureFrom,
  }
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (sample) => process.send?.({ sample }),
    (err: unknown) => process.send?.({ error: String(err) }),
  )
})
