import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** Unit tests: pure logic beside the code. Integration tests have their own config. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'server/**/*.test.ts',
      'components/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['node_modules', 'e2e', 'test/integration', '.stack'],
    environment: 'node',
    // Property and footprint tests are CPU-bound: on a loaded 2-core machine they exceed vitest's 5 s
    // default without anything being wrong. The timeout is for hangs, not speed (benchmarks measure speed).
    testTimeout: 30_000,
  },
});
