import type { z } from 'zod';
import type { Result } from '../result';

/**
 * Query strings and JSON bodies through a zod schema, with one readable
 * error line for the 400 (`limit: Too big…; unknown parameter x`). Shared by
 * every API route that takes parameters.
 */

/** zod issues as one line; `unknown parameter x` (or `unknown field x` for bodies) for keys a strict schema refuses. */
export function issuesText(error: z.ZodError, kind: 'parameter' | 'field' = 'parameter'): string {
  const root = kind === 'parameter' ? 'query' : 'body';
  return error.issues
    .map((i) =>
      i.code === 'unrecognized_keys'
        ? `unknown ${kind} ${i.keys.join(', ')}`
        : `${i.path.join('.') || root}: ${i.message}`,
    )
    .join('; ');
}

/** Search params through `schema`: one value per name, except the `repeatable` ones (arrays); a repeated single is an error. */
export function parseSearchParams<S extends z.ZodType>(
  schema: S,
  params: URLSearchParams,
  repeatable: ReadonlySet<string> = new Set(),
): Result<z.output<S>> {
  // No prototype: `__proto__` or `constructor` are then ordinary (unknown) names, not inherited members.
  const input = Object.create(null) as Record<string, string | string[]>;
  const repeated = new Set<string>();
  for (const [name, value] of params) {
    const list = input[name];
    if (repeatable.has(name)) input[name] = Array.isArray(list) ? [...list, value] : [value];
    else if (Object.hasOwn(input, name)) repeated.add(name);
    else input[name] = value;
  }
  if (repeated.size > 0) return { ok: false, error: `given more than once: ${[...repeated].join(', ')}` };
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: issuesText(parsed.error) };
}
