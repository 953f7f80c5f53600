import { describe, expect, it } from 'vitest';
import { decodeOptionsFor } from './decode-options';
import { configSchema, formatConfigIssues } from './schema';

const kafka = { id: 'k', kind: 'kafka', brokers: ['localhost:9092'], topics: ['/./'] };

describe('decoding and registry configuration', () => {
  it('defaults to Debezium’s own outbox topics and prefixes, and no registry', () => {
    const cfg = configSchema.parse({ sources: [kafka] });
    const source = cfg.sources[0];
    expect(source?.kind === 'kafka' && source.decoding).toEqual({
      outboxTopics: ['outbox.event.*'],
      flattenedFieldPrefix: '__',
      flattenedHeaderPrefix: '__',
    });
    expect(source?.kind === 'kafka' && source.registry).toBeUndefined();
    expect(decodeOptionsFor(cfg.limits, source)).toMatchObject({
      outboxTopics: ['outbox.event.*'],
      flattenedFieldPrefix: '__',
    });
  });

  it('accepts a registry with its defaults and refuses bad values with a clear line', () => {
    const cfg = configSchema.parse({
      sources: [{ ...kafka, registry: { url: 'http://registry:8081', auth: { username: 'u', password: '${X}' } } }],
    });
    const source = cfg.sources[0];
    expect(source?.kind === 'kafka' && source.registry).toEqual({
      url: 'http://registry:8081',
      auth: { username: 'u', password: '${X}' },
      maxSchemas: 1000,
      timeoutMs: 5000,
      retryMs: 30000,
      avroLogicalTypes: 'readable',
    });
    const bad = configSchema.safeParse({
      sources: [
        { ...kafka, registry: { url: 'ftp://x', avroLogicalTypes: 'pretty' }, decoding: { outboxTopics: ['/(/'] } },
      ],
    });
    expect(bad.success).toBe(false);
    const lines = bad.success ? [] : formatConfigIssues(bad.error);
    expect(lines.some((l) => l.startsWith('sources.0.registry.url'))).toBe(true);
    expect(lines.some((l) => l.startsWith('sources.0.registry.avroLogicalTypes'))).toBe(true);
    expect(lines).toContain('sources.0.decoding.outboxTopics.0: invalid regular expression');
  });
});
