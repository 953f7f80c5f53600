import '../server-only';
import type { Registry } from 'prom-client';
import { scrapeGauges } from '../metrics/scrape-gauge';
import { CONNECT_STATES } from '../../lib/contracts/connectors';
import type { ConnectorsMonitor } from './connectors-monitor';

/**
 * Connector health in `/metrics`, read from the monitor's last answers at
 * scrape time: one series per state with the current one at 1 (the
 * kube-state-metrics pattern: alert on `…{state="FAILED"} == 1`).
 */
export function registerConnectorMetrics(registry: Registry, monitor: ConnectorsMonitor) {
  const gauge = scrapeGauges(registry);
  gauge('cdcscope_connect_up', 'Kafka Connect answered the last status poll (1) or not (0)', [], (g) => {
    const s = monitor.connectStatus();
    if (s && s.state !== 'pending') g.set(s.state === 'up' ? 1 : 0);
  });
  gauge(
    'cdcscope_connector_state',
    'Kafka Connect connector state: 1 for the current one',
    ['connector', 'state'],
    (g) => {
      for (const c of monitor.connectors())
        for (const state of CONNECT_STATES) g.labels(c.name, state).set(c.state === state ? 1 : 0);
    },
  );
  gauge(
    'cdcscope_connector_task_state',
    'Kafka Connect task state: 1 for the current one',
    ['connector', 'task', 'state'],
    (g) => {
      for (const c of monitor.connectors())
        for (const t of c.tasks)
          for (const state of CONNECT_STATES) g.labels(c.name, String(t.id), state).set(t.state === state ? 1 : 0);
    },
  );
  gauge('cdcscope_debezium_server_up', "Debezium Server's health: 1 when UP, 0 when DOWN or unreachable", [], (g) => {
    const d = monitor.debeziumServer();
    if (d && d.state !== 'pending') g.set(d.status === 'UP' ? 1 : 0);
  });
}
