import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatClock,
  formatClockMs,
  formatCount,
  formatDuration,
  formatInteger,
  formatRate,
  txShort,
} from './format';

describe('formatCount', () => {
  it('keeps small numbers and compacts large ones', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(1234)).toBe('1.2k');
    expect(formatCount(34_000)).toBe('34k');
    expect(formatCount(1_500_000)).toBe('1.5M');
    expect(formatCount(-2000)).toBe('-2k');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('formatInteger', () => {
  it('groups thousands', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatInteger(12)).toBe('12');
    expect(formatInteger(undefined)).toBe('—');
  });
});

describe('formatRate', () => {
  it('shows one decimal below 10/s', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.42)).toBe('0.4/s');
    expect(formatRate(3)).toBe('3/s');
    expect(formatRate(12.6)).toBe('13/s');
    expect(formatRate(2500)).toBe('2.5k/s');
    expect(formatRate(null)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(formatBytes(1024)).toBe('1 KiB');
  });
});

describe('formatDuration', () => {
  it('picks a unit by magnitude', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(1200)).toBe('1.2 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 m 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatAge', () => {
  it('is relative to the given clock', () => {
    const now = 1_700_000_000_000;
    expect(formatAge(null, now)).toBe('never');
    expect(formatAge(now - 200, now)).toBe('just now');
    expect(formatAge(now + 500, now)).toBe('just now');
    expect(formatAge(now - 4000, now)).toBe('4 s ago');
    expect(formatAge(now - 65_000, now)).toBe('1 m 05 s ago');
  });
});

describe('formatClock', () => {
  it('renders HH:MM:SS in local time', () => {
    expect(formatClock(Date.now())).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(formatClockMs(1_700_000_000_042)).toMatch(/^\d{2}:\d{2}:\d{2}\.042$/);
  });
});

describe('txShort', () => {
  it('keeps the telling end of a long transaction id', () => {
    expect(txShort('file=mysql-bin.000003,pos=4711')).toBe('…000003:4711');
    expect(txShort('0-1-2220')).toBe('0-1-2220');
    expect(txShort('571')).toBe('571');
  });
});
