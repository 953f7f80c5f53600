/**
 * A dynamic route segment as a page component receives it, decoded once.
 * Keys (table keys, row keys, event ids, pair ids, transaction keys) contain
 * dots and anything a database allows; links encode them with
 * `encodeURIComponent`. Checked on Next 16.4: the page receives the segment
 * still encoded (decode here), generateMetadata receives it decoded (use it
 * as is). An invalid escape is kept verbatim rather than failing the page.
 */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
