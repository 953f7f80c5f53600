import type { Row } from '../contracts/change-event';

/**
 * Debezium's default `unavailable.value.placeholder`: PostgreSQL writes it for
 * unchanged TOASTed columns when the old value is not in the WAL. Such a
 * column did not change, it was just not sent.
 */
export const UNAVAILABLE_VALUE_PLACEHOLDER = '__debezium_unavailable_value';

/** Recursion guard for deepEqual; decoded rows are already limited to 64 levels. */
const MAX_COMPARE_DEPTH = 64;

function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN cannot come from JSON; Object.is only differs from === on NaN and ±0, and -0 vs 0 is not a change a user cares about.
    return false;
  }
  // Too deep to compare safely: report it as changed rather than risk the stack.
  if (depth >= MAX_COMPARE_DEPTH) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    count++;
    if (!(k in bo) || !deepEqual(ao[k], bo[k], depth + 1)) return false;
  }
  for (const _ in bo) count--;
  return count === 0;
}

/**
 * Top-level fields whose value differs between `before` and `after`, deep
 * compared (JSON/array columns count as one field), in `after`'s field order.
 * Only fields present on both sides are compared: PostgreSQL with REPLICA
 * IDENTITY DEFAULT/INDEX sends a partial or no `before`, and a field it did
 * not send is unknown, not changed. For the same reason fields whose new
 * value is the unavailable-value placeholder (unchanged TOAST) are left out.
 * Empty when either side is missing (inserts, deletes).
 */
export function changedFields(
  before: Row | null | undefined,
  after: Row | null | undefined,
  placeholder: string = UNAVAILABLE_VALUE_PLACEHOLDER,
): string[] {
  if (before === null || before === undefined || after === null || after === undefined) return [];
  const changed: string[] = [];
  for (const field in after) {
    const next = after[field];
    if (next === placeholder) continue;
    if (field in before && !deepEqual(before[field], next, 0)) changed.push(field);
  }
  return changed;
}
