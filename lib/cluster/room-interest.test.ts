import { describe, expect, it } from 'vitest';
import { hasNewJoin, interestOf } from './room-interest';

describe('interestOf', () => {
  it('gathers per table every incarnation watching it, with its last join', () => {
    const interest = interestOf([
      { incarnation: 'a:1', watching: { orders: 10, customers: 12 } },
      { incarnation: 'b:1', watching: { orders: 15 } },
      { incarnation: 'c:1' },
    ]);
    expect([...interest.keys()].sort()).toEqual(['customers', 'orders']);
    expect(Object.fromEntries(interest.get('orders')!)).toEqual({ 'a:1': 10, 'b:1': 15 });
    expect(Object.fromEntries(interest.get('customers')!)).toEqual({ 'a:1': 12 });
  });
});

describe('hasNewJoin', () => {
  const m = (o: Record<string, number>) => new Map(Object.entries(o));
  it('is true for a first watcher, a new watcher and a new join of a known one', () => {
    expect(hasNewJoin(undefined, m({ 'a:1': 10 }))).toBe(true);
    expect(hasNewJoin(m({ 'a:1': 10 }), m({ 'a:1': 10, 'b:1': 11 }))).toBe(true);
    expect(hasNewJoin(m({ 'a:1': 10 }), m({ 'a:1': 20 }))).toBe(true);
  });
  it('is false when nothing joined, and when a watcher left', () => {
    expect(hasNewJoin(m({ 'a:1': 10, 'b:1': 11 }), m({ 'a:1': 10, 'b:1': 11 }))).toBe(false);
    expect(hasNewJoin(m({ 'a:1': 10, 'b:1': 11 }), m({ 'a:1': 10 }))).toBe(false);
  });
});
