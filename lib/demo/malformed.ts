import type { Random } from './random';

const encoder = new TextEncoder();

/**
 * What a misconfigured producer writes into a CDC topic now and then: a cut
 * JSON envelope, plain text, bytes that are no JSON at all, JSON that is no
 * Debezium envelope. cdcscope must show each as undecodable and go on.
 */
const KINDS: readonly (() => Uint8Array)[] = [
  () => encoder.encode('{"before":null,"after":{"id":1'),
  () => encoder.encode('plain text from a misconfigured producer'),
  () => new Uint8Array([0x00, 0x00, 0x00, 0x00, 0x2a, 0xff, 0xfe]),
  () => encoder.encode('{"hello":"not a debezium envelope"}'),
];

export const malformedValue = (rnd: Random): Uint8Array => rnd.pick(KINDS)();
