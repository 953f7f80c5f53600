import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog, AuditRecord } from '../../lib/contracts/audit';
import { decodeMessage } from '../../lib/debezium/decode-message';
import { FIXTURE_NOW, pgSource, rawFrom } from '../../lib/debezium/fixtures';
import { createMasker } from '../../lib/masking/masker';
import { PROVENANCE } from '../../lib/replay/provenance';
import { createEventStore } from '../../lib/store/event-store';
import type { Principal } from '../auth/auth-service';
import { createReplayService, safeResult, type ReplayDeps } from './replay-service';
import { createSinkSenders } from '../brokers/registry';
import { httpSinkSchema } from '../../lib/config/sinks-schema';
import { sinkRef } from '../../lib/replay/sink-ref';
import type { SinkSender } from '../brokers/sink-sender';
import { configSchema } from '../../lib/config/schema';

/** The audit log's contract, in memory: enough to test the service's rules (the real logs have their own tests). */
function memoryAudit(): AuditLog & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  const entry = (id: string): AuditEntry | undefined => {
    const s = records.find((r) => r.replayId === id && r.phase === 'started');
    if (!s || s.phase !== 'started') return undefined;
    const f = records.find((r) => r.replayId === id && r.phase === 'finished');
    const result = f?.phase === 'finished' ? f.result : null;
    const { phase: _p, at, ...rest } = s;
    return {
      ...rest,
      startedAt: at,
      finishedAt: f?.at ?? null,
      result,
      status: result === null ? 'unknown' : result.ok ? 'sent' : 'failed',
    };
  };
  return {
    records,
    description: 'memory',
    async append(r) {
      if (r.phase === 'started' && records.some((x) => x.replayId === r.replayId && x.phase === 'started'))
        throw new Error('duplicate');
      records.push(r);
    },
    find: async (id) => entry(id),
    page: async () => ({ entries: [], nextBefore: null, store: 'memory' }),
    close: async () => undefined,
  };
}

const operator: Principal = { user: 'olga', role: 'operator', via: 'session', unmaskedReplay: false };
const viewer: Principal = { user: 'vic', role: 'viewer', via: 'session', unmaskedReplay: false };
const anonymous: Principal = { user: null, role: 'viewer', via: 'anonymous', unmaskedReplay: false };
const SECRET = 'hunter2-secret';

function setup(o: { authEnabled?: boolean; send?: SinkSender['send']; brokerDown?: boolean } = {}) {
  const store = createEventStore({ masker: createMasker({}) });
  const raw = rawFrom({
    topic: 'pg.inventory.customers',
    key: { id: 7 },
    value: {
      op: 'u',
      before: { id: 7, email: 'a@x', password: 'old' },
      after: { id: 7, email: 'b@x', password: SECRET },
      source: pgSource({ table: 'customers' }),
    },
    offset: 41,
    receivedAt: FIXTURE_NOW,
  });
  const rec = decodeMessage(raw);
  store.add(rec, raw);
  const first = store.query({});
  const id = first.ok ? first.value.items[0]!.id : '';
  const sent: { sink: string; value: string | null; headers: Record<string, string>; key: string | null }[] = [];
  const fake = (sink: string): SinkSender => ({
    async send(m) {
      sent.push({ sink, ...m });
      await new Promise((r) => setTimeout(r, 20));
      return o.send ? o.send(m) : { ok: true, detail: 'stored' };
    },
    close: async () => undefined,
  });
  const config = configSchema.parse({
    sources: [{ kind: 'demo' }],
    sinks: [
      { id: 'demo-replay', kind: 'demo' },
      { id: 'topic', kind: 'kafka', brokers: ['127.0.0.1:1'], topic: 'replays' },
    ],
  });
  const audit = memoryAudit();
  const deps: ReplayDeps = {
    sinks: config.sinks,
    senders: new Map([
      ['demo-replay', fake('demo-replay')],
      ['topic', fake('topic')],
    ]),
    audit,
    lookup: async (x) => {
      if (o.brokerDown && !store.get(x)) throw new Error('connection refused');
      return store.get(x);
    },
    masker: createMasker({}),
    authEnabled: o.authEnabled ?? true,
    now: () => FIXTURE_NOW,
  };
  return { service: createReplayService(deps), audit, sent, eventId: id };
}

const request = (eventId: string, extra: Record<string, unknown> = {}) => ({
  replayId: crypto.randomUUID(),
  eventId,
  sinkId: 'topic',
  unmasked: false,
  ...extra,
});

