# shellcheck shell=bash
# The Debezium MariaDB connectors and the Connect REST verbs behind pause, resume and
# restart-reset. replica_a is the "full" one (schema-wrapped JSON, transaction metadata,
# heartbeats); replica_b deliberately emits bare JSON payloads (schemas.enable=false), so
# the dashboard is exercised against both shapes Debezium users run. Everything that shapes
# the payload itself (decimal handling, time precision) stays the same on both, so the two
# copies of one change compare equal in the replica-pair view.
# The other three carry the encodings real estates run besides the JSON envelope: avro_a
# (Avro in Confluent's wire format through the Schema Registry), flat_a (flattened rows
# from ExtractNewRecordState) and outbox (the outbox event router). Nothing of theirs
# changes what replica_a/replica_b emit: the outbox table is kept out of those two.

# Apicurio's AvroConverter writing Confluent's wire format: magic byte 0, the 4-byte id
# that $SCHEMA_REGISTRY_URL/schemas/ids/{id} resolves (the content id, which is what
# Apicurio's Confluent-compatible API calls a schema id), then Avro binary.
# headers.enabled=false keeps the id in the payload rather than in Kafka headers.
avro_converter() {
  local side="$1"
  cat <<EOF
  "$side.converter": "io.apicurio.registry.utils.converter.AvroConverter",
  "$side.converter.apicurio.registry.url": "$APICURIO_API_URL",
  "$side.converter.apicurio.registry.auto-register": "true",
  "$side.converter.apicurio.registry.as-confluent": "true",
  "$side.converter.apicurio.registry.use-id": "contentId",
  "$side.converter.apicurio.registry.headers.enabled": "false",
EOF
}

bare_json() {
  cat <<'EOF'
  "key.converter": "org.apache.kafka.connect.json.JsonConverter", "key.converter.schemas.enable": "false",
  "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false",
EOF
}

connector_config() {
  local name="$1" port server_id extra databases="$MARIADB_DATABASE"
  case "$name" in
    # replica_a and replica_b also capture the heartbeat table: its NOW(3) column is a
    # millisecond clock through the whole pipeline (the binlog's own time is whole seconds).
    # They poll their change queue every 50 ms, not Debezium's 500: a change waits for the end
    # of the poll window it arrived in, and with 500 ms the heartbeat (every 2 s, a multiple)
    # would sample one fixed phase of that window, off from a random row's wait by up to 250 ms.
    replica_a) port=$MARIADB_REPLICA_A_PORT; server_id=184101; databases="$MARIADB_DATABASE,$HEARTBEAT_DATABASE"
      extra="\"provide.transaction.metadata\": \"true\", \"heartbeat.interval.ms\": \"5000\", \"poll.interval.ms\": \"50\",
  \"table.exclude.list\": \"$OUTBOX_TABLE\", \"include.schema.changes\": \"true\"" ;;
    replica_b) port=$MARIADB_REPLICA_B_PORT; server_id=184102; databases="$MARIADB_DATABASE,$HEARTBEAT_DATABASE"
      extra="$(bare_json)
  \"heartbeat.interval.ms\": \"10000\", \"poll.interval.ms\": \"50\", \"table.exclude.list\": \"$OUTBOX_TABLE\", \"include.schema.changes\": \"true\"" ;;
    "$AVRO_CONNECTOR") port=$MARIADB_REPLICA_A_PORT; server_id=184103
      # The whole envelope in Avro, the most common production format. Names adjusted
      # to Avro's rules as people run it (the stack's need no change; a real schema's may).
      extra="$(avro_converter key)
