import type { ColumnChange, DdlEntry, SchemaVersion, TableSchemaResponse } from '@/lib/contracts/table-schema';

/**
 * One table's schema history as a single timeline, newest first: the shapes
 * seen in its events (each with what changed) and the statements of its
 * connector's schema-change topic, interleaved by when cdcscope received them.
 */
export type TimelineItem =
  { kind: 'shape'; at: number; version: SchemaVersion; first: boolean } | { kind: 'ddl'; at: number; ddl: DdlEntry };

export function timelineOf(s: TableSchemaResponse): TimelineItem[] {
  const items: TimelineItem[] = [
    ...s.versions.map((version, i): TimelineItem => ({
      kind: 'shape',
      at: version.since,
      version,
      first: i === 0 && s.droppedVersions === 0,
    })),
    ...s.ddl.map((ddl): TimelineItem => ({ kind: 'ddl', at: ddl.at, ddl })),
  ];
  // Newest first; at the same millisecond the statement goes below the shape it caused.
  return items.sort((a, b) => b.at - a.at || (a.kind === b.kind ? 0 : a.kind === 'shape' ? -1 : 1));
}

/** "added note (string)", "id: int32 → int64", "email: required → optional", "removed fax". */
export function describeChange(c: ColumnChange): string {
  switch (c.kind) {
    case 'added':
      return `added ${c.column}${c.to !== undefined ? ` (${c.to})` : ''}`;
    case 'removed':
      return `removed ${c.column}`;
    case 'type-changed':
    case 'optionality-changed':
      return `${c.column}: ${c.from ?? '?'} → ${c.to ?? '?'}`;
  }
}

/** What a shape's basis means, for its label. */
export const BASIS_LABEL: Record<SchemaVersion['basis'], string> = {
  connect: 'Connect schema',
  avro: 'Avro schema',
  json: 'JSON values',
};
