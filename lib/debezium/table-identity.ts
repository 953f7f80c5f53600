import { channelOf } from '../contracts/raw-message';
import type { ChangeRecord, DecodedRecord } from '../contracts/change-event';

/**
 * Where a table sits in a channel name. Debezium names topics (and Debezium
 * Server names NATS subjects) `<prefix>.<db>.<table>` for MySQL/MariaDB and
 * `<prefix>.<schema>.<table>` for PostgreSQL; the prefix may itself contain
 * dots. Two-token channels are `<prefix>.<something>` (`pg.message`).
 */
export interface ChannelParts {
  /** Debezium `topic.prefix` as far as the channel tells; undefined for one-token channels. */
  prefix?: string;
  table: string;
}

/**
 * Splits a channel into prefix and table. When the server name is known (from
 * `source.name`) and the channel starts with it, the rest is the table, which
 * keeps prefixes with dots intact; otherwise the last two tokens are the table.
 */
export function splitChannel(channel: string, serverName?: string): ChannelParts {
  if (serverName !== undefined && channel.length > serverName.length + 1 && channel.startsWith(`${serverName}.`)) {
    return { prefix: serverName, table: channel.slice(serverName.length + 1) };
  }
  const last = channel.lastIndexOf('.');
  if (last < 0) return { table: channel };
  const second = channel.lastIndexOf('.', last - 1);
  if (second < 0) return { prefix: channel.slice(0, last), table: channel.slice(last + 1) };
  return { prefix: channel.slice(0, second), table: channel.slice(second + 1) };
}

/**
 * Prefix of a channel carrying `table`: `replica_a` for
 * `replica_a.inventory.customers`. Used when a record's source block has no
 * `name` (very old connectors).
 */
export function channelPrefix(channel: string, table: string): string | undefined {
  if (channel.length > table.length + 1 && channel.endsWith(`.${table}`)) {
    return channel.slice(0, channel.length - table.length - 1);
  }
  return splitChannel(channel).prefix;
}

/**
 * The table an undecodable message probably belongs to, from its channel, or
 * undefined for channels that carry no table rows: one-token schema-change
 * topics, `<prefix>.transaction` and heartbeat topics.
 */
export function guessTableFromChannel(channel: string, heartbeatPrefix: string): ChannelParts | undefined {
  if (channel.startsWith(heartbeatPrefix)) return undefined;
  const parts = splitChannel(channel);
  if (parts.prefix === undefined) return undefined;
  if (parts.table === 'transaction') return undefined;
  return parts;
}

/**
 * Per-table statistics key: `<serverName>.<table>`, so the same table captured
 * from `replica_a` and `replica_b` (or from PostgreSQL `pg`) is one row each.
 * The server name is `source.name` (Debezium's `topic.prefix`), else the
 * channel's prefix. Undefined for records that belong to no table.
 */
export function tableKeyOf(record: ChangeRecord): string;
export function tableKeyOf(record: DecodedRecord): string | undefined;
export function tableKeyOf(record: DecodedRecord): string | undefined {
  switch (record.kind) {
    case 'change': {
      const server = record.source.name ?? channelPrefix(channelOf(record.origin), record.table);
      return server === undefined ? record.table : `${server}.${record.table}`;
    }
    case 'tombstone':
    case 'undecodable': {
      if (record.table === undefined) return undefined;
      const server = channelPrefix(channelOf(record.origin), record.table);
      return server === undefined ? record.table : `${server}.${record.table}`;
    }
    default:
      return undefined;
  }
}

/** Server name a table key belongs to, for records that have one. */
export function serverNameOf(record: DecodedRecord): string | undefined {
  switch (record.kind) {
    case 'change':
      return record.source.name ?? channelPrefix(channelOf(record.origin), record.table);
    case 'tombstone':
    case 'undecodable':
      return record.table === undefined ? undefined : channelPrefix(channelOf(record.origin), record.table);
    case 'heartbeat':
    case 'schema-change':
      return record.serverName;
    case 'transaction': {
      // `<prefix>.transaction`, where the prefix may contain dots.
      const channel = channelOf(record.origin);
      return channel.endsWith('.transaction') ? channel.slice(0, -'.transaction'.length) : splitChannel(channel).prefix;
    }
  }
}
