import { describe, expect, it } from 'vitest';
import type { Row } from '../contracts/change-event';
import { diffCopies } from '../diff/copy-diff';
import { diffChange, diffUpdate } from '../diff/update-diff';
import { renderKey } from '../event-views/render';
import { canonicalJson } from '../replicas/content-hash';
import { createMasker } from './masker';

/**
 * The property that matters: a masked value appears in no output, in any
 * spelling, wherever it sat in the input (plain column, key, nested JSON,
 * JSON text in a string, cut diff values, rendered keys, canonical key JSON,
 * event ids, raw documents). Secrets are built from marked pieces separated by
 * the characters that break naive parsers (`,` `=` `"` `\` `{` `…` …), and the
 * JSON text of every output is searched for every piece, so a partial leak
 * (the part after a comma) fails the test as surely as a whole one.
 */

const T = 'inventory.customers';
const masker = createMasker({ fields: ['email', 'inventory.customers.phone', '/^iban$/i'] });
const NASTY = [',', '=', ',id=', '"', '\\', '{', '}', '[', ':', '…', '#', ' ', '\n', '\\"', '","x":"', 'é', '🙂', '|'];

/** Deterministic PRNG (mulberry32): the test fails the same way every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A secret whose every piece carries the marker `Q<id>q`. */
function secret(random: () => number, id: string, long = false): string {
  const pieces = 2 + Math.floor(random() * 4) + (long ? 40 : 0);
  let s = '';
  for (let j = 0; j < pieces; j++) {
    if (j > 0) s += NASTY[Math.floor(random() * NASTY.length)]!;
    s += `Q${id}q${j}`;
  }
  return s;
}

function expectNoLeak(output: unknown, markers: string[], where: string): void {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  for (const m of markers) {
    if (text.includes(m)) throw new Error(`${where}: secret piece ${m} leaked in ${text.slice(0, 400)}`);
  }
}

function scenario(seed: number) {
  const random = rng(seed);
  const s = (name: string, long = false) => secret(random, `${seed}${name}`, long);
  const email = s('E', random() < 0.3);
  const phone = s('P');
  const pw = s('W');
  const token = s('T');
  const apiKey = s('A');
  const docPw = s('D');
  const iban = s('I');
  const keyEmail = s('K', random() < 0.3);
  const before: Row = {
    id: 7,
    email,
    phone,
    password_hash: pw,
    note: 'plain text',
    meta: { nested: { access_token: token }, list: [{ apiKey }, { ok: true }] },
    doc: JSON.stringify({ user: { password: docPw, name: 'n' }, pad: 'x'.repeat(Math.floor(random() * 300)) }),
    IBAN: iban,
  };
  const s2 = (v: string) => `${v}2`;
  const after: Row = {
    ...before,
    email: s2(email),
    phone: s2(phone),
    password_hash: s2(pw),
    meta: { nested: { access_token: s2(token) }, list: [{ apiKey: s2(apiKey) }] },
    doc: JSON.stringify({ user: { password: s2(docPw) } }),
    IBAN: s2(iban),
    note: 'changed',
  };
  const key: Row = random() < 0.5 ? { email: keyEmail, id: 7 } : { id: 7, email: keyEmail, meta: { password: s('M') } };
  const markers = [email, phone, pw, token, apiKey, docPw, iban, keyEmail].flatMap(
    (v) => v.match(/Q\d+[A-Z]q\d+/g) ?? [],
  );
  const ids = ['E', 'P', 'W', 'T', 'A', 'D', 'I', 'K', 'M'].map((n) => `Q${seed}${n}q`);
  return { before, after, key, markers: [...new Set([...markers, ...ids])] };
}

describe('no masked value leaks, in any output', () => {
  const seeds = Array.from({ length: 150 }, (_, i) => i + 1);

  it.each(seeds)('scenario %i', (seed) => {
    const { before, after, key, markers } = scenario(seed);
    const check = (out: unknown, where: string) => expectNoLeak(out, markers, `seed ${seed} ${where}`);

    check(masker.maskRow(T, before), 'maskRow before');
    check(masker.maskRow(T, after), 'maskRow after');
    check(masker.maskRow(undefined, before), 'maskRow, table unknown');
    check(masker.maskRow(`replica_a.${T}`, after), 'maskRow, server-qualified table');
    check(masker.maskKeyRow(T, key), 'maskKeyRow');
    check(renderKey(masker.maskKeyRow(T, key)), 'renderKey(maskKeyRow)');

    // Texts rendered before masking: the list's key, the replica key and id, a raw message.
    const rendered = renderKey(key) ?? '';
    check(masker.maskText(T, rendered), 'maskText(renderKey)');
    for (const cap of [Number.POSITIVE_INFINITY, 256, 40, 12]) {
      const canonical = canonicalJson(key, cap);
      check(masker.maskText(T, canonical), `maskText(canonicalJson, ${cap})`);
      check(masker.maskEventId(T, `g|0-1-4711|${T}|${canonical}#1`, canonical), `maskEventId ${cap}`);
      check(masker.maskEventId(T, `c|${T}|1x2y3z|${canonical}`, canonical), `maskEventId content ${cap}`);
    }
    const raw = JSON.stringify({
      schema: { type: 'struct' },
      payload: { before, after, op: 'u', source: { table: 'customers' } },
    });
    check(masker.maskText(T, raw, 'json'), 'maskText(raw, json)');
    check(masker.maskText(T, raw.slice(0, 150 + (seed % 400)), 'json'), 'maskText(cut raw, json)');

    // Diffs as both producers make them, values cut at several widths.
    for (const maxValueChars of [200, 40, 9]) {
      const opts = { maxValueChars };
      check(masker.maskDiffs(T, diffUpdate(before, after, opts).changes), `update diff ${maxValueChars}`);
      check(
        masker.maskDiffs(T, diffChange({ op: 'c', before: null, after }, opts).changes),
        `create diff ${maxValueChars}`,
      );
      check(
        masker.maskDiffs(T, diffChange({ op: 'd', before, after: null }, opts).changes),
        `delete diff ${maxValueChars}`,
      );
      const a = { op: 'u' as const, key, before, after };
      const b = { op: 'c' as const, key: { ...key, email: 'other' }, before: null, after: { ...after, extra: 1 } };
      check(masker.maskDiffs(T, diffCopies(a, b, opts).changes), `copy diff ${maxValueChars}`);
      check(
        masker.maskDiffs(T, diffCopies(a, b, { ...opts, maxDepth: 1 }).changes),
        `copy diff depth 1 ${maxValueChars}`,
      );
    }
  });

  it('the harness itself catches a leak', () => {
    const { before, markers } = scenario(1);
    expect(() => expectNoLeak(before, markers, 'raw input')).toThrow(/leaked/);
    expect(() => expectNoLeak(createMasker({ defaults: false }).maskRow(T, before), markers, 'inactive')).toThrow(
      /leaked/,
    );
  });

  it('gives the same output for the same input, every time (deterministic, cache or not)', () => {
    const { before, key } = scenario(42);
    const fresh = createMasker({ fields: ['email', 'inventory.customers.phone', '/^iban$/i'] });
    expect(JSON.stringify(fresh.maskRow(T, before))).toBe(JSON.stringify(masker.maskRow(T, before)));
    expect(fresh.maskText(T, renderKey(key) ?? '')).toBe(masker.maskText(T, renderKey(key) ?? ''));
    expect(fresh.maskText(T, canonicalJson(key))).toBe(masker.maskText(T, canonicalJson(key)));
  });
});
