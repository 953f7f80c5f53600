import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * kafka-conf.sh, the one-node KRaft configuration the stack's Kafka and
 * bench/private-kafka.sh share: the controller is named the way each Kafka
 * version understands (a 3.x broker refuses bootstrap servers, a 4.x one wants them).
 */
const CONF = fileURLToPath(new URL('./kafka-conf.sh', import.meta.url));

function serverConf(version: string): Map<string, string> {
  const r = spawnSync(
    'bash',
    ['-c', `set -euo pipefail; source ${CONF}; KAFKA_VERSION=${version} kafka_server_conf 127.0.0.1 49092 49093 /d`],
    { encoding: 'utf8', timeout: 10_000 },
  );
  expect(r.status).toBe(0);
  return new Map(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('=', 2) as [string, string]),
  );
}

describe('kafka_server_conf', () => {
  it('Kafka 4: the controller by bootstrap servers, share-group topics on one replica', () => {
    const p = serverConf('4.1.1');
    expect(p.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:49093');
    expect(p.has('controller.quorum.voters')).toBe(false);
    expect(p.get('listeners')).toBe('PLAINTEXT://127.0.0.1:49092,CONTROLLER://127.0.0.1:49093');
    expect(p.get('log.dirs')).toBe('/d');
    expect(p.get('share.coordinator.state.topic.replication.factor')).toBe('1');
  });

  it('Kafka 3: the controller by voters, no share-group settings', () => {
    const p = serverConf('3.9.1');
    expect(p.get('controller.quorum.voters')).toBe('1@127.0.0.1:49093');
    expect(p.has('controller.quorum.bootstrap.servers')).toBe(false);
    expect([...p.keys()].some((k) => k.startsWith('share.'))).toBe(false);
  });
});
