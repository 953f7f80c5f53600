/**
 * NATS subject matching (`*` = one token, `>` = one or more trailing tokens),
 * for filtering on the client where the server cannot: NATS 2.9 ordered
 * consumers take no subject filter from the JetStream client we use.
 */
export function createSubjectMatcher(filter: string): (subject: string) => boolean {
  if (filter === '>') return () => true;
  const want = filter.split('.');
  return (subject) => {
    const got = subject.split('.');
    for (let i = 0; i < want.length; i++) {
      const w = want[i];
      if (w === '>') return got.length > i;
      if (i >= got.length) return false;
      if (w !== '*' && w !== got[i]) return false;
    }
    return got.length === want.length;
  };
}

/** True when a `major.minor.patch` server version is at least `major.minor`. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  return a > major || (a === major && b >= minor);
}

/**
 * Whether some subject matches both filters (`*` one token, `>` the rest):
 * two JetStream shards that overlap would have one message read, and
 * counted, by two instances.
 */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const s = x[i];
    const t = y[i];
    if (s === '>' || t === '>') return s !== undefined && t !== undefined;
    if (s === undefined || t === undefined) return false;
    if (s !== '*' && t !== '*' && s !== t) return false;
  }
  return true;
}
