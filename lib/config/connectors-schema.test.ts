import { describe, expect, it } from 'vitest';
import { configSchema, formatConfigIssues } from './schema';

const base = { sources: [{ kind: 'demo' }] };

describe('connect: and debeziumServer: configuration', () => {
  it('is optional, with timed polls by default', () => {
    const none = configSchema.parse(base);
    expect(none.connect).toBeUndefined();
    expect(none.debeziumServer).toBeUndefined();
    const cfg = configSchema.parse({
      ...base,
      connect: { url: 'http://connect:8083', auth: { username: 'u', password: 'p' } },
      debeziumServer: { url: 'http://dbz:8080' },
    });
    expect(cfg.connect).toEqual({
      url: 'http://connect:8083',
      auth: { username: 'u', password: 'p' },
      pollMs: 5_000,
      timeoutMs: 5_000,
    });
    expect(cfg.debeziumServer).toEqual({ url: 'http://dbz:8080', pollMs: 5_000, timeoutMs: 5_000 });
  });

  it('refuses credentials in the URL, other schemes and unknown keys', () => {
    const r = configSchema.safeParse({
      ...base,
      connect: { url: 'http://admin:pw@connect:8083', extra: 1 },
      debeziumServer: { url: 'ftp://dbz' },
    });
    expect(r.success).toBe(false);
    const lines = r.success ? [] : formatConfigIssues(r.error).join('\n');
    expect(lines).toContain('connect.url: the URL cannot hold user:password@');
    expect(lines).toContain('connect: Unrecognized key');
    expect(lines).toContain('debeziumServer.url');
  });
});
