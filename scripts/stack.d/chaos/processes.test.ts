import { describe, expect, it } from 'vitest';
import { stackCommand } from './processes';

describe('stackCommand', () => {
  it('starts components at nice 10, so a restarting JVM yields the cores to cdcscope', () => {
    expect(stackCommand('/r', ['start', 'kafka'])).toEqual([
      'nice',
      ['-n', '10', '/r/scripts/stack', 'start', 'kafka'],
    ]);
    expect(stackCommand('/r', ['up'])).toEqual(['nice', ['-n', '10', '/r/scripts/stack', 'up']]);
  });

  it('runs every other verb as it is', () => {
    expect(stackCommand('/r', ['status'])).toEqual(['/r/scripts/stack', ['status']]);
    expect(stackCommand('/r', ['stop', 'debezium-server'])).toEqual(['/r/scripts/stack', ['stop', 'debezium-server']]);
  });
});
