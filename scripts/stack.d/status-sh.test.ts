import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * status.sh's probes against stand-ins on loopback ports (no stack needed): what
 * `scripts/stack status` says must stay true now that it is fast. A broker that answers is ok,
 * one that accepts but never answers (a SIGSTOPped JVM: the kernel still completes the TCP
 * handshake) is unhealthy within STATUS_TIMEOUT, a component without a live process is down,
 * and the connectors' states come from Connect's one `?expand=status` answer.
 */
const DIR = fileURLToPath(new URL('.', import.meta.url));
let root = '';
const servers: (Server | HttpServer)[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) s.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs `script` with the stack's shell libraries sourced, in a throwaway STACK_ROOT; async, so stand-ins here can answer. */
function bash(script: string, vars: Record<string, string | number> = {}) {
  root = mkdtempSync(join(tmpdir(), 'stack-status-'));
  const set = Object.entries(vars)
    .map(([k, v]) => `${k}=${v}; `)
    .join('');
  // COMPONENTS as scripts/stack defines it.
  const components =
    'COMPONENTS="nats kafka connect schema-registry mariadb-primary mariadb-replica-a mariadb-replica-b postgres debezium-server consumers"; ';
  const libs = ['lib', 'mariadb', 'consumers', 'status'].map((f) => `source ${DIR}${f}.sh; `).join('');
  const t0 = Date.now();
  return new Promise<{ code: number; out: string; ms: number }>((resolve) => {
    execFile(
      'bash',
      [
        '-c',
        `set -Eeuo pipefail; STACK_ROOT=${root}; source ${DIR}env.sh; ${components}${libs}${set}ensure_dirs; ${script}`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr, ms: Date.now() - t0 }),
    );
  });
}

async function listen(server: Server | HttpServer): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

/** A Metadata v4 answer: correlation id, throttle, `brokers` live brokers, cluster id, controller, no topics. */
function metadataAnswer(correlationId: number, brokers: number): Buffer {
  const host = Buffer.from('127.0.0.1');
  const parts: Buffer[] = [];
  const i32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    parts.push(b);
  };
  const i16 = (n: number) => {
    const b = Buffer.alloc(2);
    b.writeInt16BE(n);
    parts.push(b);
  };
  i32(correlationId);
  i32(0);
  i32(brokers);
  for (let n = 1; n <= brokers; n++) {
    i32(n);
    i16(host.length);
    parts.push(host);
    i32(39092);
    i16(-1);
  }
  i16(-1);
  i32(1);
  i32(0);
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/** A stand-in broker: answers each request with `brokers` live brokers, or never answers (`null`). */
function fakeBroker(brokers: number | null) {
  return createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined); // the probe closes as soon as it has read what it needs
    s.once('data', (req) => {
      if (brokers === null) return;
      // Only a Metadata request (api key 3) is answered, with its correlation id, as a broker would.
      if (req.readInt16BE(4) !== 3) return void s.destroy();
      s.write(metadataAnswer(req.readInt32BE(8), brokers));
    });
  });
}

