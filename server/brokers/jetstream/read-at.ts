import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createSubjectMatcher } from '../../../lib/nats/subject-match';
import { connectForSeek } from './client';

/** A stateless direct read of one stream sequence; only subjects the source (and `channel`) allow. */
export async function readJetStreamMessage(
  config: JetStreamSourceConfig,
  channel: string,
  seq: number,
): Promise<RawMessage | undefined> {
  const nc = await connectForSeek(config);
  try {
    const jsm = await jetstreamManager(nc);
    const m = await jsm.streams.getMessage(config.stream, { seq }).catch(() => null);
    if (!m || !createSubjectMatcher(config.subject)(m.subject) || !createSubjectMatcher(channel)(m.subject))
      return undefined;
    const headers: Record<string, string> = {};
    for (const k of m.header.keys()) headers[k] = m.header.get(k);
    const timestamp = m.time.getTime();
    return {
      sourceId: config.id,
      origin: { kind: 'jetstream', stream: config.stream, subject: m.subject, seq: m.seq, timestamp },
      key: null,
      value: m.data,
      headers,
      receivedAt: timestamp,
    };
  } finally {
    await nc.close().catch(() => undefined);
  }
}
