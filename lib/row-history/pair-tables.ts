/**
 * The two sides' table keys of a replica pair for one table: a table key is
 * `<server name>.<table>`, and a pair's sides are named by server name
 * (`replicas: [{ a: { serverName }, b: { serverName } }]`). Undefined when
 * the table is on neither side or a side has no server name.
 */
export function pairTables(
  tableKey: string,
  a: string | undefined,
  b: string | undefined,
): { a: string; b: string } | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (tableKey.startsWith(`${a}.`)) return { a: tableKey, b: `${b}.${tableKey.slice(a.length + 1)}` };
  if (tableKey.startsWith(`${b}.`)) return { a: `${a}.${tableKey.slice(b.length + 1)}`, b: tableKey };
  return undefined;
}
