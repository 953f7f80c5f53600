import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser).
 * Two dashboards run side by side: one on the built-in demo pipeline, one on
 * the real local stack (`scripts/stack up` must have run: `npm test` does it).
 */
const DEMO_PORT = 3101;
const STACK_PORT = 3102;
const MANY_PORT = 3103;
const AUTH_PORT = 3104;
/** The replay spec starts (and restarts) its own server here: e2e/replay.stack.spec.ts. */
const REPLAY_PORT = 3105;
const server = (port: number, env: Record<string, string>, command = 'node_modules/.bin/tsx server/main.ts') => ({
  command,
  url: `http://127.0.0.1:${port}/api/healthz`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  env: {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    CDCSCOPE_PORT: String(port),
    CDCSCOPE_HOST: '127.0.0.1',
    ...env,
  },
});

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    { name: 'demo', testMatch: /demo\..*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` } },
    { name: 'stack', testMatch: /stack\..*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${STACK_PORT}` } },
    { name: 'many', testMatch: /many\..*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${MANY_PORT}` } },
    { name: 'auth', testMatch: /auth\..*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${AUTH_PORT}` } },
    { name: 'replay', testMatch: /replay\..*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${REPLAY_PORT}` } },
  ],
  webServer: [
    // The README's run command itself, with no configuration: the demo pipeline.
    server(DEMO_PORT, {}, 'npm start'),
    server(STACK_PORT, { CDCSCOPE_CONFIG: 'e2e/stack.config.yaml' }),
    server(MANY_PORT, { CDCSCOPE_CONFIG: 'e2e/many-tables.config.yaml' }),
    server(AUTH_PORT, { CDCSCOPE_CONFIG: 'e2e/auth.config.yaml' }),
  ],
});
