import { describe, expect, it } from 'vitest';
import type { SourceBacklog } from '../contracts/source-status';
import { behindSecondsOf, behindSources } from './lag-while-behind';

const at = 1_700_000_000_000;
const backlog = (seconds: number, behind: boolean): SourceBacklog => ({ messages: 100, seconds, behind, at });

describe('lag measured while cdcscope is behind', () => {
  const behind = behindSources([
    { id: 'kafka', backlog: backlog(7.5, true) },
    { id: 'nats', backlog: backlog(3, true) },
    // Some backlog, but under the threshold: a burst being read, not a source cdcscope cannot keep up with.
    { id: 'quiet', backlog: backlog(1.2, false) },
    { id: 'new' },
  ]);

  it('keeps only the sources flagged behind, with their backlog in seconds', () => {
    expect([...behind]).toEqual([
      ['kafka', 7.5],
      ['nats', 3],
    ]);
  });

  it('flags a table by the worst of its sources that are behind', () => {
    expect(behindSecondsOf(['nats', 'kafka'], behind)).toBe(7.5);
    expect(behindSecondsOf(['quiet', 'nats'], behind)).toBe(3);
  });

  it('does not flag a table whose sources are caught up, unmeasured or unknown', () => {
    expect(behindSecondsOf(['quiet', 'new', 'gone'], behind)).toBeUndefined();
    expect(behindSecondsOf([], behind)).toBeUndefined();
  });

  it('flags a table behind by 0 s (a behind source whose age is not known yet) as behind, not as caught up', () => {
    expect(behindSecondsOf(['zero'], behindSources([{ id: 'zero', backlog: backlog(0, true) }]))).toBe(0);
  });
});
