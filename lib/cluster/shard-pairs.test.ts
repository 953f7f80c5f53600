import { describe, expect, it } from 'vitest';
import { coPartitionProblemSchema } from '../contracts/replicas';
import { jetStreamShards, pairShardProblems } from './shard-pairs';

const pair = { a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } };
const seen = ['replica_a.inv.orders', 'replica_b.inv.orders', 'replica_a.inv.items', 'replica_b.inv.items', 'pg.x.y'];

describe('pairShardProblems (JetStream shards, issue #14)', () => {
  it('reports the tables whose two subjects fall in two shards, schema-valid', () => {
    const problems = pairShardProblems(pair, { js: ['replica_a.>', 'replica_b.>'] }, seen);
    expect(problems.map((p) => p.table)).toEqual(['inv.items', 'inv.orders']);
    expect(problems[1]).toEqual({
      kind: 'shards',
      table: 'inv.orders',
      topicA: 'replica_a.inv.orders',
      topicB: 'replica_b.inv.orders',
      partitionsA: null,
      partitionsB: null,
      sourceA: 'js',
      sourceB: 'js',
      shardA: 'replica_a.>',
      shardB: 'replica_b.>',
    });
    for (const p of problems) expect(coPartitionProblemSchema.parse(p)).toEqual(p);
  });

  it('nothing when one shard covers both sides of every table', () => {
    expect(pairShardProblems(pair, { js: ['*.inv.orders', '*.inv.items'] }, seen)).toEqual([]);
    expect(pairShardProblems(pair, { js: ['>'] }, seen)).toEqual([]);
  });

  it('only the split tables when shards cut by table on one side', () => {
    const problems = pairShardProblems(
      pair,
      { js: ['*.inv.orders', 'replica_a.inv.items', 'replica_b.inv.items'] },
      seen,
    );
    expect(problems.map((p) => [p.table, p.shardA, p.shardB])).toEqual([
      ['inv.items', 'replica_a.inv.items', 'replica_b.inv.items'],
    ]);
  });

  it('a subject in no shard is read by nobody: reported with a null shard', () => {
    const problems = pairShardProblems(pair, { js: ['replica_a.>'] }, seen);
    expect(problems.map((p) => [p.table, p.shardA, p.shardB])).toEqual([
      ['inv.items', 'replica_a.>', null],
      ['inv.orders', 'replica_a.>', null],
    ]);
  });

  it("checks the pair's configured tables even before they were seen, and only those", () => {
    const problems = pairShardProblems(
      { ...pair, tables: ['inv.lines'] },
      { js: ['replica_a.>', 'replica_b.>'] },
      seen,
    );
    expect(problems.map((p) => p.table)).toEqual(['inv.lines']);
  });

  it("only the side's source when one is named; every sharded source otherwise", () => {
    const shards = { js: ['replica_a.>', 'replica_b.>'], js2: ['>'] };
    expect(pairShardProblems({ a: { ...pair.a, sourceId: 'js2' }, b: pair.b }, shards, seen)).toEqual([]);
    expect(pairShardProblems(pair, shards, seen).map((p) => p.sourceA)).toEqual(['js', 'js']);
  });

  it('nothing for sides without a server name, of two sources, or a table on one side only', () => {
    const shards = { js: ['replica_a.>', 'replica_b.>'] };
    expect(pairShardProblems({ a: { sourceId: 'js' }, b: { sourceId: 'js' } }, shards, seen)).toEqual([]);
    expect(
      pairShardProblems({ a: { ...pair.a, sourceId: 'js' }, b: { ...pair.b, sourceId: 'k' } }, shards, seen),
    ).toEqual([]);
    expect(pairShardProblems(pair, shards, ['replica_a.inv.orders'])).toEqual([]);
  });
});

describe('jetStreamShards', () => {
  it('keeps the JetStream sources with shards, by id', () => {
    const sources = [
      { id: 'k', kind: 'kafka' },
      { id: 'js', kind: 'jetstream', shards: ['a.>', 'b.>'] },
      { id: 'plain', kind: 'jetstream' },
    ];
    expect(jetStreamShards(sources)).toEqual({ js: ['a.>', 'b.>'] });
  });
});
