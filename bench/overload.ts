/**
 * Overload (issue #11, target 6): the real server (production build, its own
 * process, pinned with `--server-cpu`) reads a Kafka topic fed at `--factor`
 * times what it can ingest. Its ingest rate R comes first, from a warm-up
 * backlog of `--warmup` events read from the start (the middle 20–90 %, past
 * JIT and group join). Then, for `--seconds`, this process produces at
 * factor × R and afterwards waits until the server has caught up. Meanwhile:
 * `/api/healthz` every 100 ms from two small processes (one beside the server,
 * one beside the broker), the server's RSS every second from /proc,
 * and every 250 ms the backlog the server reports (`/api/sources`, `/metrics`)
 * beside the true one (the topic's end offsets minus what it counted).
 *
 *   bash scripts/ensure-build.sh && taskset -c 1 bash bench/private-kafka.sh start
 *   taskset -c 1 npx tsx bench/overload.ts [--brokers 127.0.0.1:49092] [--seconds 60] [--factor 2] [--warmup 150000] [--rate R]
 *   bash bench/private-kafka.sh stop
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { pacedProducer, rssMiB, schedstat, startProber, startServer, valueBytes } from './overload-io';
import type { SourceSummary } from '../lib/contracts/source-status';
import { errorMessage } from '../lib/error-message';
import * as S from './overload-summary';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const brokers = [arg('brokers', '127.0.0.1:49092')];
const seconds = Number(arg('seconds', '60'));
const factor = Number(arg('factor', '2'));
const warmup = Number(arg('warmup', '150000'));
const fixedRate = Number(arg('rate', '0'));
const catchupLimitS = Number(arg('catchup-s', '240'));
const port = Number(arg('port', '3961'));
const serverCpu = arg('server-cpu', '0');
/** A JSON file for samples, reports and checks, to look at afterwards. */
const dump = arg('dump', '');
/** Where this process, the broker and the second prober run (the first runs beside the server). */
const otherCpu = arg('other-cpu', '1');
const topic = 'cdcscope-overload';
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const kafka = new Kafka({ clientId: 'cdcscope-overload', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer({ allowAutoTopicCreation: false });
const { produce, sendLog } = pacedProducer(producer, topic);

type Sample = S.Truth & { report?: S.Report; metricMessages?: number };

/** One look at truth and report: end offsets, counted records and the backlog gauge (/metrics), /api/sources. */
async function sample(): Promise<Sample> {
  const t0 = Date.now();
  const [offsets, metrics, sources] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    fetch(`${base}/metrics`).then((r) => r.text()),
    fetch(`${base}/api/sources`).then((r) => r.json() as Promise<SourceSummary[]>),
  ]);
  const t = Math.round((t0 + Date.now()) / 2);
  let counted = 0;
  for (const m of metrics.matchAll(/^cdcscope_records_total\{[^}]*source="ov"[^}]*\} (\S+)$/gm))
    counted += Number(m[1]);
  const gauge = /^cdcscope_source_backlog_messages\{source="ov"\} (\S+)$/m.exec(metrics)?.[1];
  const b = sources.find((s) => s.id === 'ov')?.backlog;
  return {
    t,
    end: offsets.reduce((n, p) => n + Number(p.high), 0),
    counted,
    ...(b ? { report: { at: b.at, messages: b.messages, seconds: b.seconds, behind: b.behind } } : {}),
    ...(gauge === undefined ? {} : { metricMessages: Number(gauge) }),
  };
}

