/**
 * Masks a key already rendered by `renderKey` (lib/event-views/render.ts):
 * `order_id=7,line=2`, `email=a@b.c,id=7`. Values are written raw, so the
 * text is ambiguous: `email=a,id=7` is email `a` and id 7, or email
 * `a,id=7`. Nothing in the text tells which, so once a masked field is found
 * everything after its `=` is replaced, and `…` says fields may have followed:
 * `email=a@b.c,id=7` → `email=••••••…`. To keep the other fields, mask the
 * key row before rendering it (`renderKey(masker.maskKeyRow(table, key))`).
 *
 * JSON values (`meta={"password":"x"}`) are scanned for masked keys from
 * their first character to wherever the JSON ends, not to the next `,x=`
 * (a JSON string may contain one).
 */

/** Built once per masker: hooks made per call cost closures on every list item. */
export interface KeyTextHooks {
  isMasked(table: string | undefined, field: string): boolean;
  /** Masks the JSON value starting at `text[start]`; undefined when it is not JSON. */
  scanJson(text: string, start: number): { text: string; end: number } | undefined;
  /** Fallback for unscannable JSON: does the text from `start` show a masked key? */
  hasMaskedKey(table: string | undefined, text: string, start: number): boolean;
  replacement: string;
}

const FIRST_FIELD = /^([^,=]+)=/;
const NEXT_FIELD = /,([^,=]+)=/g;

/** The masked text, or undefined when the text is not `field=value[,field=value…]`. */
export function maskRenderedKey(table: string | undefined, text: string, hooks: KeyTextHooks): string | undefined {
  const first = FIRST_FIELD.exec(text);
  if (first === null) return undefined;
  const re = NEXT_FIELD; // global, so lastIndex is set before every exec; calls never interleave (synchronous)
  let out = '';
  let copied = 0;
  let field = first[1] ?? '';
  let valueStart = first[0].length;
  for (;;) {
    if (hooks.isMasked(table, field)) {
      re.lastIndex = valueStart;
      const more = re.exec(text) !== null;
      return `${out}${text.slice(copied, valueStart)}${hooks.replacement}${more ? '…' : ''}`;
    }
    let searchFrom = valueStart;
    const c = text[valueStart];
    if (c === '{' || c === '[') {
      const scanned = hooks.scanJson(text, valueStart);
      if (scanned === undefined) {
        if (hooks.hasMaskedKey(table, text, valueStart))
          return `${out}${text.slice(copied, valueStart)}${hooks.replacement}`;
      } else {
        out += text.slice(copied, valueStart) + scanned.text;
        copied = valueStart + scanned.end;
        searchFrom = copied;
      }
    }
    re.lastIndex = searchFrom;
    const next = re.exec(text);
    if (next === null) break;
    field = next[1] ?? '';
    valueStart = next.index + next[0].length;
  }
  return out + text.slice(copied);
}
