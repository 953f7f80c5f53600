import { z } from 'zod';
import type { Result } from '../result';

/**
 * Debezium Server's health (`GET /q/health`, SmallRye Health in Quarkus):
 * `{ status: "UP" | "DOWN", checks: [{ name, status, data? }] }`, with HTTP
 * 200 when up and 503 when down, the same body either way. `data` is left
 * out: it is free-form and may name hosts or settings.
 */

/** Checks kept from one answer. */
export const MAX_HEALTH_CHECKS = 50;

const body = z.looseObject({
  status: z.string().max(32),
  checks: z.array(z.looseObject({ name: z.unknown().optional(), status: z.unknown().optional() })).optional(),
});

export interface DebeziumHealth {
  status: string;
  checks: { name: string; status: string }[];
}

export function parseDebeziumHealth(json: unknown): Result<DebeziumHealth> {
  const parsed = body.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'the health endpoint answered without a status' };
  const checks = (parsed.data.checks ?? []).slice(0, MAX_HEALTH_CHECKS).map((c) => ({
    name: typeof c.name === 'string' ? c.name.slice(0, 200) : '(unnamed)',
    status: typeof c.status === 'string' ? c.status.slice(0, 32) : 'UNKNOWN',
  }));
  return { ok: true, value: { status: parsed.data.status, checks } };
}
