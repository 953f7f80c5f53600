import { describe, expect, it } from 'vitest';
import type { ReplicaPairSummary } from '../contracts/replicas';
import { createMasker } from './masker';
import { maskPairSummary } from './mask-outputs';

const SECRET = 'hunter2-very-secret';

describe('masking of server outputs', () => {
  it('masks keys, ids and diffs of unmatched and divergent replica events', () => {
    const key = JSON.stringify({ password: SECRET });
    const pair = {
      onlyInA: [
        {
          id: `g|0-1-5|inventory.users|${key}`,
          side: 'a',
          table: 'inventory.users',
          op: 'c',
          key,
          position: '#1',
          receivedAt: 1,
          state: 'overdue',
          ageMs: 1,
        },
      ],
      onlyInB: [],
      divergentPairs: [
        {
          id: `g|0-1-6|inventory.users|${key}`,
          table: 'inventory.users',
          key,
          detectedAt: 1,
          a: { op: 'u', position: '#2', receivedAt: 1 },
          b: { op: 'u', position: '#3', receivedAt: 1 },
          diff: [{ path: ['after', 'password'], kind: 'changed', before: SECRET, after: `${SECRET}x` }],
          diffOmitted: 0,
        },
      ],
    } as unknown as ReplicaPairSummary;
    const masked = maskPairSummary(createMasker({}), pair);
    expect(JSON.stringify(masked)).not.toContain(SECRET);
    expect(masked.divergentPairs[0]?.diff?.[0]?.path).toEqual(['after', 'password']);
  });

  it('leaves outputs alone when no rule applies', () => {
    const masker = createMasker({ defaults: false });
    const pair = { onlyInA: [], onlyInB: [], divergentPairs: [] } as unknown as ReplicaPairSummary;
    expect(maskPairSummary(masker, pair)).toBe(pair);
  });
});
