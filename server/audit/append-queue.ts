import type { AuditRecord } from '../../lib/contracts/audit';
import { AuditUnavailableError } from './audit-errors';
import { checkRecordForAppend } from './stored-record';

/**
 * What both audit stores share around their own write: records checked at
 * the call, written one at a time in call order, and a close that refuses new
 * calls while letting the queued appends finish.
 */
export function createAppendQueue(name: string, write: (record: AuditRecord) => Promise<void>) {
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const refuseIfClosed = () => {
    if (closed) throw new AuditUnavailableError(`audit log ${name} is closed`);
  };
  return {
    refuseIfClosed,
    // A property, not a method: the audit logs hand it on detached (`append: appends.append`).
    append: (record: AuditRecord): Promise<void> => {
      let checked: AuditRecord;
      try {
        // Refused at the call, not in the queue: appends queued before close() still complete.
        refuseIfClosed();
        checked = checkRecordForAppend(record);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      const result = queue.then(() => write(checked));
      queue = result.catch(() => undefined);
      return result;
    },
    /** Refuses further calls and waits for the queued appends; false when it was closed already. */
    async close(): Promise<boolean> {
      if (closed) return false;
      closed = true;
      await queue;
      return true;
    },
  };
}
