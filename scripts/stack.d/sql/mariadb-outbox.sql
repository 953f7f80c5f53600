-- The transactional outbox (Debezium's outbox pattern) on the primary: the load generator
-- writes an event row in the same transaction as the order change it announces, and
-- deletes it again before COMMIT, so the table stays empty while the binlog keeps every
-- event. The `outbox` connector's event router turns each insert into a message on
-- outbox.event.<aggregatetype>. Column names are the router's defaults. `payload` is JSON,
-- which MariaDB stores as LONGTEXT (+ CHECK json_valid): Debezium sees a string.
-- Created by `scripts/stack up` when missing (also on data made before it existed).
CREATE TABLE IF NOT EXISTS inventory.outbox (
  id CHAR(36) NOT NULL PRIMARY KEY,
  aggregatetype VARCHAR(255) NOT NULL,
  aggregateid VARCHAR(255) NOT NULL,
  type VARCHAR(255) NOT NULL,
  payload JSON NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
