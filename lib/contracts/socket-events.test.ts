import { describe, expect, it } from 'vitest';
import { lagFixture } from './fixtures/consumer-lag';
import { replicaPair, replicaTable } from './fixtures/replica-pair';
import { replicasResponseSchema } from './replicas';
import { pushSchemas, roomName, roomSchema, tableOfRoom } from './socket-events';

const ok = (schema: { safeParse(x: unknown): { success: boolean } }, x: unknown) => schema.safeParse(x).success;

describe('socket contract', () => {
  it('accepts every room a page joins and refuses anything else', () => {
    for (const room of [
      { kind: 'overview' },
      { kind: 'table', table: 'pg.inventory.orders' },
      { kind: 'replicas' },
      { kind: 'replica-pair', pair: 'inv' },
      { kind: 'lag' },
    ]) {
      expect(ok(roomSchema, room)).toBe(true);
    }
    expect(ok(roomSchema, { kind: 'table' })).toBe(false);
    expect(ok(roomSchema, { kind: 'table', table: '' })).toBe(false);
    expect(ok(roomSchema, { kind: 'table', table: 'x'.repeat(513) })).toBe(false);
    expect(ok(roomSchema, { kind: 'everything' })).toBe(false);
    expect(roomName({ kind: 'replica-pair', pair: 'inv' })).toBe('replica-pair:inv');
    // A table room's name gives its table back; other rooms give none.
    expect(tableOfRoom(roomName({ kind: 'table', table: 'pg.inventory.orders' }))).toBe('pg.inventory.orders');
    expect(tableOfRoom(roomName({ kind: 'replica-pair', pair: 'inv' }))).toBeUndefined();
    expect(tableOfRoom('overview')).toBeUndefined();
  });

  it('accepts the pushed shapes and refuses broken ones', () => {
    const pair = replicaPair('p', [replicaTable('inv.a', 1)]);
    expect(ok(pushSchemas['replica-pair'], pair)).toBe(true);
    expect(ok(pushSchemas.replicas, [pair])).toBe(true);
    expect(ok(pushSchemas['replica-pair'], { ...pair, totals: { a: pair.totals.a } })).toBe(false);
    expect(ok(pushSchemas['replica-pair'], { ...pair, onlyInA: [{ id: 1 }] })).toBe(false);
    expect(ok(pushSchemas['replica-pair'], { ...pair, series: [{ t: 'now' }] })).toBe(false);
    expect(ok(replicasResponseSchema, { pairs: [], suggestions: [] })).toBe(true);
    expect(ok(replicasResponseSchema, { pairs: [] })).toBe(false);
    expect(ok(pushSchemas.lag, lagFixture())).toBe(true);
    expect(ok(pushSchemas.lag, { ...lagFixture(), kafka: [{ group: 'g' }] })).toBe(false);
    expect(ok(pushSchemas.lag, { ...lagFixture(), history: { x: 1 } })).toBe(false);
  });
});
