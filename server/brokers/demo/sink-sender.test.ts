import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createSinkSenders } from '../registry';

describe('demo sink', () => {
  it('feeds the replayed message back into the pipeline as demo.replay', async () => {
    const got: RawMessage[] = [];
    const config = configSchema.parse({ sources: [{ kind: 'demo', id: 'demo' }], sinks: [{ id: 'd', kind: 'demo' }] });
    const sender = createSinkSenders(config, (m) => got.push(m)).get('d')!;
    const r = await sender.send({ key: '{"id":1}', value: '{"op":"c"}', headers: { a: 'b' } });
    expect(r).toEqual({ ok: true, detail: 'demo.replay #1' });
    expect(got[0]).toMatchObject({
      sourceId: 'demo',
      origin: { kind: 'demo', topic: 'demo.replay', seq: 1 },
      headers: { a: 'b' },
    });
    expect(new TextDecoder().decode(got[0]!.value!)).toBe('{"op":"c"}');
  });
});
