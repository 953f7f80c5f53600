import type { Redis } from 'ioredis';

/**
 * Who reads which JetStream shard (issue #14): one Redis key per shard,
 * `cdcscope:<name>:lease:<shard key>`, holding the owner's incarnation.
 * Redis's own lock primitives, nothing more: taken with SET NX PX, renewed
 * and released only by its holder (compare-and-PEXPIRE / compare-and-DEL in
 * one script each, so a lease that expired and went to another instance is
 * never extended or deleted by the old holder). A dead holder stops renewing
 * and the lease expires after `ttlMs`.
 *
 * The lease says who reads a shard, not from where: the new holder still
 * waits, like a Kafka partition's new owner, until the previous one has
 * published its last counts or gone stale (lib/cluster/handover.ts).
 */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface ShardLeases {
  /** True when this instance holds the lease now (taken just now). */
  take(key: string): Promise<boolean>;
  /** True while the lease is still this instance's; false once it expired (and maybe went to another). */
  renew(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
}

export function createShardLeases(redis: Redis, name: string, holder: string, ttlMs: number): ShardLeases {
  const leaseKey = (key: string) => `cdcscope:${name}:lease:${key}`;
  return {
    async take(key) {
      return (await redis.set(leaseKey(key), holder, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async renew(key) {
      return Number(await redis.eval(RENEW, 1, leaseKey(key), holder, String(ttlMs))) === 1;
    },
    async release(key) {
      await redis.eval(RELEASE, 1, leaseKey(key), holder);
    },
  };
}
