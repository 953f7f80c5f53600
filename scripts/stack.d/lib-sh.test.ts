import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * lib.sh's spawn + wait_for, in a throwaway STACK_HOME (no stack needed): a spawned child
 * that has not exec'd yet is alive, not "exited"; one that dies is reported with its exit
 * status and the last lines of its log.
 */
const LIB = fileURLToPath(new URL('./lib.sh', import.meta.url));
let home = '';
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

function bash(script: string) {
  home = mkdtempSync(join(tmpdir(), 'stack-lib-'));
  const r = spawnSync(
    'bash',
    [
      '-c',
      `set -Eeuo pipefail; STACK_HOME=${home}; STACK_ROOT=${home}; STACK_DIR=.stack; source ${LIB}; ensure_dirs; ${script}`,
    ],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  return { code: r.status, stderr: r.stderr };
}

describe('lib.sh spawn and wait_for', () => {
  it('a child slow to exec (its command line not yet ours) is waited for, not declared dead', () => {
    // bash -c sleeps 3 s before exec'ing into a command line that mentions STACK_HOME: for those
    // 3 s is_ours says no, as it does for a fork that has not exec'd on a loaded machine.
    const r = bash(
      `spawn slow bash -c 'sleep 3; touch "$0/ready"; exec sleep 30' "$STACK_HOME"; ` +
        `WAIT_PIDNAME=slow wait_for 15 "slow ready" slow test -f "$STACK_HOME/ready"; ` +
        `kill -- -"\${SPAWNED[slow]}"; echo ok >&2`,
    );
    expect(r.stderr).not.toMatch(/exited/);
    expect(r.code).toBe(0);
  });

  it('a child that dies is reported with its exit status and its last log lines, quickly', () => {
    const t0 = Date.now();
    const r = bash(
      `spawn doomed bash -c 'echo "first words"; echo "Error: cannot write run/consumers.json" >&2; exit 3'; ` +
        `WAIT_PIDNAME=doomed wait_for 20 "doomed subscribed" doomed test -f "$STACK_HOME/never"`,
    );
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.stderr).toMatch(/\| Error: cannot write run\/consumers.json/);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('stack: error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/doomed exited \(exit status 3\) while waiting for doomed subscribed/);
  });

  it('a child killed by a signal says which', () => {
    const r = bash(
      `spawn victim bash -c 'kill -9 $$'; WAIT_PIDNAME=victim wait_for 20 "victim up" victim test -f "$STACK_HOME/never"`,
    );
    expect(r.stderr).toMatch(/victim exited \(killed by SIGKILL\)/);
  });
});

describe('lib.sh require_port_free', () => {
  // ss lists a listening socket without a pid while its process is exiting (files closing):
  // seen on the stack right after kill -9 of Debezium Server's JVM.
  const ssStub = (pidlessCalls: number) =>
    // port_holder runs in a $(...) subshell: the call count lives in a file.
    `ss() { local n; n=$(( $(cat "$STACK_HOME/ss-calls" 2>/dev/null || echo 0) + 1 )); echo $n >"$STACK_HOME/ss-calls"; ` +
    `if ((n <= ${pidlessCalls})); then echo 'LISTEN 0      4096   [::ffff:127.0.0.1]:38080 *:*'; fi; }; `;

  it('waits for a socket whose process is exiting to close, instead of failing', () => {
    const r = bash(
      `${ssStub(3)}require_port_free debezium-server 38080; echo "free after $(cat "$STACK_HOME/ss-calls")" >&2`,
    );
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/free after 4/);
  });

  it('says what holds the port when the exiting process never lets go', () => {
    const r = bash(`${ssStub(1000)}require_port_free debezium-server 38080`);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('stack: error:'));
    expect(errors).toEqual([
      'stack: error: port 38080 needed by debezium-server is still held by a process that has been exiting for 10 s; retry in a moment',
    ]);
  });
});

describe('lib.sh port_reserved', () => {
  it('finds a port in a kernel reserved-ports list of single ports and ranges, and no other', () => {
    const r = bash(
      `for p in 33307 33308 38080 38081 39093; do port_reserved $p "33307-33309,38080,38081-38083,39092-39093" || echo "missed $p" >&2; done; ` +
        `for p in 33306 33310 38084 1; do port_reserved $p "33307-33309,38080,38081-38083,39092-39093" && echo "wrongly $p" >&2; done; ` +
        `port_reserved 38080 "" && echo "wrongly empty" >&2; echo done >&2`,
    );
    expect(r.stderr.trim()).toBe('done');
    expect(r.code).toBe(0);
  });
});