describe('status.sh: Kafka answers a Metadata request', () => {
  it('ok when the broker answers with a live broker', async () => {
    const port = await listen(fakeBroker(1));
    const r = await bash('kafka_metadata_ok && echo OK', { KAFKA_PORT: port });
    expect(r.out).toMatch(/^OK$/m);
  });

  it('not ok when it lists no live broker (not yet unfenced)', async () => {
    const port = await listen(fakeBroker(0));
    const r = await bash('kafka_metadata_ok || echo NOT', { KAFKA_PORT: port });
    expect(r.out).toMatch(/^NOT$/m);
  });

  it('not ok, within the timeout, when the port accepts but nothing answers (a paused broker)', async () => {
    const port = await listen(fakeBroker(null));
    const r = await bash('kafka_metadata_ok || echo NOT', { KAFKA_PORT: port, STATUS_TIMEOUT: 1 });
    expect(r.out).toMatch(/^NOT$/m);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('not ok when nothing listens', async () => {
    const closed = createServer();
    const port = await listen(closed);
    closed.close();
    const r = await bash('kafka_metadata_ok || echo NOT', { KAFKA_PORT: port });
    expect(r.out).toMatch(/^NOT$/m);
  });
});

describe('status.sh: rows', () => {
  // A process whose command line names the stack's folder: the pid file makes it "running".
  const fakeDaemon = (name: string) => `spawn ${name} bash -c 'sleep 30; : "$0"' "$STACK_HOME/x"; `;
  const killDaemon = (name: string) => `; kill -- -"\${SPAWNED[${name}]}"`;

  it('a component with a live process whose probe does not answer is unhealthy, not ok; without one, down', async () => {
    const port = await listen(fakeBroker(null));
    const r = await bash(`${fakeDaemon('kafka')}cmd_status${killDaemon('kafka')}`, {
      KAFKA_PORT: port,
      STATUS_TIMEOUT: 1,
    });
    const row = (c: string) => r.out.split('\n').find((l) => l.startsWith(`${c} `));
    expect(row('kafka')).toMatch(/^kafka\s+\S+\s+\d+\s+\d+\s+unhealthy$/);
    for (const c of ['nats', 'connect', 'mariadb-replica-a', 'postgres', 'debezium-server', 'consumers'])
      expect(row(c), c).toMatch(/\s-\s+down$/);
    // Probed at once, not one after the other: one timeout, not one per probe.
    expect(r.ms).toBeLessThan(8_000);
  });

  it('the rows keep their order and the header comes first', async () => {
    const r = await bash('cmd_status');
    const names = r.out
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual([
      'COMPONENT',
      'nats',
      'kafka',
      'connect',
      'schema-registry',
      'mariadb-primary',
      'mariadb-replica-a',
      'mariadb-replica-b',
      'postgres',
      'debezium-server',
      'consumers',
    ]);
  });

  it("connectors: each one's state and its tasks' from one ?expand=status answer; missing when not listed", async () => {
    const paths: string[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        paths.push(req.url ?? '');
        const st = (connector: string, ...tasks: string[]) => ({
          status: { connector: { state: connector }, tasks: tasks.map((state, id) => ({ id, state })) },
        });
        res.end(
          JSON.stringify({
            replica_a: st('RUNNING', 'RUNNING'),
            replica_b: st('RUNNING', 'FAILED'),
            avro_a: st('PAUSED', 'PAUSED'),
            outbox: st('RUNNING'),
          }),
        );
      }),
    );
    const r = await bash('connector_rows', { CONNECT_URL: `http://127.0.0.1:${port}` });
    const state = (c: string) =>
      /^connector:\S+\s+\S+\s+\S+\s+-\s+(.*)$/.exec(
        r.out.split('\n').find((l) => l.startsWith(`connector:${c} `)) ?? '',
      )?.[1];
    expect(paths).toEqual(['/connectors?expand=status']);
    expect(state('replica_a')).toBe('RUNNING RUNNING');
    expect(state('replica_b')).toBe('RUNNING FAILED');
    expect(state('avro_a')).toBe('PAUSED PAUSED');
    expect(state('flat_a')).toBe('missing');
    expect(state('outbox')).toBe('RUNNING');
  });

  it('connectors: "no answer" from a Connect that accepts but does not answer', async () => {
    const port = await listen(fakeBroker(null));
    const r = await bash('connector_rows', { CONNECT_URL: `http://127.0.0.1:${port}`, STATUS_TIMEOUT: 1 });
    expect(r.out.split('\n').filter((l) => l.startsWith('connector:'))).toHaveLength(5);
    expect(r.out).not.toMatch(/RUNNING|missing/);
    expect(r.out).toMatch(/connector:replica_a .* no answer$/m);
  });
});

describe('status.sh: json_first', () => {
  it('takes the first (top-level) string field, indented or compact, and is empty when absent', async () => {
    const r = await bash(
      `printf '{\\n  "status": "DOWN",\\n  "checks": [{"name": "x", "status": "UP"}]\\n}' | json_first status; ` +
        `echo '{"name":"a","version":"2.6.13.Final","x":{"version":"no"}}' | json_first version; ` +
        `echo "[$(echo '{}' | json_first version)]"`,
    );
    expect(r.out.trim().split('\n')).toEqual(['DOWN', '2.6.13.Final', '[]']);
  });
});
