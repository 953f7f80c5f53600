/**
 * The outcome of something that fails in an expected way (bad input, a plan
 * the broker cannot follow): the value, or a readable reason. Thrown errors
 * stay for the unexpected.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
