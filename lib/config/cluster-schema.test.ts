import { describe, expect, it } from 'vitest';
import { configSchema, formatConfigIssues } from './schema';
import { clusterGroupId } from './cluster-schema';

const kafka = { id: 'k', kind: 'kafka', brokers: ['127.0.0.1:9092'], topics: ['t'] };
const pgAudit = { kind: 'postgres', connectionString: 'postgres://127.0.0.1/test' };
const cluster = { redis: 'redis://127.0.0.1:6379', instanceId: 'node-1' };

function issues(input: unknown): string[] {
  const r = configSchema.safeParse(input);
  return r.success ? [] : formatConfigIssues(r.error);
}

describe('cluster: configuration', () => {
  it('is absent by default: one process, no Redis', () => {
    expect(configSchema.parse({ sources: [{ kind: 'demo' }] }).cluster).toBeUndefined();
  });

  it('takes Redis and the instance name, with defaults for the rest', () => {
    const cfg = configSchema.parse({ sources: [kafka], audit: pgAudit, cluster });
    expect(cfg.cluster).toEqual({ ...cluster, name: 'default', publishMs: 1_000, staleMs: 10_000 });
    expect(clusterGroupId(cfg.cluster!, 'k')).toBe('cdcscope-cluster-default-k');
  });

  it('refuses the file audit log in cluster mode, saying why', () => {
    const found = issues({ sources: [kafka], cluster });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^audit\.kind: cluster mode needs the PostgreSQL audit log/);
    expect(found[0]).toContain('replay id sent once across instances');
    expect(issues({ sources: [kafka], audit: { kind: 'file', path: '/tmp/a.jsonl' }, cluster })).toHaveLength(1);
  });

  it('refuses a demo source in cluster mode', () => {
    expect(issues({ sources: [kafka, { kind: 'demo' }], audit: pgAudit, cluster })).toEqual([
      expect.stringMatching(/^sources\.1\.kind: a demo source cannot run in cluster mode/),
    ]);
  });

  it('names bad fields', () => {
    const bad = (c: object) => issues({ sources: [kafka], audit: pgAudit, cluster: { ...cluster, ...c } });
    expect(bad({ redis: 'http://127.0.0.1:6379' })).toEqual(['cluster.redis: expected a redis:// or rediss:// URL']);
    expect(bad({ instanceId: '' })[0]).toMatch(/^cluster\.instanceId: expected 1–64/);
    expect(bad({ instanceId: 'a b' })[0]).toMatch(/^cluster\.instanceId/);
    expect(bad({ name: 'x/y' })[0]).toMatch(/^cluster\.name/);
    expect(bad({ publishMs: 5_000, staleMs: 10_000 })).toEqual([
      'cluster.staleMs: staleMs must be at least three times publishMs',
    ]);
    expect(bad({ extra: 1 })[0]).toMatch(/Unrecognized key/);
  });
});

describe('JetStream shards (cluster mode)', () => {
  const js = { id: 'js', kind: 'jetstream', servers: ['nats://127.0.0.1:4222'], stream: 'S' };

  it('takes disjoint subject filters', () => {
    const cfg = configSchema.parse({ sources: [{ ...js, shards: ['pg.>', 'mysql.>'] }], audit: pgAudit, cluster });
    expect(cfg.sources[0]).toMatchObject({ shards: ['pg.>', 'mysql.>'] });
  });

  it('refuses overlapping shards: one message would be counted by two instances', () => {
    expect(issues({ sources: [{ ...js, shards: ['pg.>', 'pg.inventory.*'] }], audit: pgAudit, cluster })).toEqual([
      'sources.0.shards: shards must not overlap: a subject matched by two shards would be counted by two instances',
    ]);
  });
});
