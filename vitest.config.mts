import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** Unit tests: pure logic beside the code. Integration tests have their own config. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules', 'e2e', 'test/integration', '.stack'],
    environment: 'node',
  },
});
