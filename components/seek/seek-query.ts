import { formatSeekStart, parseSeekStart, SEEK_START_HELP } from '@/lib/contracts/seek';
import type { Result } from '@/lib/result';
import {
  filtersToParams,
  fromDatetimeLocal,
  validateFilters,
  type FilterState,
  EMPTY_FILTERS,
} from '../inspector/inspector-query';

/** The seek form (pure state and its translation to `GET /api/seek` parameters). */

export type StartKind = 'time' | 'offset' | 'seq' | 'beginning';

export interface SeekForm {
  sourceId: string;
  channel: string;
  startKind: StartKind;
  /** time: a `datetime-local` value; offset: `n` or `partition@n`; seq: `n`. */
  startValue: string;
  /** The inspector's filters (source excluded: the seek's own source is used). */
  filters: FilterState;
  /** Empty = the server's limit. */
  limit: string;
  scan: string;
}

export const EMPTY_SEEK_FORM: SeekForm = {
  sourceId: '',
  channel: '',
  startKind: 'time',
  startValue: '',
  filters: EMPTY_FILTERS,
  limit: '',
  scan: '',
};

/** Rows the page keeps: the server's maxResults is at most 10,000; past this the page says it stopped listing. */
export const RESULT_CAP = 10_000;

/** Which starts a broker knows. */
export function startKindsFor(kind: string | undefined): StartKind[] {
  if (kind === 'kafka') return ['time', 'offset', 'beginning'];
  if (kind === 'jetstream' || kind === 'demo') return ['time', 'seq', 'beginning'];
  return ['time', 'offset', 'seq', 'beginning'];
}

function startText(f: SeekForm): string | undefined {
  const v = f.startValue.trim();
  if (f.startKind === 'beginning') return 'beginning';
  if (f.startKind === 'time') {
    const ms = fromDatetimeLocal(v);
    return ms === '' ? undefined : `time:${ms}`;
  }
  return `${f.startKind}:${v}`;
}

/** Form → query parameters, or the first problem to show. */
export function seekParams(f: SeekForm): Result<URLSearchParams> {
  if (!f.sourceId) return { ok: false, error: 'choose a source' };
  if (!f.channel.trim()) return { ok: false, error: 'name a topic or subject' };
  const text = startText(f);
  const start = text === undefined ? undefined : parseSeekStart(text);
  if (start === undefined) return { ok: false, error: `start: ${SEEK_START_HELP}` };
  const filterError = validateFilters(f.filters);
  if (filterError) return { ok: false, error: filterError };
  for (const [name, value] of [
    ['limit', f.limit],
    ['scan', f.scan],
  ] as const) {
    if (value.trim() !== '' && !/^[1-9]\d{0,11}$/.test(value.trim()))
      return { ok: false, error: `${name}: a whole number above 0, or empty for the server's limit` };
  }
  const params = filtersToParams({ ...f.filters, sourceId: '' });
  params.set('sourceId', f.sourceId);
  params.set('channel', f.channel.trim());
  params.set('start', formatSeekStart(start));
  if (f.limit.trim()) params.set('limit', f.limit.trim());
  if (f.scan.trim()) params.set('scan', f.scan.trim());
  return { ok: true, value: params };
}
