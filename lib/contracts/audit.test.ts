import { describe, expect, it } from 'vitest';
import { auditPageSchema, toEntry } from './audit';
import { startedRecord } from './fixtures/audit-records';

const entry = toEntry(startedRecord('r1', Date.UTC(2026, 10, 23, 10, 0, 0)), {
  phase: 'finished',
  replayId: 'r1',
  at: 1,
  result: { ok: false, error: 'HTTP 500' },
});
const ok = (x: unknown) => auditPageSchema.safeParse(x).success;

describe('audit page contract', () => {
  it('joins a started record with its finished one', () => {
    expect(entry).toMatchObject({
      replayId: 'r1',
      status: 'failed',
      startedAt: Date.UTC(2026, 10, 23, 10, 0, 0),
      finishedAt: 1,
      result: { ok: false, error: 'HTTP 500' },
    });
    expect(toEntry(startedRecord('r2'), undefined)).toMatchObject({
      status: 'unknown',
      finishedAt: null,
      result: null,
    });
    expect(entry).not.toHaveProperty('phase');
  });

  it('redacts a result written before #17.1 that quotes a sink URL with its credentials', () => {
    const old = toEntry(startedRecord('r2'), {
      phase: 'finished',
      replayId: 'r2',
      at: 2,
      result: {
        ok: false,
        error: 'cannot be constructed from a URL that includes credentials: http://hookuser:HOOKPASS@h:1/hook?apikey=Q',
      },
    });
    expect(JSON.stringify(old)).not.toMatch(/HOOKPASS|hookuser|apikey=Q/);
  });

  it('accepts the server page shape and refuses anything else', () => {
    expect(ok({ entries: [entry], nextBefore: null, store: 'file x', warnings: [] })).toBe(true);
    expect(ok({ entries: [entry], nextBefore: '12', store: 'file x' })).toBe(true);
    expect(ok({ entries: [{ ...entry, status: 'maybe' }], nextBefore: null, store: 'x' })).toBe(false);
    expect(ok({ entries: [{ ...entry, payloadBytes: '3' }], nextBefore: null, store: 'x' })).toBe(false);
    expect(ok({ entries: [], nextBefore: 12, store: 'x' })).toBe(false);
    expect(ok([])).toBe(false);
  });
});
