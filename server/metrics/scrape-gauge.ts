import { Gauge, type Registry } from 'prom-client';

/**
 * A factory of gauges read at scrape time: each scrape resets the gauge and
 * lets `collect` set the current series, so a label set that is gone (a
 * deleted connector, an evicted pair) disappears from `/metrics` instead of
 * staying at its last value.
 */
export function scrapeGauges(registry: Registry) {
  return (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void): Gauge =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });
}
