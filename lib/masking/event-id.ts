/**
 * Replica event ids (lib/replicas/event-identity.ts) end with the key's
 * canonical JSON, then maybe an occurrence `#n`:
 * `g|0-1-4711|inventory.orders|{"id":7}#2`. Shown in lists, that key is as
 * visible as EventRef.key, so it is masked the same way.
 *
 * Content-hash ids (`c|<table>|<hash>|<key>`) also carry a 53-bit hash of the
 * whole change, masked columns included. It is not the value, but with the
 * other columns in view and a fast hash, a low-entropy secret (an SSN has
 * 10^9 values) can be found by trying them all; so the hash is hidden too.
 * Two such events with the same key then show the same id: masked ids are
 * for display, not for looking events up.
 */

const OCCURRENCE_SUFFIX = /^(#\d+)?$/;
/** canonicalJson's `…#<hash>` cut marker: the hash covers the full key text, masked fields included. */
const CUT_HASH = /…#[0-9a-z]+$/;

/** Drops the hash from a cut key's marker (`…#1x2y` → `…`), for the reason given above. */
export function dropCutHash(text: string): string {
  return CUT_HASH.test(text) ? text.replace(CUT_HASH, '…') : text;
}

function hideContentHash(prefix: string, replacement: string): string {
  if (!prefix.startsWith('c|') || !prefix.endsWith('|')) return prefix;
  const start = prefix.lastIndexOf('|', prefix.length - 2);
  return start > 1 ? `${prefix.slice(0, start + 1)}${replacement}|` : prefix;
}

/**
 * The id with its key masked by `maskKey` (and a content hash hidden), or
 * undefined when the id does not end with `key` as described: the caller
 * then hides it whole.
 */
export function maskEventIdText(
  id: string,
  key: string,
  maskKey: (key: string) => string,
  replacement: string,
): string | undefined {
  const at = id.lastIndexOf(key);
  if (at < 0 || !OCCURRENCE_SUFFIX.test(id.slice(at + key.length))) return undefined;
  const original = id.slice(0, at);
  const prefix = hideContentHash(original, replacement);
  const masked = maskKey(key);
  if (masked === key && prefix === original) return id;
  return prefix + masked + id.slice(at + key.length);
}
