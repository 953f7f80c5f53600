import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { rawFrom } from '../debezium/fixtures/raw-from';
import { mariaUpdateA, order } from '../debezium/fixtures/mariadb';
import { RAW_VALUE_MAX_BYTES } from '../contracts/inspector';
import { restoreRecord, slimRecord } from './slim-record';

const raw = rawFrom({ topic: 'replica_a.shop.orders', value: mariaUpdateA, headers: { trace: 't1' } });
const through = (r: ReturnType<typeof slimRecord>) => structuredClone(r);

describe('slimRecord / restoreRecord', () => {
  it('leaves out origin, headers and before, and puts origin and headers back from the message', () => {
    const whole = decodeMessage(raw);
    const back = restoreRecord(through(slimRecord(decodeMessage(raw), raw, [])), raw);
    expect(back).toEqual({ ...whole, before: null });
    expect(back.origin).toBe(raw.origin);
    expect(back.headers).toBe(raw.headers);
  });

  it('keeps before for a change a replica pair side selects, and for one the inspector keeps whole', () => {
    const side = [{ serverName: 'replica_a' }];
    expect(restoreRecord(through(slimRecord(decodeMessage(raw), raw, side)), raw)).toEqual(decodeMessage(raw));
    const blob = 'x'.repeat(RAW_VALUE_MAX_BYTES);
    const big = rawFrom({ topic: 'replica_a.shop.orders', value: { ...mariaUpdateA, before: { ...order, blob } } });
    const rec = decodeMessage(big, { maxValueBytes: 4 * RAW_VALUE_MAX_BYTES });
    expect(rec.kind === 'change' && rec.before?.blob).toBe(blob);
    expect(restoreRecord(through(slimRecord(rec, big, [])), big)).toEqual(
      decodeMessage(big, { maxValueBytes: 4 * RAW_VALUE_MAX_BYTES }),
    );
  });
});
