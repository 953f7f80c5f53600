/**
 * Socket traffic per client and room: the demo pipeline and the push layer
 * on a bare HTTP server (no Next.js), one Socket.IO client per room, bytes of
 * every push's JSON counted over a window after a warm-up. Prints figures;
 * the target is ≤ 30 KB/s per client (issue 12). The overview client names
 * the rows it draws, as the page does, so off-screen tables come as briefs.
 *
 *   npx tsx bench/socket-traffic.ts [--seconds 20] [--warmup 20]
 *   npx tsx bench/socket-traffic.ts --many     the overview with 500 more tables
 *   npx tsx bench/socket-traffic.ts --many --config bench/browser-many-tables.config.yaml
 *                                              the same, each of the 500 changing about once a second
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { loadConfig } from '../server/config/load-config';
import { createSource } from '../server/brokers/registry';
import { createPipeline } from '../server/pipeline/pipeline';
import { attachRealtime } from '../server/realtime/socket-server';
import type { OverviewSnapshot, Room } from '../lib/contracts/socket-events';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 20);
const warmup = arg('warmup', 20);
/** Rows the overview page draws on a 1080-px-high window: ~27 visible and 12 overscan on each side. */
const DRAWN_ROWS = 40;
/** `--many`: the demo plus 500 synthetic tables (e2e/many-tables.config.yaml), overview room only. */
const many = process.argv.includes('--many');
const configArg = process.argv.indexOf('--config');
const manyConfig = configArg >= 0 ? process.argv[configArg + 1] : 'e2e/many-tables.config.yaml';

async function main() {
  const config = loadConfig(many ? { CDCSCOPE_CONFIG: manyConfig } : {});
  const pipeline = createPipeline({ config, sources: config.sources.map((s) => createSource(s)) });
  const http = createServer();
  const realtime = attachRealtime(http, pipeline.state);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const rooms: { name: string; room: Room }[] = many
    ? [{ name: 'overview, 500 tables', room: { kind: 'overview' } }]
    : [
        { name: 'overview', room: { kind: 'overview' } },
        { name: 'table page', room: { kind: 'table', table: 'demo_a.inventory.orders' } },
        { name: 'replicas', room: { kind: 'replicas' } },
        { name: 'replica pair page', room: { kind: 'replica-pair', pair: 'demo' } },
        { name: 'lag', room: { kind: 'lag' } },
      ];

  // The ring and the series fill with uptime: measure after a warm-up, as a page left open would see it.
  await new Promise((r) => setTimeout(r, warmup * 1000));
  const results = await Promise.all(
    rooms.map(async ({ name, room }) => {
      const socket = connect(url, { transports: ['websocket'] });
      let bytes = 0;
      let frames = 0;
      let largest = 0;
      socket.onAny((_event: string, payload: unknown) => {
        const size = Buffer.byteLength(JSON.stringify(payload));
        bytes += size;
        frames += 1;
        largest = Math.max(largest, size);
      });
      await new Promise<void>((r) => socket.on('connect', () => r()));
      socket.emit('subscribe', room);
      if (room.kind === 'overview') {
        // As the page does: name the rows it draws (the top of the list sorted by name, with overscan).
        socket.once('overview', (snap: OverviewSnapshot) => {
          const keys = snap.tables.map((t) => t.tableKey).sort();
          socket.emit('overview-visible', keys.slice(0, DRAWN_ROWS));
        });
      }
      // The join's whole snapshot is counted apart: it is paid once per page load.
      await new Promise((r) => setTimeout(r, 1000));
      const joinBytes = bytes;
      bytes = 0;
      frames = 0;
      largest = 0;
      await new Promise((r) => setTimeout(r, seconds * 1000));
      socket.close();
      return { name, joinKB: joinBytes / 1024, kbPerSecond: bytes / 1024 / seconds, frames, largestKB: largest / 1024 };
    }),
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(18)} ${r.kbPerSecond.toFixed(1).padStart(6)} KB/s  ${(r.frames / seconds).toFixed(1)} frames/s  largest ${r.largestKB.toFixed(1)} KB  join ${r.joinKB.toFixed(1)} KB`,
    );
  console.log(JSON.stringify(Object.fromEntries(results.map((r) => [r.name, Number(r.kbPerSecond.toFixed(2))]))));
  await realtime.close();
  await pipeline.close();
  http.close();
  process.exit(0);
}

void main();
