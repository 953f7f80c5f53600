'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { EventDetail } from '@/lib/contracts/inspector';
import type { ReplayOutcome, ReplayPreview, ReplayRequestBody } from '@/lib/contracts/replay';
import { auditQueryKey } from '../audit/use-audit-page';
import { fetchMe } from '../layout/user-menu';
import { fetchSinks, previewReplay, sendReplay } from './replay-api';
import { OutcomeView, PreviewView } from './replay-preview';
import { errorMessage } from '@/lib/error-message';

const newId = () => crypto.randomUUID();

function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/**
 * "Replay…" on an event: choose a sink, optionally edit the payload, preview
 * exactly what will be sent, confirm. One replay id per intended send, made
 * when the dialog opens (and after each send), so a double click or a retried
 * request reaches the sink once: the server sends an id at most once.
 */
export function ReplayControl({ detail }: { detail: EventDetail }) {
  const sinks = useQuery({ queryKey: ['sinks'], queryFn: ({ signal }) => fetchSinks(signal), staleTime: 30_000 });
  const me = useQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchMe(signal), retry: 1 });
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [replayId, setReplayId] = useState(newId);
  // The sink picked in the form; until one is picked, the first the server offers.
  const [pickedSinkId, setSinkId] = useState('');
  const [editing, setEditing] = useState(false);
  const [payload, setPayload] = useState(detail.raw.value ?? '');
  const [unmasked, setUnmasked] = useState(false);
  const [encoding, setEncoding] = useState<'json' | 'original'>('json');
  const [preview, setPreview] = useState<ReplayPreview | null>(null);
  const [outcome, setOutcome] = useState<ReplayOutcome | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const list = sinks.data;
  const sinkId = pickedSinkId || (list?.sinks[0]?.id ?? '');

  // Anything changed after a preview must be previewed again before it can be sent.
  const invalidate = () => {
    setPreview(null);
    setError(null);
  };
  const body = (): ReplayRequestBody => ({
    replayId,
    eventId: detail.id,
    sinkId,
    unmasked,
    ...(encoding === 'original' ? { encoding } : {}),
    ...(editing && payload !== detail.raw.value ? { payload } : {}),
  });
  const payloadProblem = editing ? jsonError(payload) : null;

  async function doPreview() {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await previewReplay(body(), me.data?.csrfToken));
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(null);
  }

  async function doSend() {
    if (busy !== null || !preview) return;
    setBusy('send');
    setError(null);
    try {
      setOutcome(await sendReplay(body(), me.data?.csrfToken));
      void queries.invalidateQueries({ queryKey: auditQueryKey });
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(null);
  }

  function open() {
    setOutcome(null);
    setPreview(null);
    setError(null);
    dialog.current?.showModal();
  }

  function again() {
    setReplayId(newId());
    setOutcome(null);
    setPreview(null);
  }

  const canReplay = list?.canReplay === true;
  const reason = list ? list.reason : sinks.error ? errorMessage(sinks.error) : 'loading';
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="replay-open"
        disabled={!canReplay}
        title={canReplay ? 'Send this event again to a sink' : `Replay unavailable: ${reason ?? ''}`}
        onClick={open}
      >
        Replay…
      </button>
      <dialog ref={dialog} className="replay-dialog panel" aria-label="Replay this event" data-testid="replay-dialog">
        <header className="panel-head">
          <h2>Replay event</h2>
          <span className="muted mono">{detail.id}</span>
          <span className="panel-head-end">
            <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()} aria-label="Close">
              ×
            </button>
          </span>
        </header>
        <div className="replay-form">
          <label>
            Sink{' '}
            <select
              data-testid="replay-sink"
              value={sinkId}
              onChange={(e) => {
                setSinkId(e.target.value);
                invalidate();
              }}
              disabled={outcome !== null}
            >
              {(list?.sinks ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id} — {s.kind}: {s.target}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="replay-edit"
              checked={editing}
              onChange={(e) => {
                setEditing(e.target.checked);
                invalidate();
              }}
              disabled={outcome !== null}
            />{' '}
            Edit the payload
          </label>
          {detail.raw.decodedFrom && (
            <label title="An Avro event can be sent as the JSON shown, or encoded again with the schema ids it arrived with (Kafka sinks)">
              Encoding{' '}
              <select
                data-testid="replay-encoding"
                value={encoding}
                onChange={(e) => {
                  setEncoding(e.target.value === 'original' ? 'original' : 'json');
                  invalidate();
                }}
                disabled={outcome !== null}
              >
                <option value="json">JSON</option>
                <option value="original">
                  {detail.raw.decodedFrom.format === 'avro' ? 'Avro' : 'JSON Schema'}, schema id{' '}
                  {detail.raw.decodedFrom.valueSchemaId}
                </option>
              </select>
            </label>
          )}
          {list?.canUnmask && (
            <label title="Sends the original values of masked columns; recorded as unmasked in the audit log">
              <input
                type="checkbox"
                data-testid="replay-unmasked"
                checked={unmasked}
                onChange={(e) => {
                  setUnmasked(e.target.checked);
                  invalidate();
                }}
                disabled={outcome !== null}
              />{' '}
              Send the unmasked original
            </label>
          )}
        </div>
        {editing && (
          <>
            <textarea
              className="replay-payload mono"
              data-testid="replay-payload"
              value={payload}
              spellCheck={false}
              rows={10}
              onChange={(e) => {
                setPayload(e.target.value);
                invalidate();
              }}
            />
            {payloadProblem && (
              <p className="notice notice-error" data-testid="replay-payload-error">
                Not valid JSON: {payloadProblem}
              </p>
            )}
          </>
        )}
        <div className="replay-buttons">
          <button
            type="button"
            className="btn"
            data-testid="replay-preview"
            onClick={() => void doPreview()}
            disabled={busy !== null || !sinkId || payloadProblem !== null || outcome !== null}
          >
            {busy === 'preview' ? 'Preparing…' : 'Preview'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="replay-send"
            onClick={() => void doSend()}
            disabled={busy !== null || preview === null || outcome !== null}
          >
            {busy === 'send' ? 'Sending…' : 'Send'}
          </button>
          {outcome && (
            <button type="button" className="btn" data-testid="replay-again" onClick={again}>
              New replay
            </button>
          )}
        </div>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="replay-error">
            {error}
          </p>
        )}
        {outcome && <OutcomeView outcome={outcome} />}
        {preview && <PreviewView preview={preview} />}
      </dialog>
    </>
  );
}
