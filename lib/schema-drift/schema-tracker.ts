import type { ChangeRecord, Row, SchemaChangeRecord } from '../contracts/change-event';
import { columnsFromAvroSchema } from './avro-columns';
import { columnsFromConnectSchemaText, columnsFromRow, rowFitsShape } from './column-shapes';
import type {
  ColumnChange,
  ColumnShape,
  DdlEntry,
  SchemaBasis,
  SchemaVersion,
  TableSchemaResponse,
} from '../contracts/table-schema';
import { trimToSize } from '../bounded-map';

/**
 * Each table's shape over time. Bounds and eviction: at most `maxTables`
 * (2,000) tables, the least recently changed dropped first; at most
 * `maxVersions` (20) versions and as many DDL statements per table, the
 * oldest dropped (counted).
 *
 * A JSON-typed column that was `null` so far takes its first real type
 * without counting as a change, and JSON observations never compare
 * optionality: a null value says nothing about the column's definition.
 *
 * Typed schemas come first when a change carries one: its Connect schema
 * (schema-wrapped JSON) or its Avro schema (Schema Registry). Either is
 * compared per table by a fingerprint (the schema's text, or the source and
 * schema id) before anything is parsed, so an unchanged schema costs one
 * string comparison; the row's JSON types are the fallback.
 */
export interface SchemaTrackerOptions {
  maxTables?: number;
  maxVersions?: number;
}

interface TableShapes {
  versions: SchemaVersion[];
  current: Map<string, ColumnShape>;
  dropped: number;
  ddl: DdlEntry[];
  droppedDdl: number;
  /** An ALTER or DROP came on the schema-change topic (a snapshot's statements are CREATEs). */
  altered: boolean;
  /** The typed schema `current` was read from (Connect schema text, or `avro:<source>:<id>`). */
  fingerprint?: string;
}

/** A registry's Avro schema text by source and schema id, when it has been fetched. */
export type AvroSchemaText = (sourceId: string, schemaId: number) => string | undefined;

/**
 * A copy of a string that does not keep its parent alive: a slice of a
 * message's text would otherwise hold the whole message for as long as the
 * table's fingerprint lives. Concatenation then slicing makes V8 flatten the
 * pair into a new string first.
 */
const detached = (s: string) => ` ${s}`.slice(1);

