import { describe, expect, it } from 'vitest';
import { parseTopicSpecs, resolveTopics, schemaChangeTopics } from './client';

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
  it("adds the schema-change topic of each read connector's prefix when it exists, if asked", () => {
    const existing = [
      'replica_a.inventory.customers',
      'replica_a',
      'replica_a.transaction',
      'pg.inventory.orders',
      'my.dotted.prefix.db.t',
      'my.dotted.prefix',
      '__debezium-heartbeat.replica_a',
      'other',
    ];
    const specs = ['/^replica_a\\./', '/^pg\\./', '/^my\\./', '/^__debezium-heartbeat/'];
    expect(resolveTopics(specs, existing)).not.toContain('replica_a');
    expect(resolveTopics(specs, existing, true)).toEqual([
      '__debezium-heartbeat.replica_a',
      'my.dotted.prefix',
      'my.dotted.prefix.db.t',
      'pg.inventory.orders',
      'replica_a',
      'replica_a.inventory.customers',
      'replica_a.transaction',
    ]);
    expect(schemaChangeTopics(['__x.a.b', 'a.b'], ['__x', 'a'])).toEqual([]);
  });
});
