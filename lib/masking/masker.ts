import type { Row } from '../contracts/change-event';
import type { FieldDiff } from '../contracts/replicas';
import { DEFAULT_RULES } from './default-rules';
import { dropCutHash, maskEventIdText } from './event-id';
import { hasMaskedKey, looksLikeJson, maskJsonText, type KeyTest } from './json-text';
import { maskRenderedKey, type KeyTextHooks } from './key-text';
import { maskDiffList, replaceAllDiffs } from './mask-diffs';
import { createValueMasker } from './mask-values';
import { createMatcherCache } from './matcher-cache';
import { compileRules, type MaskRule } from './rules';
import { maskingSchema, type MaskingConfigInput } from './schema';

/**
 * The server-side masker: every value that leaves the server (lists, table
 * events, replica diffs, API and socket payloads, later the inspector) goes
 * through one of these methods. Pure and deterministic; the methods never
 * throw: if masking itself fails, they hide everything they were given
 * rather than pass it through. See docs/masking.md.
 */

/** `key`: a key rendered by renderKey (`email=a@b.c,id=7`) or canonical key JSON; `json`: any JSON document. */
export type TextForm = 'key' | 'json';

export interface MaskRuleInfo {
  spec: string;
  kind: MaskRule['kind'];
  /** Also masks keys inside JSON values. */
  nested: boolean;
  description: string;
}

export interface MaskingDescription {
  replacement: string;
  rules: MaskRuleInfo[];
  /** The built-in patterns in force (empty with `defaults: false`), with why each is there. */
  defaults: { name: string; why: string }[];
}

export interface Masker {
  /** What masked values become. A masked FieldDiff is recognised by `before`/`after` equal to it. */
  readonly replacement: string;
  /** False when no rule is configured: every method returns its input. */
  readonly active: boolean;
  /** Whether `column` of `table` is masked. Unknown table: masked if any rule names the column. */
  isMasked(table: string | undefined, column: string): boolean;
  /** One column's value, as maskRow would return it. */
  maskField(table: string | undefined, column: string, value: unknown): unknown;
  /** A row with masked columns replaced and masked keys inside JSON values replaced; the same row when nothing was. */
  maskRow<T extends Row | null | undefined>(table: string | undefined, row: T): T;
  /** A message key (ChangeRecord.key): the same rules as rows. Render it after masking for exact `k=v` text. */
  maskKeyRow<T extends Row | null | undefined>(table: string | undefined, key: T): T;
  /** Field diffs (update or copy diffs) with masked values replaced; the same array when nothing was. */
  maskDiffs(table: string | undefined, diffs: FieldDiff[]): FieldDiff[];
  /** Already-rendered text; whatever cannot be read safely comes back as the replacement. Cut key JSON loses its `#hash`. */
  maskText(table: string | undefined, text: string, form?: TextForm): string;
  /** A replica event id (EventRef.id, DivergentPair.id): its key JSON masked, a content hash hidden (lib/masking/event-id.ts). */
  maskEventId(table: string | undefined, id: string, key: string): string;
  describe(): MaskingDescription;
}

/** Builds a masker from the `masking` config section (validated here; an invalid spec throws at start-up). */
export function createMasker(config: MaskingConfigInput = {}): Masker {
  const cfg = maskingSchema.parse(config);
  const rules = compileRules(cfg.fields, cfg.defaults);
  const cache = createMatcherCache(rules);
  const values = createValueMasker(
    cache,
    cfg.replacement,
    rules.some((r) => r.nested),
  );
  const { replacement, replacementToken } = values;
  const active = rules.length > 0;

  const nestedKeys: KeyTest = (key) => cache.isMaskedKey(key);
  const keyTextHooks: KeyTextHooks = {
    replacement,
    isMasked: (table, field) => cache.isMasked(table, field),
    scanJson: (t, start) =>
      maskJsonText(t.slice(start), nestedKeys, replacementToken, { allowTrailing: true, depthOffset: 1 }),
    hasMaskedKey: (table, t, start) => hasMaskedKey(t.slice(start), (k) => cache.isMasked(table, k)),
  };

  function hideRow(row: Row): Row {
    const out: Row = {};
    try {
      for (const k of Object.keys(row))
        Object.defineProperty(out, k, { value: replacement, writable: true, enumerable: true, configurable: true });
    } catch {
      // Not even its keys can be read: an empty row shows nothing.
    }
    return out;
  }

  function maskRow<T extends Row | null | undefined>(table: string | undefined, row: T): T {
    if (!active || row == null) return row;
    try {
      return values.row(table, row) as T;
    } catch {
      return hideRow(row) as T;
    }
  }

  function maskText(table: string | undefined, text: string, form: TextForm = 'key'): string {
    if (!active || typeof text !== 'string' || text.length === 0) return text;
    try {
      if (form === 'json') {
        const anyDepth: KeyTest = (key) => cache.isMasked(table, key);
        return maskJsonText(text, anyDepth, replacementToken)?.text ?? replacement;
      }
      if (text === 'null') return text;
      if (looksLikeJson(text)) {
        const scanned = maskJsonText(text, values.rowKeys(table), replacementToken);
        return scanned === undefined ? replacement : dropCutHash(scanned.text);
      }
      return maskRenderedKey(table, text, keyTextHooks) ?? replacement;
    } catch {
      return replacement;
    }
  }

  return {
    replacement,
    active,
    isMasked(table, column) {
      return active && cache.isMasked(table, column);
    },
    maskField(table, column, value) {
      if (!active) return value;
      try {
        return values.field(table, column, value);
      } catch {
        return replacement;
      }
    },
    maskRow,
    maskKeyRow: maskRow,
    maskDiffs(table, diffs) {
      if (!active) return diffs;
      try {
        return maskDiffList(values, table, diffs);
      } catch {
        return replaceAllDiffs(diffs, replacement);
      }
    },
    maskText,
    maskEventId(table, id, key) {
      if (!active) return id;
      try {
        const masked = key.length === 0 ? undefined : maskEventIdText(id, key, (k) => maskText(table, k), replacement);
        if (masked !== undefined) return masked;
      } catch {
        // Fall through: an id we cannot take apart is hidden whole.
      }
      return maskText(table, id);
    },
    describe() {
      return {
        replacement,
        rules: rules.map((r) => ({ spec: r.spec, kind: r.kind, nested: r.nested, description: r.description })),
        defaults: cfg.defaults ? DEFAULT_RULES.map((r) => ({ name: r.name, why: r.why })) : [],
      };
    },
  };
}
