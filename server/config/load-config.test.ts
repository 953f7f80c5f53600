import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { errorMessage } from '../../lib/error-message';

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdcscope-cfg-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('falls back to the demo pipeline without configuration', () => {
    const cfg = loadConfig({});
    expect(cfg.sources).toEqual([{ id: 'demo', kind: 'demo', rate: 40, seed: 42, extraTables: 0 }]);
    expect(cfg.replicas.map((r) => r.id)).toEqual(['demo']);
    expect(cfg.server).toEqual({ host: '127.0.0.1', port: 3000, maxConnections: 1024 });
  });

  it('reads YAML, applies defaults and environment overrides', () => {
    const path = file(
      'c.yaml',
      `sources:\n  - id: k\n    kind: kafka\n    brokers: [127.0.0.1:9092]\n    topics: [a, "/^b\\\\..*/"]\n    sasl: { mechanism: plain, username: u, password: "\${KPASS}" }\n`,
    );
    const cfg = loadConfig({ CDCSCOPE_CONFIG: path, KPASS: 's3cret', CDCSCOPE_PORT: '4100' });
    const src = cfg.sources[0];
    expect(src?.kind).toBe('kafka');
    if (src?.kind !== 'kafka') throw new Error('unreachable');
    expect(src.start).toBe('latest');
    expect(src.topics).toEqual(['a', '/^b\\..*/']);
    expect(src.sasl).toEqual({ mechanism: 'plain', username: 'u', password: 's3cret' });
    expect(cfg.server.port).toBe(4100);
  });

  it('names the field and the expectation on a bad file', () => {
    const path = file('c.json', JSON.stringify({ sources: [{ id: 'n', kind: 'jetstream', servers: 'nats://x' }] }));
    try {
      loadConfig({ CDCSCOPE_CONFIG: path });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = errorMessage(err);
      expect(msg).toContain('sources.0.servers');
      expect(msg).toContain('expected array');
      expect(msg).toContain('sources.0.stream');
    }
  });

  it('refuses an unset secret variable and unknown keys', () => {
    const path = file('c.yaml', 'sources:\n  - kind: demo\n    rat: 3\n');
    expect(() => loadConfig({ CDCSCOPE_CONFIG: path })).toThrow(/Unrecognized key: "rat"/);
    const p2 = file(
      'd.yaml',
      'sources:\n  - kind: jetstream\n    id: j\n    servers: [x]\n    stream: s\n    auth: { token: "${NOPE}" }\n',
    );
    expect(() => loadConfig({ CDCSCOPE_CONFIG: p2 })).toThrow(/NOPE is not set/);
  });

  it('rejects duplicate source ids and unreadable files', () => {
    const path = file('c.yaml', 'sources:\n  - { kind: demo, id: a }\n  - { kind: demo, id: a }\n');
    expect(() => loadConfig({ CDCSCOPE_CONFIG: path })).toThrow(/duplicate source id "a"/);
    expect(() => loadConfig({ CDCSCOPE_CONFIG: '/nonexistent.yaml' })).toThrow(/cannot read the file/);
  });

  it('expands ${HOSTNAME} to the host name when the environment lacks it, and lets the environment win', () => {
    const path = file(
      'c.yaml',
      'sources: [{ kind: kafka, id: k, brokers: [b:9092], topics: [t] }]\naudit: { kind: postgres, connectionString: "postgres://x/y" }\ncluster: { redis: "redis://127.0.0.1:6379", instanceId: "${HOSTNAME}" }\n',
    );
    expect(loadConfig({ CDCSCOPE_CONFIG: path }).cluster?.instanceId).toBe(hostname());
    expect(loadConfig({ CDCSCOPE_CONFIG: path, HOSTNAME: 'node-7' }).cluster?.instanceId).toBe('node-7');
  });
});
