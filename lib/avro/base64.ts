/**
 * Base64 the way Kafka Connect's JsonConverter writes `bytes` (standard
 * alphabet, padded), without Node's Buffer so it runs anywhere.
 */

/** Bytes per String.fromCharCode call: well under every engine's argument limit. */
const CHUNK = 0x8000;

/** Below this many bytes a plain loop beats building an argument list. */
const SMALL = 64;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  if (bytes.length <= SMALL) {
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] ?? 0);
  } else {
    for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Undefined when the text is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
