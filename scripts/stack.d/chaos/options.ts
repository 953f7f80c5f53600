/** `scripts/stack chaos`'s command line: the storm's size, timing and mode. */
import { parseTargets, TARGETS, type Target } from './schedule';

export const USAGE =
  'chaos [--faults N] [--minutes M] [--seed S] [--targets a,b] [--rate R] [--port P] [--quick] [--overlap]';

export interface StormOptions {
  faults: number;
  minutes: number;
  seed: number;
  targets: Target[];
  /** Load generator rate (changes per second). */
  rate: number;
  /** The storm's own cdcscope listens here. */
  port: number;
  gapMs: [number, number];
  pauseMs: [number, number];
  warmupMs: number;
  /** Inject without healing in between (chaos/overlap.ts), heal once at the end. */
  overlap: boolean;
}

/** The options from `argv` (the verb's arguments); throws on an unknown option or an impossible value. */
export function parseArgs(argv: string[], defaultSeed = Date.now() % 1_000_000): StormOptions {
  const o: StormOptions = {
    faults: 20,
    minutes: 30,
    seed: defaultSeed,
    targets: [...TARGETS],
    rate: 10,
    port: 3197,
    gapMs: [5_000, 15_000],
    pauseMs: [3_000, 12_000],
    warmupMs: 20_000,
    overlap: false,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v = ''] = [argv[i], argv[i + 1]];
    if (k === '--faults') o.faults = Number(v);
    else if (k === '--minutes') o.minutes = Number(v);
    else if (k === '--seed') o.seed = Number(v);
    else if (k === '--targets') o.targets = parseTargets(v);
    else if (k === '--rate') o.rate = Number(v);
    else if (k === '--port') o.port = Number(v);
    // --quick: the short storm (test/lifecycle/chaos-storm.test.ts, in `npm test`): short gaps and pauses, a short warm-up.
    else if (k === '--quick') {
      [o.gapMs, o.pauseMs, o.warmupMs] = [[1_000, 3_000], [2_000, 5_000], 5_000];
      i--;
      // --overlap: inject on schedule without healing in between (undo in the background), heal once at the end.
    } else if (k === '--overlap') {
      o.overlap = true;
      i--;
    } else throw new Error(`unknown option ${k}; usage: ${USAGE}`);
  }
  if (!(Number.isInteger(o.faults) && o.faults >= 1)) throw new Error('--faults must be a positive integer');
  if (!(o.minutes > 0)) throw new Error('--minutes must be positive');
  return o;
}
