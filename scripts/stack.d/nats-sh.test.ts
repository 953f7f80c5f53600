import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * nats.sh's Debezium Server start after a fault (issue #10, storm recovery), in a
 * throwaway STACK_HOME with the stack's own functions and the real nats.sh: only the
 * outside world (which processes run, PostgreSQL, the JVM) is replaced by stubs that
 * write what was asked of them to stderr.
 */
const LIB = fileURLToPath(new URL('./lib.sh', import.meta.url));
const NATS = fileURLToPath(new URL('./nats.sh', import.meta.url));
let home = '';
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/** RUNNING: the components `running` says are up; SLOT_HOLDER: what the slot query answers. */
function bash(script: string, running: string[], slotHolder: 't' | '' = '') {
  home = mkdtempSync(join(tmpdir(), 'stack-nats-'));
  const stubs = [
    `running() { [[ " $RUNNING " == *" $1 "* ]]; }`,
    `stop_component() { echo "STOP $1 $2" >&2; RUNNING=\${RUNNING//$1/}; }`,
    // Its stderr is discarded by the caller: the query is logged to a file, shown at the end.
    `pgsql() { echo "PGSQL $*" >>"$STACK_HOME/pgsql.log"; echo "${slotHolder}"; }`,
    `require_port_free() { :; }`,
    `dbz_server_java() { echo java; }`,
    `DBZ_SERVER_HOME() { echo "$STACK_HOME"; }`,
    `dbz_server_conf() { mkdir -p "$DATA/debezium-server"; }`,
    `spawn() { echo "SPAWN $1" >&2; }`,
  ].join('\n');
  const r = spawnSync(
    'bash',
    [
      '-c',
      `set -Eeuo pipefail; STACK_HOME=${home}; STACK_ROOT=${home}; STACK_DIR=.stack; DATA=${home}/data; ` +
        `PG_DATABASE=inventory; PG_SLOT=debezium_pg; DEBEZIUM_SERVER_PORT=1; DEBEZIUM_SERVER_VERSION=x; DEBEZIUM_SERVER_URL=x; ` +
        `source ${LIB}; source ${NATS}; ensure_dirs; touch "$STACK_HOME/debezium-server-x-runner.jar"; RUNNING="${running.join(' ')}"\n${stubs}\n${script}\ncat "$STACK_HOME/pgsql.log" >&2 2>/dev/null || true`,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { code: r.status, stderr: r.stderr };
}

describe('nats.sh: Debezium Server after a fault', () => {
  it('replaces a Debezium Server that outlived a nats-server restart (its sink never reconnects)', () => {
    const r = bash('NATS_RESTARTED=1; dbz_server_start', ['postgres', 'debezium-server']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/STOP debezium-server KILL/);
    expect(r.stderr).toMatch(/SPAWN debezium-server/);
  });

  it('`start nats`: replaces a running Debezium Server, starts one that died of the lost connection, leaves a stopped one', () => {
    const script = (pidFile: boolean) =>
      `${pidFile ? 'touch "$RUN/debezium-server.pid"; ' : ''}dbz_server_wait() { echo WAIT >&2; }; NATS_RESTARTED=1; dbz_server_after_nats`;
    const replaced = bash(script(true), ['postgres', 'debezium-server']);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toMatch(
      /nats was restarted under debezium-server[^]*STOP debezium-server KILL[^]*SPAWN[^]*WAIT/,
    );
    const died = bash(script(true), ['postgres']);
    expect(died.code).toBe(0);
    expect(died.stderr).toMatch(/debezium-server died when nats went away: starting it again[^]*SPAWN[^]*WAIT/);
    const stopped = bash(script(false), ['postgres']);
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).not.toMatch(/SPAWN|WAIT/);
  });

  it('leaves a running Debezium Server alone when nats-server was not restarted', () => {
    const r = bash('dbz_server_start', ['postgres', 'debezium-server']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/STOP|SPAWN|PGSQL/);
  });

  it('ends a walsender still holding the replication slot before starting, and says so', () => {
    const r = bash('dbz_server_start', ['postgres'], 't');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/PGSQL .*pg_terminate_backend\(active_pid\).*slot_name = 'debezium_pg'/);
    expect(r.stderr).toMatch(/ended the stale walsender/);
    expect(r.stderr.indexOf('ended the stale walsender')).toBeLessThan(r.stderr.indexOf('SPAWN debezium-server'));
  });

  it('starts without touching PostgreSQL when it is down, and quietly when nothing held the slot', () => {
    expect(bash('dbz_server_start', []).stderr).not.toMatch(/PGSQL/);
    const idle = bash('dbz_server_start', ['postgres'], '');
    expect(idle.code).toBe(0);
    expect(idle.stderr).not.toMatch(/ended the stale walsender/);
    expect(idle.stderr).toMatch(/SPAWN debezium-server/);
  });
});
