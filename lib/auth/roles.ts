/** The roles of issue #5. Operators may change things (replay, later); viewers only look. */
export const ROLES = ['viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Ranks rather than permission lists: the roles nest (operator ⊇ viewer), so "at least" is the only question. */
const RANK: Record<Role, number> = { viewer: 1, operator: 2 };

/** True when someone holding `have` may use what requires `need`; nobody (null) may use anything. */
export function roleAllows(have: Role | null | undefined, need: Role): boolean {
  return have != null && RANK[have] >= RANK[need];
}
