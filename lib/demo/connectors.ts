import type { Result } from '../result';
import { createRandom } from './random';

/**
 * The demo pipeline's Kafka Connect cluster (issue #13 §4): the demo's four
 * connectors (`demo_a`, `demo_b`, `demo_pg`, `demo_shop`, the prefixes the demo generator
 * writes) answering `status()` in Connect's own `/connectors?expand=status&expand=info`
 * JSON, so the same parser, linking and page run on it as on a real cluster.
 * `demo_b`'s task fails now and then, with a stack trace quoting a JDBC URL
 * with a password (the server redacts it), and stays failed until an
 * operator restarts it; pause and resume work as Connect's do.
 * Deterministic from `seed` and the times passed in.
 */

export const DEMO_CONNECT_URL = 'demo://connect';
/** First failure this long after start, then this long (± a quarter) after each restart. */
export const DEMO_FIRST_FAILURE_MS = 30_000;
export const DEMO_FAILURE_EVERY_MS = 120_000;
/** A restarted task says RESTARTING this long before RUNNING. */
export const DEMO_RESTART_MS = 1_500;
export const DEMO_FAILING_CONNECTOR = 'demo_b';

const MARIADB = 'io.debezium.connector.mariadb.MariaDbConnector';
const POSTGRES = 'io.debezium.connector.postgresql.PostgresConnector';

const TRACE = [
  'org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.',
  '\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)',
  '\tat io.debezium.connector.binlog.BinlogStreamingChangeEventSource$ReaderThreadLifecycleListener.onCommunicationFailure(BinlogStreamingChangeEventSource.java:1248)',
  'Caused by: java.sql.SQLTransientConnectionException: Could not connect to jdbc:mariadb://debezium:demo-secret@demo-b.internal:3306/inventory?password=demo-secret: Connection reset',
  '\tat org.mariadb.jdbc.client.impl.ConnectionHelper.connectSocket(ConnectionHelper.java:137)',
  '\t... 12 more',
].join('\n');

interface TaskSim {
  failsAt: number;
  failed: boolean;
  restartedAt: number | null;
}
interface ConnectorSim {
  name: string;
  className: string;
  worker: string;
  /** Configuration beyond the common keys. */
  extra: Record<string, string>;
  paused: boolean;
  task: TaskSim;
}

export interface DemoConnect {
  /** Connect's `GET /connectors?expand=status&expand=info` answer at `now`. */
  status(now: number): Record<string, unknown>;
  pause(name: string, now: number): Result<string>;
  resume(name: string, now: number): Result<string>;
  restartTask(name: string, task: number, now: number): Result<string>;
}

export function createDemoConnect({ seed, start }: { seed: number; start: number }): DemoConnect {
  const rnd = createRandom(seed ^ 0x5eed);
  const never = Number.POSITIVE_INFINITY;
  const sim = (
    name: string,
    className: string,
    worker: string,
    failsAt = never,
    extra: Record<string, string> = {},
  ): ConnectorSim => ({
    name,
    className,
    worker,
    extra,
    paused: false,
    task: { failsAt, failed: false, restartedAt: null },
  });
  const connectors = [
    sim('demo_a', MARIADB, 'demo-worker-1:8083'),
    sim(DEMO_FAILING_CONNECTOR, MARIADB, 'demo-worker-2:8083', start + DEMO_FIRST_FAILURE_MS),
    sim('demo_pg', POSTGRES, 'demo-worker-1:8083'),
    // Avro through a Schema Registry, and the outbox event router on its outbox table (lib/demo/demo-shop.ts).
    sim('demo_shop', POSTGRES, 'demo-worker-2:8083', never, {
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'value.converter.schema.registry.url': 'demo://registry',
      transforms: 'outbox',
      'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
    }),
  ];
  const byName = new Map(connectors.map((c) => [c.name, c]));

  const advance = (c: ConnectorSim, now: number) => {
    if (!c.paused && !c.task.failed && now >= c.task.failsAt) c.task.failed = true;
  };
  const taskState = (c: ConnectorSim, now: number) => {
    if (c.task.failed) return 'FAILED';
    if (c.paused) return 'PAUSED';
    return c.task.restartedAt !== null && now - c.task.restartedAt < DEMO_RESTART_MS ? 'RESTARTING' : 'RUNNING';
  };
  const find = (name: string): Result<ConnectorSim> => {
    const c = byName.get(name);
    return c ? { ok: true, value: c } : { ok: false, error: `HTTP 404: Connector ${name} not found` };
  };

  return {
    status(now) {
      const out: Record<string, unknown> = {};
      for (const c of connectors) {
        advance(c, now);
        const state = taskState(c, now);
        out[c.name] = {
          info: {
            name: c.name,
            // As a real answer would: the server must keep the password from the browser.
            config: {
              'connector.class': c.className,
              'topic.prefix': c.name,
              'database.password': 'demo-secret',
              'tasks.max': '1',
              ...c.extra,
            },
            tasks: [{ connector: c.name, task: 0 }],
            type: 'source',
          },
          status: {
            name: c.name,
            connector: { state: c.paused ? 'PAUSED' : 'RUNNING', worker_id: c.worker },
            tasks: [{ id: 0, state, worker_id: c.worker, ...(state === 'FAILED' ? { trace: TRACE } : {}) }],
            type: 'source',
          },
        };
      }
      return out;
    },
    pause(name, now) {
      const c = find(name);
      if (!c.ok) return c;
      advance(c.value, now);
      c.value.paused = true;
      return { ok: true, value: 'HTTP 202' };
    },
    resume(name, now) {
      const c = find(name);
      if (!c.ok) return c;
      c.value.paused = false;
      // Time spent paused does not bring the next failure closer.
      if (!c.value.task.failed && c.value.task.failsAt < now) c.value.task.failsAt = now + DEMO_FAILURE_EVERY_MS;
      return { ok: true, value: 'HTTP 202' };
    },
    restartTask(name, task, now) {
      const c = find(name);
      if (!c.ok) return c;
      if (task !== 0) return { ok: false, error: `HTTP 404: Task ${name}-${task} not found` };
      const t = c.value.task;
      t.restartedAt = now;
      if (t.failed) {
        t.failed = false;
        if (t.failsAt !== never) t.failsAt = now + Math.round(DEMO_FAILURE_EVERY_MS * (0.75 + rnd.next() * 0.5));
      }
      return { ok: true, value: 'HTTP 204' };
    },
  };
}
