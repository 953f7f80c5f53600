import { errorMessage } from '../error-message';
import type { Result } from '../result';

/**
 * The three spellings of a `masking.fields` entry, parsed once so the config
 * schema (which reports errors at start-up) and the rule compiler (which
 * builds matchers) agree on what a spec means:
 * - `password`, `*_token`: a column name (or `*` glob over it), any table;
 * - `inventory.customers.phone`, `*.email`, `billing.*.iban`: segments
 *   separated by dots, the last one the column, the others the trailing
 *   segments of the table (`db.table`, `schema.table`, `server.db.table`);
 * - `/^acct_\d+$/i`: a JavaScript regular expression over the column name.
 */
export type FieldSpec =
  | { kind: 'name'; spec: string; pattern: string }
  | { kind: 'qualified'; spec: string; segments: string[] }
  | { kind: 'regex'; spec: string; source: string; flags: string };

const REGEX_SPEC = /^\/(.+)\/([a-z]*)$/s;
/** Flags RegExp accepts. `g` and `y` are refused: they make `test()` stateful (lastIndex), so one column would match on alternate calls. */
const ALLOWED_FLAGS = new Set(['d', 'i', 'm', 's', 'u', 'v']);

export function parseFieldSpec(raw: string): Result<FieldSpec> {
  const spec = raw.trim();
  if (spec.length === 0) return { ok: false, error: 'empty field spec' };
  if (spec.startsWith('/')) {
    const m = REGEX_SPEC.exec(spec);
    if (m === null) return { ok: false, error: `"${spec}": a regex spec is /pattern/flags` };
    const source = m[1] ?? '';
    const flags = m[2] ?? '';
    for (const f of flags) {
      if (f === 'g' || f === 'y') return { ok: false, error: `"${spec}": flag ${f} makes matching stateful; drop it` };
      if (!ALLOWED_FLAGS.has(f)) return { ok: false, error: `"${spec}": unknown regex flag ${f}` };
    }
    try {
      new RegExp(source, flags);
    } catch (e) {
      return { ok: false, error: `"${spec}": ${errorMessage(e)}` };
    }
    return { ok: true, value: { kind: 'regex', spec, source, flags } };
  }
  if (/\s/.test(spec))
    return { ok: false, error: `"${spec}": no spaces in a field spec (use a /regex/ for such column names)` };
  const segments = spec.split('.');
  if (segments.some((s) => s.length === 0))
    return { ok: false, error: `"${spec}": empty segment (write table.column or server.db.table.column)` };
  if (segments.length === 1) return { ok: true, value: { kind: 'name', spec, pattern: spec } };
  return { ok: true, value: { kind: 'qualified', spec, segments } };
}