describe('replay service', () => {
  it('sends the masked original with provenance and records started then finished', async () => {
    const { service, audit, sent, eventId } = setup();
    const req = request(eventId);
    const preview = await service.preview(operator, req);
    expect(preview.ok).toBe(true);
    expect(JSON.stringify(preview)).not.toContain(SECRET);
    const r = await service.replay(operator, req);
    expect(r.ok && r.value.status).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.value).not.toContain(SECRET);
    expect(sent[0]!.value).toContain('b@x');
    expect(sent[0]!.key).toBe('{"id":7}');
    expect(sent[0]!.headers[PROVENANCE.replayId]).toBe(req.replayId);
    expect(sent[0]!.headers[PROVENANCE.replayedBy]).toBe('olga');
    expect(sent[0]!.headers[PROVENANCE.position]).toMatch(/@41$/);
    expect(audit.records.map((x) => x.phase)).toEqual(['started', 'finished']);
  });

  it('sends one replay id once, however often and however concurrently it is asked', async () => {
    const { service, sent, audit, eventId } = setup();
    const req = request(eventId);
    const all = await Promise.all([
      service.replay(operator, req),
      service.replay(operator, req),
      service.replay(operator, req),
    ]);
    const again = await service.replay(operator, req);
    expect(sent).toHaveLength(1);
    expect(all.every((r) => r.ok)).toBe(true);
    expect(all.filter((r) => r.ok && r.value.repeated)).toHaveLength(2);
    expect(again.ok && again.value.repeated).toBe(true);
    expect(audit.records.filter((x) => x.phase === 'started')).toHaveLength(1);
  });

  it('never retries a replay whose outcome is unknown (started, then the server stopped)', async () => {
    const { service, audit, sent, eventId } = setup();
    const req = request(eventId);
    const preview = await service.preview(operator, req);
    if (!preview.ok) throw new Error('preview failed');
    const p = preview.value;
    await audit.append({
      phase: 'started',
      replayId: req.replayId,
      at: 1,
      actor: { user: 'olga', role: 'operator', via: 'session' },
      event: { id: eventId, sourceId: 'x', channel: 'c', position: 'p', tableKey: null },
      sink: p.sink,
      payloadSha256: p.payloadSha256,
      payloadBytes: p.payloadBytes,
      edited: false,
      unmasked: false,
    });
    const r = await service.replay(operator, req);
    expect(r.ok && r.value).toMatchObject({ status: 'unknown', repeated: true, result: null });
    expect(sent).toHaveLength(0);
  });

  it('refuses a replay id reused for another payload', async () => {
    const { service, eventId } = setup();
    const req = request(eventId);
    await service.replay(operator, req);
    const r = await service.replay(operator, { ...req, payload: '{"other":true}' });
    expect(r.ok ? 0 : r.error.status).toBe(409);
  });

  it('the preview is exactly what is sent', async () => {
    const { service, sent, eventId } = setup();
    const req = request(eventId, { payload: '{"edited":1}' });
    const p = await service.preview(operator, req);
    expect(p.ok).toBe(true);
    await service.replay(operator, req);
    if (!p.ok) return;
    expect(sent[0]).toEqual({ sink: 'topic', ...p.value.message });
    expect(p.value.edited).toBe(true);
  });

  it('validates edited payloads, permissions and sinks', async () => {
    const { service, sent, eventId } = setup();
    const status = async (who: Principal, extra: Record<string, unknown>) => {
      const r = await service.replay(who, request(eventId, extra));
      return r.ok ? 200 : r.error.status;
    };
    expect(await status(operator, { payload: '{"a":' })).toBe(400);
    expect(await status(viewer, {})).toBe(403);
    expect(await status(operator, { unmasked: true })).toBe(403);
    expect(await status(operator, { sinkId: 'nope' })).toBe(404);
    expect(await status(operator, { eventId: 'gone:1' })).toBe(404);
    expect(sent).toHaveLength(0);
  });

  it('sends the unmasked original only with the permission', async () => {
    const { service, sent, audit, eventId } = setup();
    const r = await service.replay({ ...operator, unmaskedReplay: true }, request(eventId, { unmasked: true }));
    expect(r.ok).toBe(true);
    expect(sent[0]!.value).toContain(SECRET);
    expect(audit.records[0]!.phase === 'started' && audit.records[0]!.unmasked).toBe(true);
  });

  it('with auth off allows only the demo sinks', async () => {
    const { service, eventId } = setup({ authEnabled: false });
    expect(service.sinkList(anonymous).sinks.map((s) => s.id)).toEqual(['demo-replay']);
    const toTopic = await service.replay(anonymous, request(eventId));
    expect(toTopic.ok ? 200 : toTopic.error.status).toBe(403);
    const toDemo = await service.replay(anonymous, request(eventId, { sinkId: 'demo-replay' }));
    expect(toDemo.ok && toDemo.value.status).toBe('sent');
  });

  it('records a sink failure as failed, and a viewer sees why the button is disabled', async () => {
    const { service, audit, eventId } = setup({ send: async () => ({ ok: false, error: 'broker down' }) });
    const r = await service.replay(operator, request(eventId));
    expect(r.ok && r.value.status).toBe('failed');
    expect(audit.records.at(-1)).toMatchObject({
      phase: 'finished',
      result: { ok: false, error: 'kafka sink kafka/replays: broker down' },
    });
    expect(service.sinkList(viewer)).toMatchObject({ canReplay: false, reason: 'replay requires the operator role' });
  });
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('sink credentials (issue #17.1)', () => {
  const ECHO =
    'Request cannot be constructed from a URL that includes credentials: http://hookuser:HOOKPASS-SECRET@127.0.0.1:3969/hook?apikey=QUERYSECRET-XYZ';
  it('never puts a sink error that quotes credentials into the reply or the audit record', async () => {
    const { service, audit, eventId } = setup({ send: async () => ({ ok: false, error: ECHO }) });
    const r = await service.replay(operator, request(eventId));
    const seen = JSON.stringify([r, audit.records]);
    expect(seen).not.toMatch(/HOOKPASS|QUERYSECRET|hookuser/);
    expect(r.ok && r.value.result).toEqual({
      ok: false,
      error: 'kafka sink kafka/replays: Request cannot be constructed from a URL that includes credentials: [redacted]',
    });
  });

  it('an HTTP sink that cannot be reached reports kind, target and cause, not its query string', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/hook?apikey=QUERYSECRET-XYZ`;
    const sink = httpSinkSchema.parse({ id: 'hook', kind: 'http', url });
    const sender = createSinkSenders({ sources: [], sinks: [sink] }, () => undefined).get('hook');
    if (!sender) throw new Error('no sender for the http sink');
    const result = await sender.send({ key: null, value: '{}', headers: {} });
    const safe = safeResult(sinkRef(sink), result);
    expect(safe.ok).toBe(false);
    expect(JSON.stringify(safe)).not.toContain('QUERYSECRET');
    expect(!safe.ok && safe.error).toBe(`http sink POST http://127.0.0.1:${port}/hook: fetch failed (ECONNREFUSED)`);
  });

  it('the configuration refuses user info in a sink URL', () => {
    const r = httpSinkSchema.safeParse({ id: 'h', kind: 'http', url: 'http://u:p@127.0.0.1/hook' });
    expect(r.success ? '' : r.error.issues[0]?.message).toMatch(/user:password@/);
    expect(httpSinkSchema.safeParse({ id: 'h', kind: 'http', url: 'https://127.0.0.1/hook?k=1' }).success).toBe(true);
  });
});

