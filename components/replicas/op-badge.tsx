const KNOWN = new Set(['c', 'u', 'd', 'r', 't', 'm']);

/** A change's op as the coloured badge of the table page; unknown ops render as text in a neutral badge. */
export function OpBadge({ op }: { op: string | undefined }) {
  const o = typeof op === 'string' ? op : '?';
  return (
    <span className={KNOWN.has(o) ? `op op-${o}` : 'op op-kind'} title={`op ${o}`}>
      {o}
    </span>
  );
}
