import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileURLToPath } from 'node:url';

/**
 * Lifecycle tests: they stop, kill and restart parts of the real stack, so they run after
 * everything else, one file at a time. stack-lifecycle.test.ts is always the last file:
 * it ends with the stack DOWN (and rebuilt from an empty .stack/ once on the way).
 */
class StackLifecycleLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    const last = (f: TestSpecification) => (f.moduleId.endsWith('stack-lifecycle.test.ts') ? 1 : 0);
    return sorted.sort((a, b) => last(a) - last(b));
  }
}

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/lifecycle/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    sequence: { sequencer: StackLifecycleLast },
  },
});
