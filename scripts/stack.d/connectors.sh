# shellcheck shell=bash
# The two Debezium MariaDB connectors and the Connect REST verbs behind pause, resume and
# restart-reset. replica_a is the "full" one (schema-wrapped JSON, transaction metadata,
# heartbeats); replica_b deliberately emits bare JSON payloads (schemas.enable=false), so
# the dashboard is exercised against both shapes Debezium users run. Everything that shapes
# the payload itself (decimal handling, time precision) stays the same on both, so the two
# copies of one change compare equal in the replica-pair view.

connector_config() {
  local name="$1" port server_id extra
  case "$name" in
    replica_a) port=$MARIADB_REPLICA_A_PORT; server_id=184101
      extra='"provide.transaction.metadata": "true", "heartbeat.interval.ms": "5000"' ;;
    replica_b) port=$MARIADB_REPLICA_B_PORT; server_id=184102
      extra='"key.converter": "org.apache.kafka.connect.json.JsonConverter", "key.converter.schemas.enable": "false",
  "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false",
  "heartbeat.interval.ms": "10000"' ;;
    *) die "unknown connector '$name' (known: $CONNECTORS)" ;;
  esac
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
  "database.include.list": "$MARIADB_DATABASE",
  "schema.history.internal.kafka.bootstrap.servers": "$KAFKA_BOOTSTRAP",
  "schema.history.internal.kafka.topic": "schema-history.$name",
  "include.schema.changes": "true",
  "snapshot.locking.mode": "none",
  "connect.keep.alive.interval.ms": "5000",
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
  local name out
  for name in $CONNECTORS; do
    out=$(connector_config "$name" | http -X PUT -H 'Content-Type: application/json' --data-binary @- \
      -w ' HTTP%{http_code}' "$CONNECT_URL/connectors/$name/config") || die "Connect REST unreachable while creating $name"
    [[ "$out" == *HTTP20[01] ]] || die "Connect rejected connector $name: ${out:0:300}"
    if [[ "$(connector_state "$name")" == *FAILED* ]]; then
      log "connector $name has a FAILED part: restarting it"
      http -X POST "$CONNECT_URL/connectors/$name/restart?includeTasks=true&onlyFailed=true" >/dev/null || true
    fi
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
