import { z } from 'zod';

/** The body of an `/api` answer that refuses or fails (4xx, 5xx): one readable line. */
export const apiErrorSchema = z.object({ error: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The server's reason in an error body, or undefined when the body is not one (a proxy's page, nothing). */
export function apiErrorReason(body: unknown): string | undefined {
  const parsed = apiErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}
