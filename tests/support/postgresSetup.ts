import type { TestProject } from 'vitest/node'
import { startPostgres, type PostgresServer } from './postgresServer.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server for tests, or '' when off. */
    postgresUrl: string
  }
}

let server: PostgresServer | undefined

/**
 * Starts one PostgreSQL server for the whole node test run, unless
 * TEST_DATABASE_URL names one or TEST_POSTGRES=off (local quick runs only).
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_POSTGRES === 'off') {
    project.provide('postgresUrl', '')
    return
  }
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL)
    return
  }
  server = await startPostgres()
  project.provide('postgresUrl', server.url)
}

export async function teardown(): Promise<void> {
  await server?.stop()
}
