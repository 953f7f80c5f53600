/**
 * What each lag figure is and which clocks it reads: the same words as
 * README "Lag, defined", used as column help and in the definitions list on
 * the Lag and table pages.
 */
export const LAG_HELP = {
  capture:
    "Capture lag = ts_ms − source.ts_ms: the connector's clock minus the database's commit clock (±1 s where that clock is whole seconds, as MariaDB's binlog is)",
  transport: "Transport lag = arrival in cdcscope − ts_ms: cdcscope's clock minus the connector's clock (both ms)",
  endToEnd:
    "End-to-end lag = arrival in cdcscope − source.ts_ms: cdcscope's clock minus the database's commit clock (±1 s where that clock is whole seconds)",
  heartbeat:
    "Heartbeat lag = arrival (or ts_ms) − the time column of a heartbeat row: cdcscope's (or the connector's) clock minus the database's own NOW(3) / clock_timestamp(), to the millisecond",
  consumerTime:
    "Consumer time lag = now − when the consumer's position was produced: Kafka reads cdcscope's clock on both sides (sampled end offsets, interpolated) or the oldest unconsumed message's timestamp (producer or broker clock); JetStream the NATS server's stored-message time",
  skew: "Clock skew bound: a heartbeat row cannot arrive before it was written, so the database clock is at most the smallest heartbeat end-to-end lag behind cdcscope's (negative: at least that much ahead)",
} as const;

/** The definitions as a collapsed list, for the pages that show lag figures. */
export function LagDefinitions() {
  return (
    <details className="lag-definitions" data-testid="lag-definitions">
      <summary>Which clocks each lag figure uses</summary>
      <ul>
        {Object.entries(LAG_HELP).map(([key, text]) => (
          <li key={key}>{text}</li>
        ))}
      </ul>
    </details>
  );
}
