import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const include = [
  'lib/**/*.test.ts',
  'server/**/*.test.ts',
  'components/**/*.test.ts',
  'scripts/**/*.test.ts',
  'bench/**/*.test.ts',
];
/**
 * Test files that replace a module (vi.mock) or stub a global: they run isolated, each file with
 * its own module graph. Every other file shares its worker's modules with the files before it,
 * which halves the unit run (each file no longer re-imports and re-evaluates what it uses); a new
 * test that mocks a module must be listed here.
 */
const isolated = [
  'server/server-only.test.ts',
  'server/pipeline/decode-pool.test.ts',
  'components/realtime/fetch-ndjson.test.ts',
];

/** Unit tests: pure logic beside the code. Integration tests have their own config. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    exclude: ['node_modules', 'e2e', 'test/integration', '.stack'],
    environment: 'node',
    // Property and footprint tests are CPU-bound: on a loaded 2-core machine they exceed vitest's 5 s
    // default without anything being wrong. The timeout is for hangs, not speed (benchmarks measure speed).
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include, exclude: [...isolated, 'node_modules', '.stack'], isolate: false },
      },
      { extends: true, test: { name: 'unit-isolated', include: isolated, isolate: true } },
    ],
  },
});
