import '../server-only';
import type { Config } from '../../lib/config/schema';
import type { AuditLog } from '../../lib/contracts/audit';
import { createConnectClient, type ConnectClient } from './connect-client';
import { createConnectorActions, type ConnectorActions } from './connector-actions';
import { createConnectorsMonitor, type ConnectorsMonitor } from './connectors-monitor';
import { createDemoConnectClient } from './demo-connect-client';

/** Polls the demo's simulated cluster as often as a real one by default. */
const DEMO_POLL_MS = 2_000;

/**
 * Connector health as configured: Kafka Connect (`connect:`) or, with none
 * and a demo source, the demo's simulated cluster; Debezium Server
 * (`debeziumServer:`) when given.
 */
export function createConnectorHealth(
  config: Config,
  audit: AuditLog,
  authEnabled: boolean,
): { monitor: ConnectorsMonitor; actions: ConnectorActions } {
  const demo = config.sources.find((s) => s.kind === 'demo');
  let client: ConnectClient | null = null;
  let pollMs = DEMO_POLL_MS;
  if (config.connect) {
    client = createConnectClient(config.connect);
    pollMs = config.connect.pollMs;
  } else if (demo) {
    client = createDemoConnectClient(demo.seed);
  }
  const monitor = createConnectorsMonitor({
    ...(client ? { connect: { client, pollMs } } : {}),
    ...(config.debeziumServer ? { debeziumServer: config.debeziumServer } : {}),
  });
  const actions = createConnectorActions({
    client,
    monitor,
    audit,
    authEnabled,
    demo: client !== null && !config.connect,
  });
  return { monitor, actions };
}
