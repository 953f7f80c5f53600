import type { Row } from '../lib/contracts/change-event';

/** The benchmarks' clock origin: fixed, so runs are comparable. */
export const T0 = 1_732_000_000_000;
const NOTE =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';

/** A realistic ~600-byte order row (JSON, decimals, arrays, a long text) at a given version. */
export function sampleRow(id: number, version: number): Row {
  return {
    id,
    customer_id: 10_000 + (id % 977),
    status: ['new', 'paid', 'shipped', 'returned'][version % 4],
    email: `customer${id}@example.com`,
    name: `Customer ${id}`,
    address: `${id} Market Street, Springfield, 4210${id % 10}`,
    amount: Math.round(id * 13.7 + version) / 100,
    currency: 'EUR',
    tags: ['priority', `batch-${id % 12}`],
    attributes: { channel: 'web', campaign: `c${id % 40}`, items: version % 9 },
    created_at: T0 - 86_400_000 + id,
    updated_at: T0 + version,
    note: NOTE,
  };
}
