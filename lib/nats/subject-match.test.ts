import { describe, expect, it } from 'vitest';
import { createSubjectMatcher, subjectsOverlap, versionAtLeast } from './subject-match';

describe('subject matcher', () => {
  it('matches literal, * and > filters as NATS does', () => {
    const m = createSubjectMatcher('pg.*.orders');
    expect(m('pg.inventory.orders')).toBe(true);
    expect(m('pg.inventory.customers')).toBe(false);
    expect(m('pg.inventory.orders.x')).toBe(false);
    const g = createSubjectMatcher('pg.>');
    expect(g('pg.a')).toBe(true);
    expect(g('pg.a.b.c')).toBe(true);
    expect(g('pg')).toBe(false);
    expect(g('pgx.a')).toBe(false);
    expect(createSubjectMatcher('>')('anything.at.all')).toBe(true);
    expect(createSubjectMatcher('a.b')('a.b')).toBe(true);
    expect(createSubjectMatcher('a.b')('a')).toBe(false);
  });
  it('compares server versions', () => {
    expect(versionAtLeast('2.9.10', 2, 10)).toBe(false);
    expect(versionAtLeast('2.10.0', 2, 10)).toBe(true);
    expect(versionAtLeast('3.0.1', 2, 10)).toBe(true);
  });
});

describe('subject filters overlap', () => {
  it('tells filters that share a subject from disjoint ones', () => {
    expect(subjectsOverlap('pg.>', 'mysql.>')).toBe(false);
    expect(subjectsOverlap('pg.>', 'pg.inv.orders')).toBe(true);
    expect(subjectsOverlap('pg.*.orders', 'pg.inv.*')).toBe(true);
    expect(subjectsOverlap('pg.*.orders', 'pg.inv.customers')).toBe(false);
    expect(subjectsOverlap('pg.>', 'pg')).toBe(false);
    expect(subjectsOverlap('pg.a', 'pg.a.b')).toBe(false);
    expect(subjectsOverlap('>', 'x')).toBe(true);
  });
});
