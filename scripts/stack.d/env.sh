# shellcheck shell=bash
# The stack's fixed names, in one place. scripts/stack sources this, `scripts/stack env`
# prints it as KEY=value, and the rest of cdcscope (tests, dashboard config) reads those
# lines, so renaming anything here is a breaking change for the whole team.
# Paths are relative to the repository root; STACK_HOME is the same folder made absolute.

STACK_ROOT="${STACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
STACK_DIR=.stack
STACK_HOME="$STACK_ROOT/$STACK_DIR"

# Kafka is switchable; the Debezium connector follows from Debezium's own build matrix
# (3.4/3.5 are built against Kafka 4.1.1, 3.0.8-3.2 against 3.9). Only versions that
# Maven Central serves with their plugin bundle are listed.
# Unset, it sticks to the version the existing Kafka data was made with, so `status`,
# `env` and a plain `up` agree with what runs; set it to switch (a fresh Kafka cluster).
KAFKA_VERSION="${KAFKA_VERSION:-$(cat "$STACK_HOME/data/kafka/.stack-version" 2>/dev/null || echo 4.1.1)}"
case "$KAFKA_VERSION" in
  4.*) _dbz_default=3.5.0.Final ;;
  3.9.*) _dbz_default=3.1.0.Final ;;
  *) _dbz_default=unsupported ;;
esac
DEBEZIUM_VERSION="${DEBEZIUM_VERSION:-$_dbz_default}"
unset _dbz_default

# Debezium Server is a separate app (no Kafka inside): 3.6 needs Java 21+, which the
# Temurin JDK provides; 2.7.3 is the fallback that runs on Java 17 (see docs/stack.md).
DEBEZIUM_SERVER_VERSION="${DEBEZIUM_SERVER_VERSION:-3.6.0.Final}"

# Apicurio Registry 2.6 (its Confluent-compatible API is what the Avro connector's
# converter and cdcscope use) and its Kafka Connect converter, both from Maven Central.
APICURIO_VERSION="${APICURIO_VERSION:-2.6.13.Final}"

STACK_HOST=127.0.0.1
KAFKA_PORT=39092
KAFKA_CONTROLLER_PORT=39093
KAFKA_BOOTSTRAP="$STACK_HOST:$KAFKA_PORT"
CONNECT_PORT=38083
CONNECT_URL="http://$STACK_HOST:$CONNECT_PORT"
CONNECT_GROUP=cdcscope-connect

MARIADB_PRIMARY_PORT=33307
MARIADB_REPLICA_A_PORT=33308
MARIADB_REPLICA_B_PORT=33309
MARIADB_DATABASE=inventory
MARIADB_USER=app
MARIADB_PASSWORD=app
MARIADB_CDC_USER=debezium
MARIADB_CDC_PASSWORD=dbz
# Connector names are also their topic prefixes. replica_a/replica_b: JSON envelopes
# (the replica pair); avro_a: Avro through the Schema Registry; flat_a: flattened rows
# (ExtractNewRecordState); outbox: the outbox event router on the primary's outbox table.
CONNECTORS="replica_a replica_b avro_a flat_a outbox"
AVRO_CONNECTOR=avro_a
FLAT_CONNECTOR=flat_a
OUTBOX_CONNECTOR=outbox
OUTBOX_TABLE="$MARIADB_DATABASE.outbox"
OUTBOX_TOPIC=outbox.event.order
# The primary's heartbeat table (sql/mariadb-heartbeat.sql), rewritten every 2 s with NOW(3).
# replica_a and replica_b capture it too: cdcscope reads it as a millisecond clock.
HEARTBEAT_DATABASE=stack_meta
HEARTBEAT_TABLE="$HEARTBEAT_DATABASE.heartbeat"

PG_PORT=35432
PG_DATABASE=shop
PG_SCHEMA=inventory
PG_USER=postgres
PG_PASSWORD=postgres
PG_TOPIC_PREFIX=pg
PG_SLOT=debezium_pg
PG_PUBLICATION=dbz_publication

NATS_PORT=34222
NATS_MONITOR_PORT=38222
NATS_URL="nats://$STACK_HOST:$NATS_PORT"
NATS_STREAM=DebeziumStream
NATS_SUBJECTS="$PG_TOPIC_PREFIX.>,__debezium-heartbeat.$PG_TOPIC_PREFIX"
DEBEZIUM_SERVER_PORT=38080
DEBEZIUM_SERVER_URL="http://$STACK_HOST:$DEBEZIUM_SERVER_PORT"

# Apicurio Registry: SCHEMA_REGISTRY_URL is its Confluent-compatible API (what a
# Confluent client or cdcscope's `registry.url` takes: /subjects, /schemas/ids/{id});
# APICURIO_API_URL is its native v2 API, which Apicurio's own converter talks to.
SCHEMA_REGISTRY_PORT=38081
SCHEMA_REGISTRY_URL="http://$STACK_HOST:$SCHEMA_REGISTRY_PORT/apis/ccompat/v7"
APICURIO_API_URL="http://$STACK_HOST:$SCHEMA_REGISTRY_PORT/apis/registry/v2"

KAFKA_CONSUMER_GROUP=orders-service
KAFKA_CONSUMER_TOPIC=replica_a.inventory.orders
JS_CONSUMER=orders-projection
JS_CONSUMER_SUBJECT="$PG_TOPIC_PREFIX.inventory.orders"
CONSUMER_DELAY_FILE="$STACK_DIR/run/consumer-delay-ms"
CONSUMER_DELAY_MS_DEFAULT=20

# Printed by `scripts/stack env`, in this order.
STACK_ENV_KEYS=(STACK_DIR STACK_HOME STACK_HOST KAFKA_VERSION DEBEZIUM_VERSION DEBEZIUM_SERVER_VERSION
  KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_BOOTSTRAP CONNECT_PORT CONNECT_URL CONNECT_GROUP
  MARIADB_PRIMARY_PORT MARIADB_REPLICA_A_PORT MARIADB_REPLICA_B_PORT MARIADB_DATABASE
  MARIADB_USER MARIADB_PASSWORD MARIADB_CDC_USER MARIADB_CDC_PASSWORD CONNECTORS
  AVRO_CONNECTOR FLAT_CONNECTOR OUTBOX_CONNECTOR OUTBOX_TABLE OUTBOX_TOPIC HEARTBEAT_DATABASE HEARTBEAT_TABLE
  PG_PORT PG_DATABASE PG_SCHEMA PG_USER PG_PASSWORD PG_TOPIC_PREFIX PG_SLOT PG_PUBLICATION
  NATS_PORT NATS_MONITOR_PORT NATS_URL NATS_STREAM NATS_SUBJECTS
  DEBEZIUM_SERVER_PORT DEBEZIUM_SERVER_URL
  APICURIO_VERSION SCHEMA_REGISTRY_PORT SCHEMA_REGISTRY_URL APICURIO_API_URL
  KAFKA_CONSUMER_GROUP KAFKA_CONSUMER_TOPIC JS_CONSUMER JS_CONSUMER_SUBJECT
  CONSUMER_DELAY_FILE CONSUMER_DELAY_MS_DEFAULT)
