/**
 * Topic/subject patterns for recognising special topics (outbox events):
 * `/regex/` is a regular expression, a `*` in anything else matches any run
 * of characters (`outbox.event.*`), and anything else is an exact name. What
 * the wildcard (or a regex's first group, or its group named `aggregate`)
 * matched is handed back: for outbox topics it is the aggregate type.
 */
export type TopicMatch = { matched: false } | { matched: true; captured?: string };
export type TopicMatcher = (channel: string) => TopicMatch;

const NO_MATCH: TopicMatch = { matched: false };

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** A trailing-`*` glob (`outbox.event.*`, the default) is a prefix test: it runs on every message. */
type Compiled = RegExp | string | { prefix: string };

function compileOne(pattern: string): Compiled {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    try {
      return new RegExp(pattern.slice(1, -1));
    } catch {
      // An invalid regex matches nothing rather than failing decoding; the config schema rejects it earlier.
      return /$^/;
    }
  }
  if (!pattern.includes('*')) return pattern;
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1) return { prefix: pattern.slice(0, -1) };
  return new RegExp(`^${pattern.split('*').map(escapeRegex).join('(.+)')}$`);
}

export function compileTopicPatterns(patterns: readonly string[]): TopicMatcher {
  const compiled = patterns.map(compileOne);
  return (channel) => {
    for (const p of compiled) {
      if (typeof p === 'string') {
        if (p === channel) return { matched: true };
        continue;
      }
      if (!(p instanceof RegExp)) {
        if (channel.length > p.prefix.length && channel.startsWith(p.prefix))
          return { matched: true, captured: channel.slice(p.prefix.length) };
        continue;
      }
      const m = p.exec(channel);
      if (m !== null) return { matched: true, captured: m.groups?.aggregate ?? m[1] };
    }
    return NO_MATCH;
  };
}

const cache = new WeakMap<readonly string[], TopicMatcher>();

/** The matcher of a pattern list, compiled once per list object (decode options are resolved per message). */
export function topicMatcher(patterns: readonly string[]): TopicMatcher {
  let matcher = cache.get(patterns);
  if (matcher === undefined) {
    matcher = compileTopicPatterns(patterns);
    cache.set(patterns, matcher);
  }
  return matcher;
}
