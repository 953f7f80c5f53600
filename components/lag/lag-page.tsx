'use client';

import { Age } from '../age';
import { useLag } from '../realtime/use-lag';
import { QueryStatus } from '../ui/query-status';
import { ConnectorsList } from './connectors-list';
import { JetStreamTable } from './jetstream-table';
import { KafkaGroupsTable } from './kafka-groups-table';
import { LagHistory } from './lag-history';
import { SourceClocksPanel } from './source-clocks-panel';
import { LagDefinitions } from './lag-definitions';

/** Downstream consumer lag (Kafka groups, JetStream consumers) and connector liveness, pushed once a second. */
export function LagPage() {
  const query = useLag({ live: true });
  const { data } = query;
  return (
    <>
      <div className="title-row">
        <h1>Lag</h1>
        <span className="muted">
          how far downstream consumers are behind, and whether each Debezium connector is alive
        </span>
      </div>
      <QueryStatus query={query} what="consumer lag" />
      {data && (
        <>
          {data.errors.length > 0 && (
            <section className="panel panel-error" aria-labelledby="lag-errors-heading" data-testid="lag-errors">
              <div className="panel-head">
                <h2 id="lag-errors-heading">Poll problems</h2>
                <span className="muted">shown, never fatal: the other figures stay live</span>
              </div>
              <ul className="lag-errors">
                {data.errors.map((e, i) => (
                  <li key={`${e.sourceId}\u0000${i}`} data-testid="lag-error" data-source={e.sourceId}>
                    <span className="badge badge-kind">{e.sourceId}</span>{' '}
                    <span className="source-error">{e.message}</span>{' '}
                    <span className="muted">
                      <Age at={e.at} />
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <KafkaGroupsTable groups={data.kafka} />
          <JetStreamTable consumers={data.jetstream} />
          <LagHistory snapshot={data} />
          <ConnectorsList connectors={data.connectors} />
          {data.clocks && <SourceClocksPanel clocks={data.clocks} />}
          <LagDefinitions />
        </>
      )}
    </>
  );
}