$(avro_converter value)
  \"schema.name.adjustment.mode\": \"avro\", \"heartbeat.interval.ms\": \"10000\",
  \"table.exclude.list\": \"$OUTBOX_TABLE\", \"include.schema.changes\": \"true\"" ;;
    "$FLAT_CONNECTOR") port=$MARIADB_REPLICA_B_PORT; server_id=184104
      # The row after the change plus __op, __table, __source_ts_ms; a delete becomes the
      # row before it with __deleted "true" (rewrite), and its tombstone is dropped. The
      # outbox table is captured here too: its row changes are what the events came from.
      extra="$(bare_json)
  \"transforms\": \"unwrap\",
  \"transforms.unwrap.type\": \"io.debezium.transforms.ExtractNewRecordState\",
  \"transforms.unwrap.add.fields\": \"op,table,source.ts_ms\",
  \"transforms.unwrap.delete.tombstone.handling.mode\": \"rewrite\",
  \"include.schema.changes\": \"false\"" ;;
    "$OUTBOX_CONNECTOR") port=$MARIADB_PRIMARY_PORT; server_id=184105
      # Debezium's outbox event router on inventory.outbox: topic outbox.event.<aggregatetype>,
      # key = aggregateid (plain string), value = the payload column parsed as JSON
      # (MariaDB's JSON type is LONGTEXT, so without expand it would be a JSON string),
      # headers id = the event id and eventType = the type column. The router skips
      # deletes (the load generator empties the table in the same transaction).
      extra="\"table.include.list\": \"$OUTBOX_TABLE\", \"include.schema.changes\": \"false\", \"tombstones.on.delete\": \"false\",
  \"key.converter\": \"org.apache.kafka.connect.storage.StringConverter\",
  \"value.converter\": \"org.apache.kafka.connect.json.JsonConverter\", \"value.converter.schemas.enable\": \"false\",
  \"transforms\": \"outbox\",
  \"transforms.outbox.type\": \"io.debezium.transforms.outbox.EventRouter\",
  \"transforms.outbox.table.expand.json.payload\": \"true\",
  \"transforms.outbox.table.json.payload.null.behavior\": \"optional_bytes\",
  \"transforms.outbox.table.fields.additional.placement\": \"type:header:eventType\"" ;;
    *) die "unknown connector '$name' (known: $CONNECTORS)" ;;
  esac
  # connect.keep.alive.interval.ms: how often the binlog client's keepalive thread checks the
  # connection and reconnects a lost one (by GTID, nothing re-sent). Debezium's 60 s default
  # (5 s here before) left a restarted replica's connectors idle that long after kill -9.
  # retriable.restart.connector.wait.ms: the pause before Debezium restarts a task after a
  # retriable error (its database gone); 10 s by default, a fixed 10 s on every such fault.
  cat <<EOF
{
  "connector.class": "io.debezium.connector.mariadb.MariaDbConnector",
  "tasks.max": "1",
  "database.hostname": "$STACK_HOST",
  "database.port": "$port",
  "database.user": "$MARIADB_CDC_USER",
  "database.password": "$MARIADB_CDC_PASSWORD",
  "database.server.id": "$server_id",
  "topic.prefix": "$name",
  "database.include.list": "$databases",
  "schema.history.internal.kafka.bootstrap.servers": "$KAFKA_BOOTSTRAP",
  "schema.history.internal.kafka.topic": "schema-history.$name",
  "snapshot.locking.mode": "none",
  "connect.keep.alive.interval.ms": "1000",
  "retriable.restart.connector.wait.ms": "2000",
  "topic.creation.default.replication.factor": "1",
  "topic.creation.default.partitions": "1",
  "topic.creation.groups": "orders",
  "topic.creation.orders.include": "$name\\\\.$MARIADB_DATABASE\\\\.orders",
  "topic.creation.orders.replication.factor": "1",
  "topic.creation.orders.partitions": "3",
  $extra
}
EOF
}

connector_state() {
  http "$CONNECT_URL/connectors/$1/status" 2>/dev/null \
    | json '[j.connector.state, ...(j.tasks||[]).map(t=>t.state)].join(" ")'
}

connector_running() {
  local s; s=$(connector_state "$1") || return 1
  [[ "$s" == "RUNNING RUNNING" ]]
}