function avroColumns(text: string | undefined): ColumnShape[] | undefined {
  if (text === undefined) return undefined;
  try {
    return columnsFromAvroSchema(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function diffColumns(
  before: ReadonlyMap<string, ColumnShape>,
  after: readonly ColumnShape[],
  basis: SchemaBasis,
): ColumnChange[] {
  const changes: ColumnChange[] = [];
  const seen = new Set<string>();
  for (const c of after) {
    seen.add(c.name);
    const old = before.get(c.name);
    if (old === undefined) changes.push({ kind: 'added', column: c.name, to: c.type });
    else if (old.type !== c.type && !(basis === 'json' && (old.type === 'null' || c.type === 'null')))
      changes.push({ kind: 'type-changed', column: c.name, from: old.type, to: c.type });
    else if (basis !== 'json' && old.optional !== undefined && c.optional !== undefined && old.optional !== c.optional)
      changes.push({
        kind: 'optionality-changed',
        column: c.name,
        from: old.optional ? 'optional' : 'required',
        to: c.optional ? 'optional' : 'required',
      });
  }
  for (const name of before.keys()) if (!seen.has(name)) changes.push({ kind: 'removed', column: name });
  return changes;
}

const hasDrift = (t: TableShapes) => t.altered || t.dropped > 0 || t.versions.some((v) => v.changes.length > 0);

/** Longest DDL statement kept: a generated CREATE of a wide table can be tens of KB. */
export const MAX_DDL_CHARS = 4_000;
/** Change types on the schema-change topic that reshape an existing table. */
const RESHAPING = new Set(['ALTER', 'DROP']);

export function createSchemaTracker(options: SchemaTrackerOptions = {}) {
  const maxTables = options.maxTables ?? 2_000;
  const maxVersions = options.maxVersions ?? 20;
  // Insertion order is recency: a table is re-inserted whenever it is observed.
  const tables = new Map<string, TableShapes>();

  /** The table's entry, created if new, moved to the recent end (evicting the least recent past `maxTables`). */
  function entry(table: string): TableShapes {
    let t = tables.get(table);
    if (t !== undefined) tables.delete(table);
    if (t === undefined) t = { versions: [], current: new Map(), dropped: 0, ddl: [], droppedDdl: 0, altered: false };
    tables.set(table, t);
    trimToSize(tables, maxTables);
    return t;
  }

  return {
    /** One event's columns for a table; returns the changes it made (empty when the shape held). */
    observe(table: string, columns: readonly ColumnShape[], basis: SchemaBasis, at: number): ColumnChange[] {
      const t = entry(table);
      const last = t.versions[t.versions.length - 1];
      // A switch of basis (a connector's converter changed) starts over rather than reporting every column.
      const changes = last === undefined || last.basis !== basis ? [] : diffColumns(t.current, columns, basis);
      const fresh = last === undefined || last.basis !== basis || changes.length > 0;
      t.current = new Map(columns.map((c) => [c.name, c]));
      t.fingerprint = undefined;
      if (fresh) {
        t.versions.push({ since: at, basis, columns: [...columns], changes });
        if (t.versions.length > maxVersions) {
          t.versions.shift();
          t.dropped++;
        }
      } else if (basis === 'json') {
        // A null column that got its first real type: the version records it, no change counted.
        last.columns = [...columns];
      }
      return changes;
    },
    /**
     * One change's row image (JSON types). A row that fits the current shape, the common case, is checked
     * without allocating; only one that changes something is turned into columns and observed.
     */
    observeRow(table: string, row: Row, at: number): ColumnChange[] {
      const current = tables.get(table)?.current;
      if (rowFitsShape(row, current)) return [];
      return this.observe(table, columnsFromRow(row, current), 'json', at);
    },
    /**
     * One change (its `after` image): from its Connect or Avro schema when it has one, else from the row.
     * Deletes are left out by the caller: a delete's `before` may hold the key columns alone.
     */
    observeChange(table: string, rec: ChangeRecord, at: number, avroText?: AvroSchemaText): ColumnChange[] {
      if (rec.after === null) return [];
      const t = tables.get(table);
      let fingerprint: string | undefined;
      let columns: ColumnShape[] | undefined;
      let basis: SchemaBasis = 'connect';
      if (rec.connectSchema !== undefined) {
        if (t?.fingerprint === rec.connectSchema) return [];
        fingerprint = rec.connectSchema;
        columns = columnsFromConnectSchemaText(fingerprint);
      } else if (rec.wire?.format === 'avro') {
        fingerprint = `avro:${rec.sourceId}:${rec.wire.valueSchemaId}`;
        if (t?.fingerprint === fingerprint) return [];
        columns = avroColumns(avroText?.(rec.sourceId, rec.wire.valueSchemaId));
        basis = 'avro';
      }
      if (columns === undefined) return this.observeRow(table, rec.after, at);
      const changes = this.observe(table, columns, basis, at);
      const shapes = tables.get(table);
      if (shapes !== undefined) shapes.fingerprint = detached(fingerprint ?? '');
      return changes;
    },
    /**
     * A statement from a connector's schema-change topic, on the timeline of each table it names
     * (`<server>.<db>.<table>`, the table keys of its changes). Statements naming no table are left out.
     */
    observeDdl(rec: SchemaChangeRecord, at: number): void {
      if (rec.serverName === undefined || rec.ddl === undefined) return;
      const ddl = rec.ddl;
      for (const name of rec.tables) {
        const t = entry(`${rec.serverName}.${name}`);
        const type = rec.changeTypes?.[name];
        const e: DdlEntry = { at, ddl: ddl.length > MAX_DDL_CHARS ? ddl.slice(0, MAX_DDL_CHARS) : ddl };
        if (ddl.length > MAX_DDL_CHARS) e.truncated = true;
        if (rec.tsMs !== undefined) e.tsMs = rec.tsMs;
        if (type !== undefined) e.type = type;
        t.ddl.push(e);
        if (t.ddl.length > maxVersions) {
          t.ddl.shift();
          t.droppedDdl++;
        }
        if (type !== undefined && RESHAPING.has(type)) t.altered = true;
      }
    },
    /**
     * Whether a change fits its table's current shape: the same typed schema (or one that reads as the same
     * columns), else a row with the current columns and types (a null fits any). A table never seen, a delete,
     * or an Avro schema not in the cache fits: there is nothing to say against it.
     */
    fits(table: string, rec: ChangeRecord, avroText?: AvroSchemaText): boolean {
      const t = tables.get(table);
      if (t === undefined || rec.after === null || t.versions.length === 0) return true;
      const basis = t.versions[t.versions.length - 1]?.basis;
      let columns: ColumnShape[] | undefined;
      if (rec.connectSchema !== undefined && basis === 'connect') {
        if (t.fingerprint === rec.connectSchema) return true;
        columns = columnsFromConnectSchemaText(rec.connectSchema);
      } else if (rec.wire?.format === 'avro' && basis === 'avro') {
        if (t.fingerprint === `avro:${rec.sourceId}:${rec.wire.valueSchemaId}`) return true;
        columns = avroColumns(avroText?.(rec.sourceId, rec.wire.valueSchemaId));
        if (columns === undefined) return true;
      }
      if (columns !== undefined) return diffColumns(t.current, columns, 'connect').length === 0;
      if (rowFitsShape(rec.after, t.current)) return true;
      return diffColumns(t.current, columnsFromRow(rec.after, t.current), 'json').length === 0;
    },
    /** The current columns, for `columnsFromRow`'s carried-over JSON types. */
    current(table: string): ReadonlyMap<string, ColumnShape> | undefined {
      return tables.get(table)?.current;
    },
    get(table: string): TableSchemaResponse | undefined {
      const t = tables.get(table);
      if (t === undefined) return undefined;
      return {
        table,
        versions: t.versions,
        ddl: t.ddl,
        droppedDdl: t.droppedDdl,
        drift: hasDrift(t),
        droppedVersions: t.dropped,
      };
    },
    /** Tables whose shape changed since start. */
    drifted(): string[] {
      const out: string[] = [];
      for (const [table, t] of tables) if (hasDrift(t)) out.push(table);
      return out;
    },
  };
}
export type SchemaTracker = ReturnType<typeof createSchemaTracker>;
