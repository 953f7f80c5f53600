import { describe, expect, it } from 'vitest';
import { toEntry } from '@/lib/contracts/audit';
import { startedRecord } from '@/lib/contracts/fixtures/audit-records';
import { auditUrl, formatDateTime, shortHash, statusText, statusTone } from './audit-format';

const entry = toEntry(startedRecord('r1', Date.UTC(2026, 10, 23, 10, 0, 0)), {
  phase: 'finished',
  replayId: 'r1',
  at: 1,
  result: { ok: false, error: 'HTTP 500' },
});

describe('audit format', () => {
  it('shortens a hash to 12 hex digits', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab…');
    expect(shortHash('abc')).toBe('abc');
  });

  it('tells the outcome: where it landed, why it failed, or that nobody knows', () => {
    expect(statusText(entry)).toBe('HTTP 500');
    expect(statusTone('failed')).toBe('err');
    expect(statusText({ status: 'sent', result: { ok: true, detail: 'p0@17' } })).toBe('p0@17');
    expect(statusText({ status: 'unknown', result: null })).toMatch(/^started, never finished/);
    expect(statusTone('unknown')).toBe('warn');
  });

  it('formats the local date and time with seconds', () => {
    expect(formatDateTime(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('2026-01-02 03:04:05');
  });

  it('builds the API URL with the cursor only when paging older', () => {
    expect(auditUrl(undefined, 50)).toBe('/api/audit?limit=50');
    expect(auditUrl('1234', 50)).toBe('/api/audit?limit=50&before=1234');
  });
});
