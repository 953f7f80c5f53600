import { describe, expect, it } from 'vitest';
import { parseArgs } from './options';
import { TARGETS } from './schedule';

describe('chaos options', () => {
  it('defaults: 20 faults in 30 min on every target, one at a time, the seed given', () => {
    const o = parseArgs([], 42);
    expect(o).toMatchObject({ faults: 20, minutes: 30, seed: 42, rate: 10, port: 3197, overlap: false });
    expect(o.targets).toEqual([...TARGETS]);
    expect([o.gapMs, o.pauseMs, o.warmupMs]).toEqual([[5_000, 15_000], [3_000, 12_000], 20_000]);
  });

  it('the short storm: --quick and --overlap take no value, the options around them keep theirs', () => {
    const o = parseArgs(['--faults', '10', '--quick', '--overlap', '--seed', '4'], 42);
    expect(o).toMatchObject({ faults: 10, seed: 4, overlap: true });
    expect([o.gapMs, o.pauseMs, o.warmupMs]).toEqual([[1_000, 3_000], [2_000, 5_000], 5_000]);
  });

  it('refuses an unknown option with the usage, and a storm of no faults', () => {
    expect(() => parseArgs(['--fault', '3'])).toThrow(/unknown option --fault; usage: chaos \[--faults N\]/);
    expect(() => parseArgs(['--faults', '0'])).toThrow('--faults must be a positive integer');
    expect(() => parseArgs(['--minutes', 'x'])).toThrow('--minutes must be positive');
  });
});
