/**
 * What the cluster's merged chart series cost one instance (issue #14,
 * lib/cluster/series-merge.ts): the settled rings (one per table, bounded by
 * `maxTables`) and the unsettled seconds (about 16 per active table and
 * instance). Feeds T tables from I instances, every table busy every second,
 * for 30 seconds of publishes, then measures live heap + array buffers.
 *
 *   npx tsx bench/series-merge-memory.ts
 */
import type { PartialTable } from '../lib/contracts/cluster';
import { PARTIAL_TAIL_SECONDS } from '../lib/analytics/table-stats';
import { SECOND_ROW_LENGTH } from '../lib/analytics/second-ring';
import { createSeriesMerger } from '../lib/cluster/series-merge';
import { execFileSync } from 'node:child_process';
import { forceGc, liveBytes } from './heap';

const T0 = 1_700_000_000;

function measure(tables: number, instances: number, maxTables: number) {
  const keys = Array.from({ length: tables }, (_, i) => `bench.shop.t${i}`);
  const row = () => Array.from({ length: SECOND_ROW_LENGTH }, (_, k) => k + 1);
  forceGc();
  const before = liveBytes();
  const m = createSeriesMerger({ maxTables, startedAt: T0 * 1000 });
  for (let sec = T0 + 1; sec <= T0 + 30; sec++) {
    // Each instance publishes its tables' last PARTIAL_TAIL_SECONDS seconds, as a snapshot's tail does.
    const snapshots = Array.from({ length: instances }, (_, i) => ({
      incarnation: `i${i}:1`,
      tables: keys.map(
        (tableKey) =>
          ({
            tableKey,
            tail: { end: sec, rows: Array.from({ length: Math.min(PARTIAL_TAIL_SECONDS, sec - T0) }, row) },
          }) as unknown as PartialTable,
      ),
    }));
    m.update(snapshots, sec);
  }
  forceGc();
  const total = liveBytes() - before;
  const rings = m.ringBytes();
  return { kept: m.tablesKept(), total, rings, open: total - rings };
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const kb = (b: number) => `${(b / 1e3).toFixed(1)} KB`;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};

const one = arg('--tables');
if (one !== undefined) {
  // One configuration per process: a previous run's buffers freed late would blur the figure.
  const [tables, instances, maxTables] = [one, arg('--instances') ?? 1, arg('--max-tables') ?? 2000];
  const r = measure(tables, instances, maxTables);
  const per = Math.min(tables, maxTables);
  console.log(
    `${`${tables} × ${instances} (${maxTables})`.padEnd(32)} ${String(r.kept).padStart(5)}  ${mb(r.total).padStart(9)}  ${mb(r.rings).padStart(9)}  ${mb(r.open).padStart(9)}  ${kb(r.rings / per)} + ${kb(r.open / tables)}`,
  );
} else {
  console.log('tables × instances (maxTables)   kept   total      rings      unsettled  per table: rings + unsettled');
  for (const [tables, instances] of [
    [100, 1],
    [100, 3],
    [1000, 1],
    [1000, 3],
    [2000, 3],
    [3000, 3],
  ] as const)
    process.stdout.write(
      execFileSync(
        process.execPath,
        [...process.execArgv, process.argv[1] ?? '', '--tables', `${tables}`, '--instances', `${instances}`],
        {
          encoding: 'utf8',
        },
      ),
    );
}
