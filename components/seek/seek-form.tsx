'use client';

import { useState, type SubmitEvent } from 'react';
import { FIELD_CONDITION_HELP } from '@/lib/contracts/inspector';
import { FORM_OPS, MAX_FIELD_CONDITIONS, toDatetimeLocal } from '../inspector/inspector-query';
import { EMPTY_SEEK_FORM, seekParams, startKindsFor, type SeekForm as FormState, type StartKind } from './seek-query';
import type { SeekOptions } from './use-seek-options';
import { DEMO_RETAINED_EVENTS } from '@/lib/demo/retained-log';

const START_NAMES: Record<StartKind, string> = {
  time: 'time',
  offset: 'offset',
  seq: 'sequence',
  beginning: 'beginning',
};
const START_HINTS: Record<StartKind, string> = {
  time: '',
  offset: '1200 (every partition) or 3@1200',
  seq: 'stream sequence, e.g. 4100',
  beginning: '',
};

const PLACEHOLDERS: Record<string, string> = {
  kafka: 'replica_a.inventory.orders',
  jetstream: 'pg.inventory.*',
  demo: 'demo_a.inventory.orders or demo_a.>',
};

interface Props {
  options: SeekOptions;
  running: boolean;
  onSeek: (params: URLSearchParams) => void;
}

/** Where to seek, what to match and how far to go. Nothing runs until Seek. */
export function SeekForm({ options, running, onSeek }: Props) {
  const [f, setF] = useState<FormState>(() => ({
    ...EMPTY_SEEK_FORM,
    startValue: toDatetimeLocal(String(Date.now() - 3_600_000)),
  }));
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((d) => ({ ...d, [k]: v }));
  const setFilter = <K extends keyof FormState['filters']>(k: K, v: FormState['filters'][K]) =>
    setF((d) => ({ ...d, filters: { ...d.filters, [k]: v } }));
  const sourceId = f.sourceId || options.sources[0]?.id || '';
  const kind = options.sources.find((s) => s.id === sourceId)?.kind;
  const kinds = startKindsFor(kind);
  const startKind = kinds.includes(f.startKind) ? f.startKind : 'time';

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const r = seekParams({ ...f, sourceId, startKind });
    setError(r.ok ? null : r.error);
    if (r.ok) onSeek(r.value);
  };
  const toggleOp = (op: string, on: boolean) =>
    setFilter('ops', on ? [...f.filters.ops.filter((o) => o !== op), op] : f.filters.ops.filter((o) => o !== op));

  return (
    <form className="panel inspector-filters" onSubmit={submit} aria-label="Seek on the broker" data-testid="seek-form">
      <div className="filter-grid">
        <label className="filter-field">
          <span>Source</span>
          <select
            className="filter-input select-input"
            value={sourceId}
            onChange={(e) => set('sourceId', e.target.value)}
            data-testid="seek-source"
          >
            {options.sources.length === 0 && <option value="">no source to read back</option>}
            {options.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} ({s.kind})
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field filter-wide">
          <span>{kind === 'jetstream' || kind === 'demo' ? 'Subject or filter' : 'Topic'}</span>
          <input
            className="filter-input mono"
            list="seek-channels"
            value={f.channel}
            onChange={(e) => set('channel', e.target.value)}
            placeholder={PLACEHOLDERS[kind ?? 'kafka'] ?? PLACEHOLDERS.kafka}
            spellCheck={false}
            autoComplete="off"
            data-testid="seek-channel"
          />
          <datalist id="seek-channels">
            {(options.channels.get(sourceId) ?? []).map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        <label className="filter-field">
          <span>Start at</span>
          <select
            className="filter-input select-input"
            value={startKind}
            onChange={(e) => set('startKind', e.target.value as StartKind)}
            data-testid="seek-start-kind"
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {START_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        {startKind === 'time' ? (
          <label className="filter-field">
            <span>Broker time</span>
            <input
              className="filter-input"
              type="datetime-local"
              step={1}
              value={f.startValue}
              onChange={(e) => set('startValue', e.target.value)}
              data-testid="seek-start-time"
            />
          </label>
        ) : startKind !== 'beginning' ? (
          <label className="filter-field">
            <span>{START_NAMES[startKind]}</span>
            <input
              className="filter-input mono"
              value={f.startValue}
              onChange={(e) => set('startValue', e.target.value)}
              placeholder={START_HINTS[startKind]}
              spellCheck={false}
              autoComplete="off"
              data-testid="seek-start-value"
            />
          </label>
        ) : null}
        <label className="filter-field">
          <span>Table</span>
          <select
            className="filter-input select-input"
            value={f.filters.table}
            onChange={(e) => setFilter('table', e.target.value)}
            data-testid="seek-table"
          >
            <option value="">all tables</option>
            {options.tableKeys.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="filter-field filter-ops">
          <legend>Op</legend>
          {FORM_OPS.map((op) => (
            <label key={op} className="op-check">
              <input
                type="checkbox"
                checked={f.filters.ops.includes(op)}
                onChange={(e) => toggleOp(op, e.target.checked)}
                data-testid={`seek-op-${op}`}
              />
              <span className={`op op-${op}`}>{op}</span>
            </label>
          ))}
        </fieldset>
        <label className="filter-field">
          <span>Key contains</span>
          <input
            className="filter-input"
            value={f.filters.key}
            onChange={(e) => setFilter('key', e.target.value)}
            placeholder="id=42"
            spellCheck={false}
            autoComplete="off"
            data-testid="seek-key"
          />
        </label>
        <label className="filter-field">
          <span>Field conditions (one per line, all must hold)</span>
          <textarea
            className="filter-input mono"
            rows={2}
            value={f.filters.fields.join('\n')}
            onChange={(e) => setFilter('fields', e.target.value.split('\n').slice(0, MAX_FIELD_CONDITIONS))}
            placeholder={'after.status=shipped\nafter.total>100'}
            title={FIELD_CONDITION_HELP}
            spellCheck={false}
            autoComplete="off"
            data-testid="seek-field"
          />
        </label>
        <label className="filter-field">
          <span>Text anywhere</span>
          <input
            className="filter-input"
            type="search"
            value={f.filters.q}
            onChange={(e) => setFilter('q', e.target.value)}
            placeholder="free text"
            spellCheck={false}
            autoComplete="off"
            data-testid="seek-q"
          />
        </label>
        <label className="filter-field">
          <span>Results at most</span>
          <input
            className="filter-input"
            inputMode="numeric"
            value={f.limit}
            onChange={(e) => set('limit', e.target.value)}
            placeholder="server limit"
            data-testid="seek-limit"
          />
        </label>
        <label className="filter-field">
          <span>Messages to read at most</span>
          <input
            className="filter-input"
            inputMode="numeric"
            value={f.scan}
            onChange={(e) => set('scan', e.target.value)}
            placeholder="server limit"
            data-testid="seek-scan"
          />
        </label>
      </div>
      <div className="filter-conditions">
        <span className="muted filter-help" data-testid="seek-help">
          {kind === 'demo'
            ? `Reads the demo pipeline's retained log (its last ${DEMO_RETAINED_EVENTS.toLocaleString('en')} messages; the oldest are evicted first, as by a broker's retention) from the start point to its end as of now; filters as in the inspector.`
            : 'Reads the broker from the start point to its end as of now, one message at a time; filters as in the inspector.'}
        </span>
        <span className="filter-actions">
          <button type="submit" className="btn btn-primary" disabled={running || !sourceId} data-testid="seek-run">
            Seek
          </button>
        </span>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="seek-form-error">
          {error}
        </p>
      )}
    </form>
  );
}
