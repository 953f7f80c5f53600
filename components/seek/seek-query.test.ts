import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../inspector/inspector-query';
import { EMPTY_SEEK_FORM, seekParams, startKindsFor } from './seek-query';

const form = { ...EMPTY_SEEK_FORM, sourceId: 'k', channel: 'replica_a.inventory.orders' };

describe('seek form', () => {
  it('writes the start, filters and limits in the API names', () => {
    const r = seekParams({
      ...form,
      startKind: 'offset',
      startValue: '2@40',
      filters: { ...EMPTY_FILTERS, ops: ['u'], fields: ['after.status=shipped', ''] },
      limit: '50',
    });
    expect(r.ok && r.value.toString()).toBe(
      'op=u&field=after.status%3Dshipped&sourceId=k&channel=replica_a.inventory.orders&start=offset%3A2%4040&limit=50',
    );
    const t = seekParams({ ...form, startKind: 'time', startValue: '2026-01-02T03:04:05' });
    expect(t.ok && t.value.get('start')).toBe(`time:${new Date('2026-01-02T03:04:05').getTime()}`);
    expect(seekParams({ ...form, startKind: 'beginning', startValue: 'ignored' }).ok).toBe(true);
  });

  it('says what is missing or wrong', () => {
    const err = (f: typeof form) => {
      const r = seekParams(f);
      return r.ok ? 'ok' : r.error;
    };
    expect(err({ ...form, sourceId: '' })).toBe('choose a source');
    expect(err({ ...form, channel: ' ' })).toBe('name a topic or subject');
    expect(err({ ...form, startKind: 'seq', startValue: 'x' })).toMatch(/^start:/);
    expect(err({ ...form, startKind: 'time', startValue: '' })).toMatch(/^start:/);
    expect(err({ ...form, startKind: 'beginning', scan: '-4' })).toMatch(/^scan:/);
  });

  it('offers the starts each broker knows', () => {
    expect(startKindsFor('kafka')).not.toContain('seq');
    expect(startKindsFor('jetstream')).not.toContain('offset');
  });
});
