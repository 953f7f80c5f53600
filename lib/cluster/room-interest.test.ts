import { describe, expect, it } from 'vitest';
import { interestOf } from './room-interest';

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