describe('payload hash of an unmasked send (issue #17.2)', () => {
  it('a retry after the event left the buffer shows it only to a caller who may unmask', async () => {
    const { service, eventId, audit } = setup({ brokerDown: true });
    const req = request(eventId, { unmasked: true });
    const first = await service.replay({ ...operator, unmaskedReplay: true }, req);
    expect(first.ok).toBe(true);
    // The event is gone from the buffer: the service answers retries from the audit log.
    const gone = { ...req, eventId: 'kafka:pg.inventory.customers:p0@999' };
    await audit.append({
      ...(audit.records[0] as Extract<(typeof audit.records)[number], { phase: 'started' }>),
      replayId: 'gone-1',
      event: { id: gone.eventId, sourceId: 'kafka', channel: 'c', position: 'p0@999', tableKey: null },
    });
    const asOperator = await service.replay(operator, { ...gone, replayId: 'gone-1', unmasked: false });
    expect(asOperator.ok).toBe(false);
    expect(JSON.stringify(asOperator)).not.toMatch(/[0-9a-f]{64}/);
    const asUnmasker = await service.replay({ ...operator, unmaskedReplay: true }, { ...gone, replayId: 'gone-1' });
    expect(asUnmasker.ok && asUnmasker.value.repeated).toBe(true);
  });
});

describe('events not in the buffer', () => {
  it('reports a broker that cannot be read (502), sends nothing and records nothing', async () => {
    const { service, sent, audit } = setup({ brokerDown: true });
    const r = await service.replay(operator, request('kafka:t:p0@1'));
    expect(r.ok ? 200 : [r.error.status, r.error.message]).toEqual([
      502,
      'could not read event kafka:t:p0@1 from its broker: connection refused',
    ]);
    expect(sent).toHaveLength(0);
    expect(audit.records).toHaveLength(0);
  });
});