# PUT .../config creates or updates, so `up` can run any number of times; a task left
# FAILED (e.g. Kafka was killed under it) is restarted here too.
connectors_apply() {
  local name
  for name in $CONNECTORS; do
    # Connect restarts a connector on every PUT of its config, even an identical one: after a
    # Connect restart that cost ~3 s per connector and a second start of each.
    connector_config_same "$name" || connector_put "$name"
    if [[ "$(connector_state "$name")" == *FAILED* ]]; then
      log "connector $name has a FAILED part: restarting it"
      http -X POST "$CONNECT_URL/connectors/$name/restart?includeTasks=true&onlyFailed=true" >/dev/null || true
    fi
  done
}

# Does Connect already hold exactly our config for the connector (its "name" key aside)?
connector_config_same() {
  local have
  have=$(http "$CONNECT_URL/connectors/$1/config" 2>/dev/null) || return 1
  node -e 'const [a, b] = process.argv.slice(1).map((s) => JSON.parse(s)); delete b.name;
    const same = Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => String(a[k]) === String(b[k]));
    process.exit(same ? 0 : 1)' "$(connector_config "$1")" "$have" 2>/dev/null
}

# Each new connector makes the single worker rebalance and start a snapshot; on a busy
# machine the next PUT then waits (seen: over 10 s) or answers 409 while the rebalance
# runs. Both pass, so they are retried (a PUT of the same config is idempotent).
connector_put() {
  local name="$1" out deadline=$((SECONDS + 180))
  while :; do
    out=$(connector_config "$name" | HTTP_TIMEOUT=60 http -X PUT -H 'Content-Type: application/json' --data-binary @- \
      -w ' HTTP%{http_code}' "$CONNECT_URL/connectors/$name/config" 2>&1) || out="unreachable: ${out:-}"
    [[ "$out" == *HTTP20[01] ]] && return 0
    if [[ "$out" == unreachable* || "$out" == *HTTP409 ]] && ((SECONDS < deadline)) && running connect; then sleep 2; continue; fi
    [[ "$out" == unreachable* ]] && die "Connect REST unreachable while creating $name (${out:13:200})"
    die "Connect rejected connector $name: ${out:0:300}"
  done
}

connectors_wait() {
  local name
  for name in $CONNECTORS; do
    wait_for "${1:-120}" "connector $name RUNNING" connect connector_running "$name"
  done
}

connector_verb() {
  local verb="$1" name="$2" code
  [[ " $CONNECTORS " == *" $name "* ]] || die "unknown connector '$name' (known: $CONNECTORS)"
  code=$(http -o /dev/null -w '%{http_code}' -X PUT "$CONNECT_URL/connectors/$name/$verb") || die "Connect REST unreachable at $CONNECT_URL"
  [[ "$code" == 20* ]] || die "PUT /connectors/$name/$verb answered HTTP $code"
  echo "$name: $verb requested ($(connector_state "$name"))"
}

# Stop, drop the committed source offsets, resume: Debezium finds no offset and takes a
# new snapshot, so every row is sent again (op "r") before streaming goes on.
connector_restart_reset() {
  local name="$1" code
  [[ " $CONNECTORS " == *" $name "* ]] || die "unknown connector '$name' (known: $CONNECTORS)"
  http -o /dev/null -X PUT "$CONNECT_URL/connectors/$name/stop" || die "Connect REST unreachable at $CONNECT_URL"
  wait_for 60 "connector $name STOPPED" connect bash -c "[[ \"\$(curl -s $CONNECT_URL/connectors/$name/status)\" == *'\"state\":\"STOPPED\"'* ]]"
  code=$(http -o "$RUN/reset.out" -w '%{http_code}' -X DELETE "$CONNECT_URL/connectors/$name/offsets")
  [[ "$code" == 200 ]] || die "deleting offsets of $name answered HTTP $code: $(cat "$RUN/reset.out")"
  http -o /dev/null -X PUT "$CONNECT_URL/connectors/$name/resume"
  wait_for 120 "connector $name RUNNING again" connect connector_running "$name"
  echo "$name: offsets reset, re-snapshotting ($(connector_state "$name"))"
}