async function main() {
  await Promise.all([admin.connect(), producer.connect()]);
  if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
  const t0 = Date.now();
  await produce(warmup, 0);
  console.log(`warm-up backlog: ${warmup} events in ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${load()}`);

  const server = startServer({ brokers, port, cpu: serverCpu, topic });
  const pid = server.pid ?? 0;
  const exited = new Promise<never>((_, reject) =>
    server.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal})`))),
  );
  const samples: Sample[] = [];
  /** RSS (MiB) of the server and how long its main thread ran and waited for a core so far, every second. */
  const rss: { t: number; mib: number; runMs: number; waitMs: number }[] = [];
  const phases: { name: string; from: number }[] = [];
  const enter = (name: string) => {
    phases.push({ name, from: Date.now() });
    console.log(`${new Date().toISOString().slice(11, 19)} ${name}; load ${load()}`);
  };
  const run = { sampling: true };
  const sampler = (async () => {
    while (run.sampling) {
      const next = Date.now() + 250;
      const s = await sample().catch(() => undefined);
      if (s) samples.push(s);
      await sleep(next - Date.now());
    }
  })();
  const rssTimer = setInterval(() => rss.push({ t: Date.now(), mib: rssMiB(pid), ...schedstat(pid) }), 1_000);
  const probers = [
    startProber(serverCpu, pid, `${base}/api/healthz`),
    startProber(otherCpu, pid, `${base}/api/healthz`),
  ];
  const prober = probers[0] as ReturnType<typeof startProber>;
  const last = () => samples.at(-1);
  try {
    enter('warm-up read');
    const deadline = Date.now() + 600_000;
    while ((last()?.counted ?? 0) < warmup) {
      if (Date.now() > deadline) throw new Error('the warm-up backlog was not read in 600 s');
      await Promise.race([sleep(250), exited]);
    }
    const measured = S.rateBetween(samples, 0.2 * warmup, 0.9 * warmup);
    const rate = fixedRate > 0 ? fixedRate : measured;
    console.log(
      `ingest rate R = ${Math.round(measured)} ev/s (20–90 % of the warm-up backlog); producing at ${Math.round(factor * rate)} ev/s`,
    );

    enter('idle');
    await Promise.race([sleep(5_000), exited]);
    enter('overload');
    const before = last() as Sample;
    await Promise.race([produce(Math.round(factor * rate * seconds), factor * rate), exited]);
    const after = last() as Sample;
    enter('catch-up');
    const limit = Date.now() + catchupLimitS * 1000;
    // Caught up: everything counted, and a backlog measured after that says so.
    let caughtAt = 0;
    while (Date.now() < limit) {
      const s = last() as Sample;
      if (!caughtAt && s.counted >= s.end) caughtAt = s.t;
      if (caughtAt && s.report && s.report.at > caughtAt + 2_000) break;
      await Promise.race([sleep(250), exited]);
    }
    enter('done');

    // ---- figures
    const span = (name: string) => {
      const i = phases.findIndex((p) => p.name === name);
      return { from: phases[i]?.from ?? 0, to: phases[i + 1]?.from ?? Date.now() };
    };
    const within = (t: number, ...names: string[]) => names.some((n) => t >= span(n).from && t < span(n).to);
    const ov = span('overload');
    const overloadS = (ov.to - ov.from) / 1000;
    const producedRate = (after.end - before.end) / ((after.t - before.t) / 1000);
    const ingestRate = (after.counted - before.counted) / ((after.t - before.t) / 1000);
    console.log(
      `overload: produced ${after.end - before.end} in ${overloadS.toFixed(1)} s = ${Math.round(producedRate)} ev/s; cdcscope counted ${Math.round(ingestRate)} ev/s meanwhile (${(producedRate / ingestRate).toFixed(2)}×)`,
    );
    for (const name of ['warm-up read', 'idle', 'overload', 'catch-up']) {
      const { from, to } = span(name);
      const inPhase = rss.filter((r) => r.t >= from && r.t < to);
      const [a, b] = [inPhase[0], inPhase.at(-1)];
      const share = (k: 'runMs' | 'waitMs') => (a && b && b.t > a.t ? ((b[k] - a[k]) / (b.t - a.t)) * 100 : Number.NaN);
      for (const [i, pr] of probers.entries()) {
        const h = S.summarizeProbes(pr.probes.filter((p) => within(p.at, name)));
        console.log(
          `${name.padEnd(12)} healthz from core ${i === 0 ? serverCpu : otherCpu}: ${h.sent} probes, p50 ${h.p50.toFixed(1)} ms, p95 ${h.p95.toFixed(1)} ms, max ${h.max.toFixed(1)} ms, unanswered ${h.unanswered}; server's own CPU ms meanwhile p50 ${h.cpuP50.toFixed(1)}, p95 ${h.cpuP95.toFixed(1)}, max ${h.cpuMax.toFixed(1)}${i === 0 ? `; server main thread ran ${share('runMs').toFixed(0)} %, waited for a core ${share('waitMs').toFixed(0)} % of the time` : ''}`,
        );
      }
    }
    const busy = S.summarizeProbes(prober.probes.filter((p) => within(p.at, 'overload', 'catch-up')));
    const mem = S.summarizeRss(rss.filter((r) => within(r.t, 'overload')).map((r) => r.mib));
    const all = S.summarizeRss(rss.map((r) => r.mib));
    const backlogMiB = ((after.end - after.counted) * valueBytes) / 2 ** 20;
    console.log(
      `RSS overload: start ${mem.start.toFixed(0)}, max ${mem.max.toFixed(0)}, end ${mem.end.toFixed(0)} MiB (first-half max ${mem.firstHalfMax.toFixed(0)}, second-half max ${mem.secondHalfMax.toFixed(0)}); whole run max ${all.max.toFixed(0)}, end ${all.end.toFixed(0)} MiB; backlog at the end of overload ${after.end - after.counted} events ≈ ${backlogMiB.toFixed(0)} MiB of values`,
    );
    const reports = samples.flatMap((s) => (s.report && within(s.report.at, 'overload', 'catch-up') ? [s.report] : []));
    const checks = S.checkBacklog(reports, samples, sendLog);
    for (const c of checks.filter((_, i) => i % 5 === 0 || i === checks.length - 1))
      console.log(
        `  backlog at +${((c.at - ov.from) / 1000).toFixed(0).padStart(4)} s: reported ${String(c.reported.messages).padStart(8)} msgs ${c.reported.seconds.toFixed(1).padStart(6)} s behind=${c.reported.behind}  true ${String(c.trueMessages).padStart(8)} msgs (${c.trueLow}–${c.trueHigh} within 1 s) ${c.trueSeconds.toFixed(1).padStart(6)} s`,
      );
    const maxErr = Math.max(0, ...checks.map((c) => Math.abs(c.error)));
    const secErr = Math.max(0, ...checks.map((c) => Math.abs(c.reported.seconds - c.trueSeconds)));
    const gauge = samples.filter((s) => s.report && s.metricMessages !== undefined);
    const gaugeSame = gauge.filter((s) => s.metricMessages === s.report?.messages).length;
    const final = last()?.report;
    const caughtS = caughtAt ? (caughtAt - ov.to) / 1000 : Number.NaN;
    console.log(
      `/metrics backlog gauge = /api/sources backlog in ${gaugeSame}/${gauge.length} samples (they differ only when a poll falls between the two requests)`,
    );

    console.log(`\nverdicts (load ${load()}):`);
    const lines = [
      S.verdict(
        producedRate >= 1.5 * ingestRate,
        'overloaded (produced ≥ 1.5 × counted)',
        `${Math.round(producedRate)} vs ${Math.round(ingestRate)} ev/s`,
      ),
      S.verdict(
        busy.p95 < 100 && busy.unanswered === 0,
        'UI responsive (healthz p95 < 100 ms, none unanswered, overload + catch-up)',
        `p95 ${busy.p95.toFixed(1)} ms, max ${busy.max.toFixed(1)} ms, ${busy.unanswered}/${busy.sent} unanswered`,
      ),
      S.verdict(
        busy.cpuP95 < 100,
        "UI responsive on a core of its own (the server's CPU time per healthz answer, p95 < 100 ms)",
        `p95 ${busy.cpuP95.toFixed(1)} ms, max ${busy.cpuMax.toFixed(1)} ms`,
      ),
      S.verdict(
        mem.bounded,
        'memory bounded (RSS plateaus while the backlog grows)',
        `${mem.start.toFixed(0)} → max ${mem.max.toFixed(0)} → ${mem.end.toFixed(0)} MiB while the backlog grew to ≈ ${backlogMiB.toFixed(0)} MiB`,
      ),
      S.verdict(
        checks.length > 0 && checks.every((c) => !c.silent),
        'says it is behind (flag set whenever ≥ 3 s behind)',
        `${checks.filter((c) => c.silent).length}/${checks.length} reports silent, ${checks.filter((c) => c.falseAlarm).length} false alarms`,
      ),
      S.verdict(
        checks.length > 0 && checks.every((c) => !c.wrongCount),
        'says by how much (reported within max(5,000, 10 %) of the true backlog within 1 s of its poll)',
        `max error ${maxErr} msgs, ${checks.filter((c) => c.wrongCount).length}/${checks.length} beyond; max seconds error ${secErr.toFixed(1)} s`,
      ),
      S.verdict(
        caughtAt > 0 && final?.messages === 0 && !final.behind,
        'recovers (caught up, then reports 0 and not behind)',
        `caught up ${caughtS.toFixed(0)} s after the overload; last report ${JSON.stringify(final)}`,
      ),
    ];
    for (const l of lines) console.log(l);
    if (dump)
      writeFileSync(
        dump,
        JSON.stringify({ phases, samples, sendLog, rss, checks, probes: probers.map((p) => p.probes) }),
      );
    console.log(
      JSON.stringify({
        R: Math.round(measured),
        producedRate: Math.round(producedRate),
        ingestRate: Math.round(ingestRate),
        healthz: busy,
        rss: mem,
        maxErr,
        secErr: Number(secErr.toFixed(1)),
        caughtS,
        load: load(),
      }),
    );
  } finally {
    run.sampling = false;
    clearInterval(rssTimer);
    for (const p of probers) p.stop();
    await sampler;
    const gone = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`overload: ${errorMessage(err)}`);
    process.exit(1);
  },
);
