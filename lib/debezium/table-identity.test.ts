import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode-message';
import { controlFixtures, rawFrom } from './fixtures';
import { channelPrefix, guessTableFromChannel, serverNameOf, splitChannel } from './table-identity';

describe('splitChannel', () => {
  it('takes the last two tokens as the table', () => {
    expect(splitChannel('pg.inventory.customers')).toEqual({ prefix: 'pg', table: 'inventory.customers' });
    expect(splitChannel('prod.eu.inventory.customers')).toEqual({ prefix: 'prod.eu', table: 'inventory.customers' });
  });

  it('treats two-token channels as prefix.name and one-token channels as prefix-less', () => {
    expect(splitChannel('pg.message')).toEqual({ prefix: 'pg', table: 'message' });
    expect(splitChannel('replica_a')).toEqual({ table: 'replica_a' });
  });

  it('uses a known server name, even one with dots', () => {
    expect(splitChannel('prod.eu.message', 'prod.eu')).toEqual({ prefix: 'prod.eu', table: 'message' });
    expect(splitChannel('other.x.y', 'prod.eu')).toEqual({ prefix: 'other', table: 'x.y' });
  });
});

describe('channelPrefix / guessTableFromChannel', () => {
  it('strips the table from the end of the channel', () => {
    expect(channelPrefix('prod.eu.inventory.customers', 'inventory.customers')).toBe('prod.eu');
    expect(channelPrefix('renamed-topic', 'inventory.customers')).toBeUndefined();
  });

  it('does not guess tables for control channels', () => {
    const hb = '__debezium-heartbeat';
    expect(guessTableFromChannel('__debezium-heartbeat.pg', hb)).toBeUndefined();
    expect(guessTableFromChannel('pg.transaction', hb)).toBeUndefined();
    expect(guessTableFromChannel('replica_a', hb)).toBeUndefined();
    expect(guessTableFromChannel('pg.inventory.customers', hb)).toEqual({ prefix: 'pg', table: 'inventory.customers' });
  });
});

describe('serverNameOf', () => {
  it('names the server of every record kind', () => {
    expect(serverNameOf(decodeMessage(controlFixtures.txBegin))).toBe('pg');
    expect(
      serverNameOf(decodeMessage(rawFrom({ topic: 'prod.eu.transaction', value: { status: 'BEGIN', id: '1' } }))),
    ).toBe('prod.eu');
    expect(serverNameOf(decodeMessage(controlFixtures.heartbeat))).toBe('pg');
    expect(serverNameOf(decodeMessage(controlFixtures.schemaChange))).toBe('replica_a');
    expect(serverNameOf(decodeMessage(controlFixtures.sqlServer))).toBe('mssql');
    expect(serverNameOf(decodeMessage(rawFrom({ topic: 'pg.inventory.customers', value: null })))).toBe('pg');
  });
});
