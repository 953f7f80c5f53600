import type { SeekLimits } from '../config/sinks-schema';
import { seekMessageQuerySchema, seekQuerySchema, type SeekMessageQuery, type SeekRequest } from '../contracts/seek';
import { parseSearchParams } from '../contracts/query-params';
import { reversedRange } from '../contracts/inspector';
import type { Result } from '../result';

const FIELD = new Set(['field']);

/**
 * `GET /api/seek` parameters → a request within the configured limits. A
 * limit asked above the configuration is lowered to it rather than refused:
 * the browser does not know the server's limits, and less is always allowed.
 */
export function parseSeekQuery(params: URLSearchParams, limits: SeekLimits): Result<SeekRequest> {
  const parsed = parseSearchParams(seekQuerySchema, params, FIELD);
  if (!parsed.ok) return parsed;
  const { sourceId, channel, start, limit, scan, ...filter } = parsed.value;
  const reversed = reversedRange(filter);
  if (reversed !== undefined) return { ok: false, error: reversed };
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
export function parseSeekMessageQuery(params: URLSearchParams): Result<SeekMessageQuery> {
  return parseSearchParams(seekMessageQuerySchema, params);
}
