import type { AuditResult } from '../../lib/contracts/audit';
import type { OutgoingMessage } from '../../lib/contracts/replay';
import { safeErrorText } from '../../lib/redact';

/** One send to one sink. Never throws: a failure is a result, written to the audit log like a success. */
export type SendFn = (message: OutgoingMessage) => Promise<AuditResult>;

export interface SinkSender {
  send: SendFn;
  close(): Promise<void>;
}

/** A send that has not answered in this long is reported failed (its outcome may still be "delivered"). */
export const SEND_TIMEOUT_MS = 15_000;

/** A failed send as a result: the error's safe summary (no URL credentials or queries, capped), never its raw text. */
export const failed = (err: unknown): AuditResult => ({ ok: false, error: safeErrorText(err) });

export function withTimeout<T>(what: string, p: Promise<T>, ms = SEND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Connects on first use and again after a failure, so a broker that was down at start-up is not fatal. */
export function lazy<T>(open: () => Promise<T>, shut: (t: T) => Promise<void>) {
  let current: Promise<T> | null = null;
  return {
    get(): Promise<T> {
      current ??= open().catch((err: unknown) => {
        current = null;
        throw err;
      });
      return current;
    },
    reset() {
      const c = current;
      current = null;
      if (c) void c.then(shut, () => undefined);
    },
    async close() {
      if (current) await current.then(shut, () => undefined);
      current = null;
    },
  };
}
