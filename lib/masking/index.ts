/** Public surface of the masking library: pure, server-side, applied to everything that leaves the server (docs/masking.md). */
export { createMasker, type Masker, type MaskingDescription, type MaskRuleInfo, type TextForm } from './masker';
export { maskingSchema, maskFieldSpecSchema, DEFAULT_REPLACEMENT, type MaskingConfig, type MaskingConfigInput } from './schema';
export { DEFAULT_RULES, splitWords, type DefaultRule } from './default-rules';
