import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '@common': fileURLToPath(new URL('./common', import.meta.url)),
}

/**
 * Three kinds of test, all run by `npm test`:
 * - node: units and server tests (the server ones on PGlite and PostgreSQL);
 * - dom: browser units (components, stores) in happy-dom;
 * - e2e: the real portal and sandbox in Chromium (tests/e2e, tests/a11y).
 */
export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'common/**/*.test.ts',
            'server/**/*.test.ts',
            'providers/**/*.test.ts',
            'sandbox/**/*.test.ts',
            'scripts/**/*.test.ts',
            'services-catalog/*/*.test.ts',
            'services-catalog/*/server/**/*.test.ts',
            'tests/server/**/*.test.ts',
            'tests/xroad/**/*.test.ts',
          ],
          globalSetup: ['tests/support/postgresSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: [
            'src/**/*.test.ts',
            'services-catalog/*/pages/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/a11y/**/*.test.ts'],
          globalSetup: ['tests/support/browserSetup.ts'],
          fileParallelism: false,
          // A browser under a loaded CI machine needs more than a second.
          expect: { poll: { timeout: 5_000 } },
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
