import { describe, expect, it } from 'vitest';
import {
  connectorTone,
  connectorsStalled,
  consumerIdLabel,
  consumersNotOk,
  formatTimeLag,
  groupTone,
  partitionTone,
  ruleText,
  sortGroups,
  sortJetStream,
  sortPartitions,
  timeLagSourceText,
} from './lag-status';
import { lagFixture } from '@/lib/contracts/fixtures/consumer-lag';

describe('status colours', () => {
  it('colours groups OK green, WARN amber, ERR red, NOTFOUND grey', () => {
    expect(['OK', 'WARN', 'ERR', 'NOTFOUND'].map(groupTone)).toEqual(['ok', 'warn', 'err', 'idle']);
  });

  it('colours partitions and JetStream consumers, STOP/STALL/REWIND red', () => {
    expect(['OK', 'WARN', 'STOP', 'STALL', 'REWIND', 'bogus'].map(partitionTone)).toEqual([
      'ok',
      'warn',
      'err',
      'err',
      'err',
      'idle',
    ]);
  });

  it('colours connectors streaming green, stalled red, the rest grey', () => {
    expect(['streaming', 'idle', 'stalled', 'unknown'].map(connectorTone)).toEqual(['ok', 'idle', 'err', 'idle']);
  });
});

describe('time lag', () => {
  it('marks how the figure was obtained', () => {
    expect(formatTimeLag({ ms: 12_000, source: 'direct' })).toBe('12 s');
    expect(formatTimeLag({ ms: 12_000, source: 'interpolated' })).toBe('≈ 12 s');
    expect(formatTimeLag({ ms: 12_000, source: 'extrapolated' })).toBe('~ 12 s');
    expect(formatTimeLag({ ms: 12_000, source: 'lower-bound' })).toBe('≥ 12 s');
    expect(formatTimeLag({ ms: 0, source: 'caught-up' })).toBe('0 ms');
    expect(formatTimeLag(null)).toBe('—');
    expect(timeLagSourceText('lower-bound')).toBe('at least (one sample only)');
    expect(timeLagSourceText('new-kind')).toBe('new-kind');
    expect(ruleText('stalled')).toContain('does not move');
    expect(ruleText('future-rule')).toBe('future-rule');
  });
});

describe('sorting and counting', () => {
  it('puts the worst groups and consumers first, then by name', () => {
    const s = lagFixture();
    expect(sortGroups(s.kafka).map((g) => g.group)).toEqual(['billing', 'search-indexer', 'gone', 'analytics']);
    expect(sortJetStream(s.jetstream).map((c) => c.consumer)).toEqual(['mailer', 'audit']);
    expect(
      sortPartitions([
        { topic: 'b', partition: 0 },
        { topic: 'a', partition: 10 },
        { topic: 'a', partition: 2 },
      ]),
    ).toEqual([
      { topic: 'a', partition: 2 },
      { topic: 'a', partition: 10 },
      { topic: 'b', partition: 0 },
    ]);
  });

  it('counts consumers not OK and stalled connectors', () => {
    const s = lagFixture();
    expect(consumersNotOk(s)).toBe(4);
    expect(connectorsStalled(s)).toBe(1);
  });

  it('names history ids', () => {
    expect(consumerIdLabel('kafka:k1:billing')).toBe('group billing (k1)');
    expect(consumerIdLabel('jetstream:js:CDC:mailer')).toBe('CDC › mailer (js)');
    expect(consumerIdLabel('other')).toBe('other');
  });
});
