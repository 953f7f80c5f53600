import type { SeekLimits } from '../config/sinks-schema';
import { seekMessageQuerySchema, seekQuerySchema, type SeekMessageQuery, type SeekRequest } from '../contracts/seek';
import type { z } from 'zod';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Search params as a zod input: one value per name, except the repeatable ones; a repeated single is an error. */
function collect(params: URLSearchParams, repeatable: ReadonlySet<string>): Parsed<Record<string, string | string[]>> {
  const input: Record<string, string | string[]> = {};
  const repeated = new Set<string>();
  for (const [name, value] of params) {
    const list = input[name];
    if (repeatable.has(name)) input[name] = Array.isArray(list) ? [...list, value] : [value];
    else if (name in input) repeated.add(name);
    else input[name] = value;
  }
  return repeated.size > 0 ? { ok: false, error: `given more than once: ${[...repeated].join(', ')}` } : { ok: true, value: input };
}

function issues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.code === 'unrecognized_keys' ? `unknown parameter ${i.keys.join(', ')}` : `${i.path.join('.') || 'query'}: ${i.message}`))
    .join('; ');
}

const FIELD = new Set(['field']);

/**
 * `GET /api/seek` parameters → a request within the configured limits. A
 * limit asked above the configuration is lowered to it rather than refused:
 * the browser does not know the server's limits, and less is always allowed.
 */
export function parseSeekQuery(params: URLSearchParams, limits: SeekLimits): Parsed<SeekRequest> {
  const input = collect(params, FIELD);
  if (!input.ok) return input;
  const parsed = seekQuerySchema.safeParse(input.value);
  if (!parsed.success) return { ok: false, error: issues(parsed.error) };
  const { sourceId, channel, start, limit, scan, ...filter } = parsed.data;
  return {
    ok: true,
    value: {
      sourceId,
      channel,
      start,
      filter,
      limit: Math.min(limit ?? limits.maxResults, limits.maxResults),
      scan: Math.min(scan ?? limits.maxScan, limits.maxScan),
      maxMs: limits.maxSeconds * 1000,
    },
  };
}

/** `GET /api/seek/message` parameters. */
export function parseSeekMessageQuery(params: URLSearchParams): Parsed<SeekMessageQuery> {
  const input = collect(params, new Set());
  if (!input.ok) return input;
  const parsed = seekMessageQuerySchema.safeParse(input.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: issues(parsed.error) };
}
