import { describe, expect, it } from 'vitest';
import { parseTopicSpecs, resolveTopics } from './client';

describe('topic specs', () => {
  it('tells names from /patterns/', () => {
    const { names, patterns } = parseTopicSpecs(['a.b', '/^replica_.*\\.inventory\\./i']);
    expect(names).toEqual(['a.b']);
    expect(patterns[0]?.flags).toBe('i');
  });
  it('resolves patterns against existing topics', () => {
    expect(resolveTopics(['x', '/^replica_/'], ['replica_a.t', 'other', 'replica_b.t', '__consumer_offsets'])).toEqual([
      'replica_a.t',
      'replica_b.t',
      'x',
    ]);
  });
});
