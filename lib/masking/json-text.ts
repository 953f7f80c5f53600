/**
 * Masks values inside JSON *text* without parsing it into objects: canonical
 * key JSON (`{"email":"a@b.c"}`), JSON columns that Debezium sends as strings
 * (io.debezium.data.Json), and the cut JSON that diffs and ids carry
 * (`{"a":1,"password":"hun…`, `…#1x2y`). A tolerant scanner walks the text,
 * asks `keyMasked(key, depth)` for every object key, and replaces the value
 * span of a masked key with the replacement as a JSON string. Text that ends
 * early (cut) is fine: a masked value running to the end is replaced to the
 * end. Anything else that is not JSON gives `undefined`, and the caller
 * decides (mask everything, or scan for keys with `hasMaskedKey`).
 */
import { Scanner, type KeyTest } from './json-scanner';

export { MAX_JSON_DEPTH, type KeyTest } from './json-scanner';

export interface JsonScan {
  text: string;
  /** Characters of the input consumed: the whole text unless `allowTrailing`. */
  end: number;
}

/** `…` or `…#<base36 hash>` ending the text: where clip/canonicalJson cut it. */
const CUT_MARKER = /…(#[0-9a-z]+)?$/;

export function maskJsonText(
  text: string,
  keyMasked: KeyTest,
  replacementToken: string,
  options?: { allowTrailing?: boolean; depthOffset?: number },
): JsonScan | undefined {
  const cut = text.charCodeAt(text.length - 1) === 0x2026 || text.includes('…#') ? CUT_MARKER.exec(text) : null;
  const s = new Scanner(
    text,
    cut === null ? text.length : cut.index,
    keyMasked,
    replacementToken,
    options?.depthOffset ?? 0,
    maskStringToken,
  );
  try {
    const complete = s.value(0);
    if (complete && options?.allowTrailing !== true) {
      s.ws();
      if (!s.atEnd()) return undefined;
    }
    const end = complete ? s.i : text.length;
    if (s.copied === 0) return { text: end === text.length ? text : text.slice(0, end), end };
    return { text: s.out + text.slice(s.copied, end), end };
  } catch {
    // NotJson, a bad escape in a key (JSON.parse), or anything unexpected: the caller fails closed.
    return undefined;
  }
}

/** True when a string's content looks like a JSON document: only those are scanned. */
export function looksLikeJson(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123 || c === 91) return true; // { [
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}

/**
 * A JSON string token whose content is itself JSON (a JSON column inside a
 * key or a diff value): decoded, scanned with depths continuing below the
 * string's place, re-encoded. Content that cannot be decoded or scanned is
 * replaced whole when it shows a masked key, else kept.
 */
function maskStringToken(
  token: string,
  complete: boolean,
  keyMasked: KeyTest,
  replacementToken: string,
  depth: number,
): string {
  let inner: string | undefined;
  for (const attempt of complete ? [token] : [`${token}"`, `${token.slice(0, -1)}"`]) {
    try {
      inner = JSON.parse(attempt) as string;
      break;
    } catch {
      // A cut escape sequence: try without its last character.
    }
  }
  if (inner === undefined) return hasMaskedKey(token, (k) => keyMasked(k, 1)) ? replacementToken : token;
  if (!looksLikeJson(inner)) return token;
  const scanned = maskJsonText(inner, keyMasked, replacementToken, { depthOffset: depth + 1 });
  if (scanned === undefined) return hasMaskedKey(inner, (k) => keyMasked(k, 1)) ? replacementToken : token;
  return scanned.text === inner ? token : JSON.stringify(scanned.text);
}

const PLAIN_KEY = /"((?:[^"\\]|\\.)*)"\s*:/g;
const ESCAPED_KEY = /\\"((?:[^"\\]|\\[^"])*)\\"\s*:/g;

/**
 * The fallback for text the scanner rejects: does anything in it look like a
 * JSON key (plain or escaped inside a string) that is masked? Used to decide
 * whether to replace the whole text; never to mask parts of it.
 */
export function hasMaskedKey(text: string, masked: (key: string) => boolean): boolean {
  for (const re of [PLAIN_KEY, ESCAPED_KEY]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const raw = m[1] ?? '';
      let key = raw;
      try {
        key = JSON.parse(`"${raw}"`) as string;
      } catch {
        // Keep the raw spelling: a near-miss key is still worth testing.
      }
      if (masked(key)) return true;
    }
  }
  return false;
}
