/** Realistic-looking rows and the operation mix for the load generator (load.ts). */
import { randomBytes, createHash } from 'node:crypto';

export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

const FIRST = [
  'Ada',
  'Alan',
  'Barbara',
  'Dennis',
  'Edsger',
  'Frances',
  'Grace',
  'Hedy',
  'Ken',
  'Katherine',
  'Linus',
  'Margaret',
  'Niklaus',
  'Radia',
  'Sophie',
  'Tim',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Liskov',
  'Ritchie',
  'Dijkstra',
  'Allen',
  'Hopper',
  'Lamarr',
  'Thompson',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Wirth',
  'Perlman',
  'Wilson',
  'Berners-Lee',
];
const DOMAINS = ['example.com', 'example.org', 'mail.test', 'shop.invalid'];
const ADJ = ['Ergonomic', 'Rustic', 'Sleek', 'Heavy-duty', 'Compact', 'Wireless', 'Vintage', 'Smart'];
const NOUN = ['Chair', 'Lamp', 'Keyboard', 'Kettle', 'Backpack', 'Monitor', 'Headphones', 'Desk', 'Mug', 'Drone'];
const COLORS = ['red', 'black', 'white', 'green', 'blue', 'silver'];

let serial = 0;
/** Unique per process and per run, so repeated runs never trip the UNIQUE email/sku keys. */
const uniq = () => `${Date.now().toString(36)}${(serial++).toString(36)}${randomBytes(2).toString('hex')}`;
const maybe = <T>(p: number, v: () => T): T | null => (Math.random() < p ? v() : null);

export const row = {
  customer() {
    const first = pick(FIRST);
    const last = pick(LAST);
    return {
      first,
      last,
      email: `${first}.${last}.${uniq()}@${pick(DOMAINS)}`.toLowerCase(),
      password: createHash('sha256').update(randomBytes(8)).digest('hex'),
      phone: maybe(0.7, () => `+1-555-${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`),
      points: maybe(0.8, () => Math.floor(Math.random() * 5000)),
      birth: maybe(0.6, () =>
        new Date(
          Date.UTC(
            1950 + Math.floor(Math.random() * 55),
            Math.floor(Math.random() * 12),
            1 + Math.floor(Math.random() * 28),
          ),
        )
          .toISOString()
          .slice(0, 10),
      ),
    };
  },
  product() {
    return {
      sku: `SKU-${uniq()}`.slice(0, 32),
      name: `${pick(ADJ)} ${pick(NOUN)}`,
      description: maybe(0.7, () => `A ${pick(ADJ).toLowerCase()} ${pick(NOUN).toLowerCase()} for everyday use`),
      price: (1 + Math.random() * 499).toFixed(2),
      weight: maybe(0.8, () => (Math.random() * 25).toFixed(3)),
      attributes: {
        color: pick(COLORS),
        tags: [pick(['new', 'sale', 'eco', 'bestseller'])],
        dims: { w: Math.ceil(Math.random() * 100), h: Math.ceil(Math.random() * 100) },
      },
      stock: Math.floor(Math.random() * 500),
    };
  },
};

/** Operation mix: weights roughly like a shop (mostly orders; deletes and re-keys rare). */
const MIX = {
  'insert-order': 24,
  'place-order-tx': 10,
  'update-order-status': 20,
  'insert-customer': 10,
  'update-customer': 8,
  'update-product': 10,
  'insert-product': 3,
  'bulk-ship-tx': 3,
  'delete-order': 7,
  'delete-customer': 3,
  'rekey-order': 2,
} as const;
export type Op = keyof typeof MIX;
const TOTAL = Object.values(MIX).reduce((a, b) => a + b, 0);

export function randomOp(): Op {
  let r = Math.random() * TOTAL;
  for (const [op, w] of Object.entries(MIX) as [Op, number][]) {
    if ((r -= w) < 0) return op;
  }
  return 'insert-order';
}
