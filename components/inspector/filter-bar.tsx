'use client';

import { useState, type SubmitEvent } from 'react';
import { FIELD_CONDITION_HELP } from '@/lib/contracts/inspector';
import type { SideOption } from './use-inspector';
import {
  EMPTY_FILTERS,
  FORM_OPS,
  fromDatetimeLocal,
  MAX_FIELD_CONDITIONS,
  toDatetimeLocal,
  validateFilters,
  type FilterState,
} from './inspector-query';

const OP_NAMES: Record<(typeof FORM_OPS)[number], string> = {
  c: 'create',
  u: 'update',
  d: 'delete',
  r: 'snapshot read',
};
const UNDECODABLE_TABLE = '(undecodable)';

interface Props {
  /** Filters as applied (from the URL); the form edits a draft of them. */
  applied: FilterState;
  tableKeys: readonly string[];
  sourceIds: readonly string[];
  /** Sides of the configured replica pairs. */
  sides: readonly SideOption[];
  onApply: (f: FilterState) => void;
  /** The server's 400 reason for the applied filters, shown under the form. */
  serverError: string | null;
}

/** Filter form of the inspector: nothing is applied until Apply (or Enter), then it goes to the URL. */
export function FilterBar({ applied, tableKeys, sourceIds, sides, onApply, serverError }: Props) {
  const [draft, setDraft] = useState<FilterState>(() => withOneField(applied));
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const error = validateFilters(draft);
    setFormError(error);
    if (!error) onApply(draft);
  };

  const toggleOp = (op: string, on: boolean) =>
    setDraft((d) => ({ ...d, ops: on ? [...d.ops.filter((o) => o !== op), op] : d.ops.filter((o) => o !== op) }));
  const setField = (i: number, v: string) =>
    setDraft((d) => ({ ...d, fields: d.fields.map((f, j) => (j === i ? v : f)) }));
  const addField = () =>
    setDraft((d) => (d.fields.length < MAX_FIELD_CONDITIONS ? { ...d, fields: [...d.fields, ''] } : d));
  const removeField = (i: number) =>
    setDraft((d) => withOneField({ ...d, fields: d.fields.filter((_, j) => j !== i) }));
  const clear = () => {
    setDraft(withOneField(EMPTY_FILTERS));
    setFormError(null);
    onApply(EMPTY_FILTERS);
  };

  // Options keep the applied values visible even when the server no longer lists them.
  const tables = withValue(tableKeys, draft.table);
  const sources = withValue(sourceIds, draft.sourceId);
  const error = formError ?? serverError;

  return (
    <form
      className="panel inspector-filters"
      onSubmit={submit}
      aria-label="Event filters"
      data-testid="inspector-filters"
    >
      <div className="filter-grid">
        <label className="filter-field">
          <span>Source</span>
          <select
            className="filter-input select-input"
            value={draft.sourceId}
            onChange={(e) => set('sourceId', e.target.value)}
            data-testid="inspector-filter-source"
          >
            <option value="">all sources</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>Table</span>
          <select
            className="filter-input select-input"
            value={draft.table}
            onChange={(e) => set('table', e.target.value)}
            data-testid="inspector-filter-table"
          >
            <option value="">all tables</option>
            {tables.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            {!tables.includes(UNDECODABLE_TABLE) && (
              <option value={UNDECODABLE_TABLE}>{UNDECODABLE_TABLE} records without a table</option>
            )}
          </select>
        </label>
        <fieldset className="filter-field filter-ops">
          <legend>Op</legend>
          {FORM_OPS.map((op) => (
            <label key={op} className="op-check" title={OP_NAMES[op]}>
              <input
                type="checkbox"
                checked={draft.ops.includes(op)}
                onChange={(e) => toggleOp(op, e.target.checked)}
                data-testid={`inspector-filter-op-${op}`}
              />
              {/* The letter is what the table shows; a screen reader hears the op's name ("create"), not "c". */}
              <span className={`op op-${op}`} aria-hidden="true">
                {op}
              </span>
              <span className="visually-hidden">{OP_NAMES[op]}</span>
            </label>
          ))}
        </fieldset>
        <label className="filter-field">
          <span>Key contains</span>
          <input
            className="filter-input"
            value={draft.key}
            onChange={(e) => set('key', e.target.value)}
            placeholder="id=42"
            spellCheck={false}
            autoComplete="off"
            data-testid="inspector-filter-key"
          />
        </label>
        <label className="filter-field filter-wide">
          <span>Text anywhere in key, before, after</span>
          <input
            className="filter-input"
            type="search"
            value={draft.q}
            onChange={(e) => set('q', e.target.value)}
            placeholder="free text"
            spellCheck={false}
            autoComplete="off"
            data-testid="inspector-filter-q"
          />
        </label>
        <label className="filter-field">
          <span>From</span>
          <input
            className="filter-input"
            type="datetime-local"
            step={1}
            value={toDatetimeLocal(draft.from)}
            onChange={(e) => set('from', fromDatetimeLocal(e.target.value))}
            data-testid="inspector-filter-from"
          />
        </label>
        <label className="filter-field">
          <span>To</span>
          <input
            className="filter-input"
            type="datetime-local"
            step={1}
            value={toDatetimeLocal(draft.to)}
            onChange={(e) => set('to', fromDatetimeLocal(e.target.value))}
            data-testid="inspector-filter-to"
          />
        </label>
        {(sides.length > 0 || draft.side) && (
          <label className="filter-field">
            <span>Replica side</span>
            <select
              className="filter-input select-input"
              value={draft.side}
              onChange={(e) => set('side', e.target.value)}
              data-testid="inspector-filter-side"
            >
              <option value="">both sides</option>
              {sides.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
              {draft.side && !sides.some((s) => s.value === draft.side) && (
                <option value={draft.side}>{draft.side}</option>
              )}
            </select>
          </label>
        )}
        <label className="filter-field filter-check">
          <input
            type="checkbox"
            checked={draft.undecodable}
            onChange={(e) => set('undecodable', e.target.checked)}
            data-testid="inspector-filter-undecodable"
          />
          <span>Undecodable only</span>
        </label>
        <label className="filter-field filter-check">
          <input
            type="checkbox"
            checked={draft.outbox}
            onChange={(e) => set('outbox', e.target.checked)}
            data-testid="inspector-filter-outbox"
          />
          <span>Outbox events only</span>
        </label>
        {(draft.outbox || draft.aggregateType || draft.eventType) && (
          <>
            <label className="filter-field">
              <span>Aggregate type</span>
              <input
                className="filter-input mono"
                value={draft.aggregateType}
                onChange={(e) => set('aggregateType', e.target.value)}
                data-testid="inspector-filter-aggregate"
              />
            </label>
            <label className="filter-field">
              <span>Event type</span>
              <input
                className="filter-input mono"
                value={draft.eventType}
                onChange={(e) => set('eventType', e.target.value)}
                data-testid="inspector-filter-event-type"
              />
            </label>
          </>
        )}
        <label className="filter-field">
          <span>Replays</span>
          <select
            className="filter-input select-input"
            value={draft.replay}
            onChange={(e) =>
              set('replay', e.target.value === 'only' || e.target.value === 'exclude' ? e.target.value : '')
            }
            data-testid="inspector-filter-replay"
          >
            <option value="">originals and replays</option>
            <option value="exclude">originals only</option>
            <option value="only">replayed copies only</option>
          </select>
        </label>
      </div>
      <div className="filter-conditions">
        <span className="filter-label" id="field-cond-label" title={FIELD_CONDITION_HELP}>
          Field conditions (all must hold)
        </span>
        {draft.fields.map((f, i) => (
          <span key={i} className="filter-condition">
            <input
              className="filter-input mono"
              value={f}
              onChange={(e) => setField(i, e.target.value)}
              placeholder="after.status=shipped"
              aria-labelledby="field-cond-label"
              title={FIELD_CONDITION_HELP}
              spellCheck={false}
              autoComplete="off"
              data-testid="inspector-filter-field"
            />
            {(draft.fields.length > 1 || f !== '') && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => removeField(i)}
                aria-label={`Remove condition ${i + 1}`}
              >
                ×
              </button>
            )}
          </span>
        ))}
        {draft.fields.length < MAX_FIELD_CONDITIONS && (
          <button type="button" className="btn btn-small" onClick={addField} data-testid="inspector-add-field">
            + condition
          </button>
        )}
        <span className="muted filter-help">ops = != &gt; &lt; ~ (contains)</span>
        <span className="filter-actions">
          <button type="button" className="btn" onClick={clear}>
            Clear
          </button>
          <button type="submit" className="btn btn-primary" data-testid="inspector-apply">
            Apply
          </button>
        </span>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="inspector-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The form always shows one condition input, empty or not. */
function withOneField(f: FilterState): FilterState {
  return f.fields.length > 0 ? f : { ...f, fields: [''] };
}

function withValue(options: readonly string[], value: string): string[] {
  return value && !options.includes(value) ? [value, ...options] : [...options];
}
