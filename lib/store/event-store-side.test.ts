import { describe, expect, it } from 'vitest';
import { parseEventQuery } from '../contracts/inspector';
import { decodeMessage } from '../debezium/decode-message';
import { pgSource, rawFrom } from '../debezium/fixtures';
import { createEventStore } from './event-store';

/** The inspector's "replica side" filter: events of one side of a configured pair. */
function store() {
  const s = createEventStore({
    runId: 'side',
    replicaSides: new Map([['inventory', { a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }]]),
  });
  let offset = 0;
  for (const server of ['replica_a', 'replica_b', 'replica_a', 'other']) {
    const raw = rawFrom({
      topic: `${server}.inventory.customers`,
      key: { id: offset },
      value: { op: 'c', before: null, after: { id: offset }, source: pgSource({ name: server, table: 'customers' }) },
      offset: offset++,
    });
    s.add(decodeMessage(raw), raw);
  }
  return s;
}

const query = (text: string) => {
  const parsed = parseEventQuery(new URLSearchParams(text));
  if (!parsed.ok) throw new Error(parsed.error);
  const { cursor: _c, limit: _l, ...filter } = parsed.value;
  return store().query(filter);
};

describe('side filter', () => {
  it('keeps the events of one side of a pair', () => {
    const a = query('side=inventory:a');
    const b = query('side=inventory:b');
    expect(a.ok && a.value.items.map((e) => e.id.split(':')[1])).toEqual([
      'replica_a.inventory.customers',
      'replica_a.inventory.customers',
    ]);
    expect(b.ok && b.value.items.length).toBe(1);
  });
  it('names an unknown pair and a malformed side', () => {
    expect(query('side=nope:a')).toEqual({ ok: false, error: 'side: no replica pair "nope"' });
    const bad = parseEventQuery(new URLSearchParams('side=inventory:c'));
    expect(bad.ok ? '' : bad.error).toMatch(/expected <replica pair id>:a/);
  });
});
