import { DEFAULT_RULES, defaultRuleFor } from './default-rules';
import { parseFieldSpec, type FieldSpec } from './field-spec';

/**
 * Masking rules compiled from the config: each answers "is this column of
 * this table masked?". Matching is case-insensitive for names and patterns
 * (MySQL folds identifiers, PostgreSQL folds unquoted ones; over-masking a
 * differently-cased twin is the safe error).
 */
export interface MaskRule {
  readonly spec: string;
  readonly kind: 'name' | 'qualified' | 'regex' | 'default';
  /**
   * True for rules that name no table (names, regexes, defaults): they also
   * mask keys inside JSON values. A qualified rule names one column of a
   * table, and `meta.email` inside a document is not that column.
   */
  readonly nested: boolean;
  matchesName(name: string): boolean;
  /**
   * Qualified rules compare their table segments with the trailing segments
   * of `table`. Segments the caller could not supply (no table, or a table
   * without the server prefix) count as matching: a rule for
   * `replica_a.inventory.customers.phone` must not leak the column when a call
   * site only knows `inventory.customers`.
   */
  matchesTable(table: string | undefined): boolean;
  readonly description: string;
}

type SegmentTest = (segment: string) => boolean;

function segmentTest(pattern: string): SegmentTest {
  if (!pattern.includes('*')) {
    const lower = pattern.toLowerCase();
    return (s) => s === pattern || s.toLowerCase() === lower;
  }
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${body}$`, 'iu');
  return (s) => re.test(s);
}

const anyTable = () => true;

function compileSpec(spec: FieldSpec): MaskRule {
  switch (spec.kind) {
    case 'name': {
      const test = segmentTest(spec.pattern);
      const what = spec.pattern.includes('*') ? `columns matching ${spec.pattern}` : `column ${spec.pattern}`;
      return {
        spec: spec.spec,
        kind: 'name',
        nested: true,
        matchesName: test,
        matchesTable: anyTable,
        description: `${what} in every table, and JSON keys of that name`,
      };
    }
    case 'regex': {
      const re = new RegExp(spec.source, spec.flags);
      return {
        spec: spec.spec,
        kind: 'regex',
        nested: true,
        matchesName: (n) => re.test(n),
        matchesTable: anyTable,
        description: `columns and JSON keys matching ${spec.spec}`,
      };
    }
    case 'qualified': {
      const column = spec.segments[spec.segments.length - 1] ?? '';
      const tableSegments = spec.segments.slice(0, -1);
      const tests = tableSegments.map(segmentTest);
      return {
        spec: spec.spec,
        kind: 'qualified',
        nested: false,
        matchesName: segmentTest(column),
        matchesTable(table) {
          if (table === undefined) return true;
          const parts = table.split('.');
          for (let j = 1; j <= tests.length; j++) {
            const part = parts[parts.length - j];
            if (part === undefined) return true;
            const test = tests[tests.length - j];
            if (test !== undefined && !test(part)) return false;
          }
          return true;
        },
        description: `column ${column} of tables matching ${tableSegments.join('.')}`,
      };
    }
  }
}

/** One rule standing for all built-in patterns: one word split per name instead of eleven. */
function defaultsRule(): MaskRule {
  return {
    spec: 'defaults',
    kind: 'default',
    nested: true,
    matchesName: (n) => defaultRuleFor(n) !== undefined,
    matchesTable: anyTable,
    description: `built-in: columns and JSON keys with the words ${DEFAULT_RULES.map((r) => r.name).join(', ')}`,
  };
}

/** Compiles config specs (validated by the schema; an invalid one throws here, at start-up). */
export function compileRules(fields: readonly string[], defaults: boolean): MaskRule[] {
  const rules = fields.map((raw) => {
    const parsed = parseFieldSpec(raw);
    if (!parsed.ok) throw new Error(`masking.fields: ${parsed.error}`);
    return compileSpec(parsed.value);
  });
  if (defaults) rules.push(defaultsRule());
  return rules;
}
