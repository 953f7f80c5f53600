import type { AuditFinished, AuditStarted } from '../../lib/contracts/audit';

/** Test records shared by the file and PostgreSQL log tests. */
export function startedRecord(replayId: string, at = 1_700_000_000_000, over: Partial<AuditStarted> = {}): AuditStarted {
  return {
    phase: 'started',
    replayId,
    at,
    actor: { user: 'olga', role: 'operator', via: 'session' },
    event: { id: `kafka:pg.inventory.orders:p0@${at % 1000}`, sourceId: 'kafka', channel: 'pg.inventory.orders', position: `p0@${at % 1000}`, tableKey: 'pg.inventory.orders' },
    sink: { id: 'replay-topic', kind: 'kafka', target: 'orders.replay' },
    payloadSha256: 'a'.repeat(64),
    payloadBytes: 321,
    edited: false,
    unmasked: false,
    ...over,
  };
}

export function finishedRecord(replayId: string, at = 1_700_000_000_500, ok = true): AuditFinished {
  return { phase: 'finished', replayId, at, result: ok ? { ok: true, detail: 'p0@17' } : { ok: false, error: 'broker said no' } };
}
