import type { FastifyInstance } from 'fastify'

/** What a replay of other agencies' traffic reports. */
export interface ScenarioRun {
  sent: number
  answered: number
  failed: number
}

/** The sandbox's scenario generator, as the portal reaches it. */
export interface ScenarioControl {
  replay(): Promise<ScenarioRun | undefined>
}

const COUNT = { type: 'integer', minimum: 0 } as const

/**
 * Sandbox only: replays other agencies' queries about residents once more
 * (`npm run scenario` calls it). Registered only when SANDBOX=on, which is
 * itself allowed only on a loopback origin; the origin check applies as to
 * any POST.
 */
export async function sandboxScenarioRoutes(
  app: FastifyInstance,
  options: { scenario: ScenarioControl },
): Promise<void> {
  app.post(
    '/api/sandbox/scenario',
    {
      schema: {
        summary: 'Replays other agencies’ X-Road traffic (sandbox only)',
        tags: ['sandbox'],
        response: {
          200: {
            type: 'object',
            properties: { sent: COUNT, answered: COUNT, failed: COUNT },
          },
        },
      },
    },
    async () =>
      (await options.scenario.replay()) ?? { sent: 0, answered: 0, failed: 0 },
  )
}
