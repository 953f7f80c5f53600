import type { AuditLog } from '../../lib/contracts/audit';
import type { AuditConfig } from '../../lib/config/sinks-schema';
import { openFileAuditLog } from './file-audit-log';
import { openPgAuditLog } from './pg-audit-log';

/**
 * The configured audit log (`audit:`), opened and ready: the file read and
 * indexed, or the database reached and the table created. Rejects with the
 * reason otherwise; the caller decides whether that stops start-up.
 */
export async function createAuditLog(config: AuditConfig): Promise<AuditLog> {
  if (config.kind === 'postgres')
    return openPgAuditLog({ connectionString: config.connectionString, table: config.table });
  return openFileAuditLog(config.path);
}
