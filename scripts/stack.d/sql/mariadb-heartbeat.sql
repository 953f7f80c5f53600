-- The MariaDB connector only emits a heartbeat while binlog events keep arriving, so an
-- idle database would look stalled. The primary therefore writes one tiny row every 2 s
-- (event scheduler); it replicates like any change, so both connectors see binlog traffic
-- and heartbeat every ~5 s. It lives outside `inventory`: only replica_a and replica_b capture
-- it (database.include.list), as a millisecond clock (NOW(3)) for cdcscope's lag figures.
-- Events replicate as SLAVESIDE_DISABLED: only the primary runs it. Idempotent.
CREATE DATABASE IF NOT EXISTS stack_meta;
CREATE TABLE IF NOT EXISTS stack_meta.heartbeat (id TINYINT NOT NULL PRIMARY KEY, ts TIMESTAMP(3) NOT NULL);
INSERT IGNORE INTO stack_meta.heartbeat VALUES (1, NOW(3));
CREATE EVENT IF NOT EXISTS stack_meta.beat ON SCHEDULE EVERY 2 SECOND
  DO UPDATE stack_meta.heartbeat SET ts = NOW(3) WHERE id = 1;
