'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { BrokerRef } from '@/lib/contracts/seek';
import { EventDetailView } from '../inspector/event-detail';
import { SeekForm } from './seek-form';
import { SeekProgressBar } from './seek-progress';
import { RENDER_STEP, SeekResults } from './seek-results';
import { useSeek } from './use-seek';
import { useSeekMessage } from './use-seek-message';
import { useSeekOptions } from './use-seek-options';
import { errorMessage } from '@/lib/error-message';

/** Seek on the broker: beyond the live buffer, read a topic or stream from a time, offset or sequence. */
export function SeekPage() {
  const options = useSeekOptions();
  const { state, start, cancel } = useSeek();
  const [shown, setShown] = useState(RENDER_STEP);
  const [selected, setSelected] = useState<{ id: string; ref: BrokerRef } | null>(null);

  const run = (params: URLSearchParams) => {
    setSelected(null);
    setShown(RENDER_STEP);
    void start(params);
  };

  return (
    <>
      <div className="title-row">
        <h1>Seek on broker</h1>
        <span className="muted">
          read the topic or stream itself, masked; the <Link href="/inspector">inspector</Link> shows the server&apos;s
          recent buffer
        </span>
      </div>
      {options.loaded && options.sources.length === 0 && (
        <p className="notice notice-warn" data-testid="seek-unavailable">
          Seek is off here: it reads back a source&apos;s own history (a Kafka topic, a JetStream stream, or the demo
          pipeline&apos;s retained log), and this dashboard has no source. Add a <code>sources:</code> entry to the
          configuration file (README, &quot;Configuration&quot;).
        </p>
      )}
      <SeekForm options={options} running={state.status === 'running'} onSeek={run} />
      <SeekProgressBar state={state} onCancel={cancel} />
      <div className="inspector-split">
        {(options.sources.length > 0 || state.results.length > 0) && (
          <SeekResults
            idle={state.status === 'idle'}
            results={state.results}
            dropped={state.dropped}
            shown={shown}
            onShowMore={() => setShown((n) => n + RENDER_STEP)}
            selected={selected?.id ?? null}
            onSelect={(e) => setSelected({ id: e.item.id, ref: e.ref })}
          />
        )}
        {selected && <SeekDetail key={selected.id} brokerRef={selected.ref} onClose={() => setSelected(null)} />}
      </div>
    </>
  );
}

function SeekDetail({ brokerRef, onClose }: { brokerRef: BrokerRef; onClose: () => void }) {
  const q = useSeekMessage(brokerRef);
  return (
    <div className="detail-pane" data-testid="seek-detail">
      <div className="detail-pane-bar">
        <span className="muted">read from the broker</span>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close the detail">
          ×
        </button>
      </div>
      {q.notFound ? (
        <p className="notice notice-error" role="alert">
          The broker no longer holds this message (retention or compaction).
        </p>
      ) : q.error ? (
        <p className="notice notice-error" role="alert">
          Could not read the message: {errorMessage(q.error)}
        </p>
      ) : q.data ? (
        <EventDetailView detail={q.data} />
      ) : (
        <p className="notice">Reading the message…</p>
      )}
    </div>
  );
}
