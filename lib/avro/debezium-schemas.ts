/**
 * Debezium's `source` block as its AvroConverter (Confluent's AvroData) writes
 * it, per connector: `io.debezium.connector.<connector>.Source`, optional
 * fields as `["null", T]` with default null, `snapshot` as Debezium's Enum
 * semantic type. One definition for everything that writes Debezium Avro
 * without a real connector: the demo's Avro table (lib/demo/demo-avro.ts) and
 * the test fixtures (lib/debezium/fixtures/avro.ts). Plain schema JSON, no
 * codec: importing it loads no avsc.
 */

export type AvroSchema = Record<string, unknown> | string | unknown[];
export const optional = (t: AvroSchema): AvroSchema => ['null', t];

const SNAPSHOT_VALUES = 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental';

const snapshotEnum = (allowed: string) => [
  {
    type: 'string',
    'connect.version': 1,
    'connect.parameters': { allowed },
    'connect.default': 'false',
    'connect.name': 'io.debezium.data.Enum',
  },
  'null',
];

/** The fields every connector's `source` starts with. */
const commonSourceFields = [
  { name: 'version', type: 'string' },
  { name: 'connector', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'ts_ms', type: 'long' },
  { name: 'snapshot', type: snapshotEnum(SNAPSHOT_VALUES), default: 'false' },
  { name: 'db', type: 'string' },
  { name: 'sequence', type: optional('string'), default: null },
  { name: 'ts_us', type: optional('long'), default: null },
  { name: 'ts_ns', type: optional('long'), default: null },
];

export function mysqlSourceSchema(connector: 'mysql' | 'mariadb'): AvroSchema {
  return {
    type: 'record',
    name: 'Source',
    namespace: `io.debezium.connector.${connector}`,
    fields: [
      ...commonSourceFields,
      { name: 'table', type: optional('string'), default: null },
      { name: 'server_id', type: 'long' },
      { name: 'gtid', type: optional('string'), default: null },
      { name: 'file', type: 'string' },
      { name: 'pos', type: 'long' },
      { name: 'row', type: 'int' },
      { name: 'thread', type: optional('long'), default: null },
      { name: 'query', type: optional('string'), default: null },
    ],
    'connect.version': 1,
    'connect.name': `io.debezium.connector.${connector}.Source`,
  };
}

export const postgresSourceSchema: AvroSchema = {
  type: 'record',
  name: 'Source',
  namespace: 'io.debezium.connector.postgresql',
  fields: [
    ...commonSourceFields,
    { name: 'schema', type: 'string' },
    { name: 'table', type: 'string' },
    { name: 'txId', type: optional('long'), default: null },
    { name: 'lsn', type: optional('long'), default: null },
    { name: 'xmin', type: optional('long'), default: null },
  ],
  'connect.version': 1,
  'connect.name': 'io.debezium.connector.postgresql.Source',
};
