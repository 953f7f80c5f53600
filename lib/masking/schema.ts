import { z } from 'zod';
import { parseFieldSpec } from './field-spec';

/**
 * The `masking` section of the configuration file (docs/masking.md):
 *
 * ```yaml
 * masking:
 *   fields: [email, "*.phone", inventory.customers.birth_date, "billing.*.iban", "/^acct_/i"]
 *   replacement: "••••••"   # default
 *   defaults: true          # default: built-in secret names (password, token, ssn…)
 * ```
 */

/** Constant width, so the replacement never tells how long the value was. */
export const DEFAULT_REPLACEMENT = '••••••';

/** One `fields` entry: a column name, a dotted `*` pattern over `table.column`, or `/regex/flags` over the column name. */
export const maskFieldSpecSchema = z.string().superRefine((spec, ctx) => {
  const parsed = parseFieldSpec(spec);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

export const maskingSchema = z
  .object({
    fields: z.array(maskFieldSpecSchema).default([]),
    /** Shown instead of every masked value, whatever its type or length. */
    replacement: z.string().min(1).max(64).default(DEFAULT_REPLACEMENT),
    /** Built-in patterns for obvious secrets (lib/masking/default-rules.ts); on unless turned off. */
    defaults: z.boolean().default(true),
  })
  .strict();

/** After parsing: every field present. */
export type MaskingConfig = z.infer<typeof maskingSchema>;
/** As written in the file: every field optional. */
export type MaskingConfigInput = z.input<typeof maskingSchema>;
