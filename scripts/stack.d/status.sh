# shellcheck shell=bash
# `scripts/stack status`: one row per component and connector. The storm's healer
# (chaos/heal.ts) reads it in a loop, so its cost is part of every "time back" the storm
# reports. It used to run ~25 probes one after the other, among them a tsx process for
# Kafka and a node process per JSON field: 6 s a read on a quiet machine, 19 s at load 16.
# Now every row is probed in a job of its own, all at once, every probe is bounded by
# STATUS_TIMEOUT, and no JVM, tsx or node process starts except one node for the
# connectors' states.

# A paused (SIGSTOPped) daemon still accepts TCP connections (the kernel completes the
# handshake), so only an answer tells a live one from a stopped one, and only a timeout
# bounds the wait for it. Generous: at load 19 a healthy PostgreSQL took over 3 s to answer
# psql, and a false "unhealthy" fails tests; a timeout costs only while something is paused.
STATUS_TIMEOUT="${STATUS_TIMEOUT:-10}"

# The first "KEY": "string" of a JSON document on stdin (for the documents read here, the
# top-level one: they put it before any nested object). Never fails; empty when absent.
json_first() {
  local m
  m=$(grep -o "\"$1\": *\"[^\"]*\"") || return 0
  m=${m%%$'\n'*}; m=${m%\"}
  echo "${m##*\"}"
}

# The body of a GET (an error status's too: Quarkus says DOWN in a 503), bounded; fails without an answer.
status_get() { HTTP_TIMEOUT=$STATUS_TIMEOUT http "$1" 2>/dev/null; }
status_field() { local body; body=$(status_get "$1") || return 0; json_first "$2" <<<"$body"; }
status_has() { local body; body=$(status_get "$1") || return 1; grep -Eq "$2" <<<"$body"; }

# Kafka's Metadata request (v4: Kafka 4 dropped only v0-v3) for no topics, over bash's
# /dev/tcp: healthy = the broker answers with at least one live broker, what kafkajs's
# describeCluster checked, without a tsx process (1.1 s idle, 5 s at load 16).
kafka_metadata_ok() {
  local out corr count
  # size 20 | api key 3, version 4 | correlation id 7 | client id "stack" | 0 topics | no auto-create
  out=$(timeout "$STATUS_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x07\x00\x05stack\x00\x00\x00\x00\x00" >&3
    head -c 16 <&3 | od -An -tu4 --endian=big' "$STACK_HOST" "$KAFKA_PORT" 2>/dev/null) || return 1
  # the answer: size | correlation id | throttle ms | number of brokers
  read -r _ corr _ count <<<"$out"
  [[ "${corr:-}" == 7 && "${count:-0}" -ge 1 ]]
}

# Bounded psql on the stack's PostgreSQL (pgsql waits up to 120 s: right for setup, not here).
pg_probe() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT="$STATUS_TIMEOUT" timeout "$STATUS_TIMEOUT" \
    psql -h "$STACK_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt -c "$1" 2>/dev/null
}

# One row: COMPONENT VERSION PORT PID HEALTH.
status_row() {
  local c="$1" pid port=- ver=- health=down out
  pid=$(pid_of "$c" || echo -)
  if [[ $pid != - ]]; then
    health=unhealthy
    case "$c" in
      nats) ver=$(status_field "http://$STACK_HOST:$NATS_MONITOR_PORT/varz" version)
        status_has "http://$STACK_HOST:$NATS_MONITOR_PORT/healthz" '"status": *"ok"' && health=ok
        # The monitor indents its JSON ("name": "…"): the old pattern without the space never matched.
        status_has "http://$STACK_HOST:$NATS_MONITOR_PORT/jsz?accounts=true&streams=true" "\"name\": *\"$NATS_STREAM\"" \
          && health+=", stream $NATS_STREAM" ;;
      kafka) kafka_metadata_ok && health=ok ;;
      connect) status_has "$CONNECT_URL/connector-plugins" MariaDbConnector && health="ok, debezium $DEBEZIUM_VERSION" ;;
      schema-registry) ver=$(status_field "$APICURIO_API_URL/system/info" version)
        if [[ "$(status_field "http://$STACK_HOST:$SCHEMA_REGISTRY_PORT/health/ready" status)" == UP ]]; then
          out=$(status_get "$SCHEMA_REGISTRY_URL/subjects") || out=""
          if [[ "$out" == \[* ]]; then out=$(grep -o '"[^"]*"' <<<"$out" | wc -l); else out='?'; fi
          health="ok, $out subjects"
        fi ;;
      mariadb-*)
        # Answering over its socket is being healthy; a replica must also be replicating.
        if ver=$(timeout "$STATUS_TIMEOUT" mariadb --protocol=socket -S "$(mariadb_sock "$c")" -uroot \
          --connect-timeout="$STATUS_TIMEOUT" --batch --skip-column-names -e 'SELECT VERSION()' 2>/dev/null); then
          health=ok
          if [[ "$c" != mariadb-primary ]]; then
            if REPLICA_TIMEOUT=$STATUS_TIMEOUT replica_ok "$c"; then health+=", replicating"; else health+=", replication broken"; fi
          fi
        fi
        ver=${ver%%-*} ;;
      postgres) ver=$(pg_probe 'SHOW server_version') && health=ok; ver=${ver%% *} ;;
      debezium-server) health=$(status_field "$DEBEZIUM_SERVER_URL/q/health" status)
        health=${health:-unhealthy}
        [[ "$(pg_probe "SELECT active FROM pg_replication_slots WHERE slot_name = '$PG_SLOT'")" == t ]] && health+=", streaming" ;;
      consumers) health="ok, delay $(consumer_delay) ms" ;;
    esac
    ver=${ver:-?}
  fi
  case "$c" in
    nats) port=$NATS_PORT ;;
    kafka) port=$KAFKA_PORT; ver=$KAFKA_VERSION ;;
    connect) port=$CONNECT_PORT; ver=$KAFKA_VERSION ;;
    schema-registry) port=$SCHEMA_REGISTRY_PORT ;;
    mariadb-*) port=$(mariadb_port "$c") ;;
    postgres) port=$PG_PORT ;;
    debezium-server) port=$DEBEZIUM_SERVER_PORT; ver=$DEBEZIUM_SERVER_VERSION ;;
    consumers) ver=- ;;
  esac
  printf '%-20s %-16s %-7s %-8s %s\n' "$c" "$ver" "$port" "$pid" "$health"
}

# Every connector's row from one REST call (?expand=status) instead of one call and one
# node process per connector. Not listed by Connect: "missing"; no answer: "no answer"
# (to the healer, both are not RUNNING).
connector_rows() {
  local body states="" absent="no answer" c s
  if body=$(status_get "$CONNECT_URL/connectors?expand=status"); then
    absent=missing
    states=$(json 'Object.entries(j).map(([n, v]) => n + "=" + [v.status.connector.state, ...v.status.tasks.map((t) => t.state)].join(" ")).join("\n")' <<<"$body") || states=""
  fi
  for c in $CONNECTORS; do
    s=$(sed -n "s/^$c=//p" <<<"$states")
    printf '%-20s %-16s %-7s %-8s %s\n' "connector:$c" "$DEBEZIUM_VERSION" "$CONNECT_PORT" - "${s:-$absent}"
  done
}

cmd_status() {
  ensure_dirs
  local c fd fds=()
  # Each process substitution runs at once; reading them in order keeps the table's order.
  for c in $COMPONENTS; do
    exec {fd}< <(status_row "$c")
    fds+=("$fd")
  done
  if running connect; then
    exec {fd}< <(connector_rows)
    fds+=("$fd")
  fi
  printf '%-20s %-16s %-7s %-8s %s\n' COMPONENT VERSION PORT PID HEALTH
  for fd in "${fds[@]}"; do
    cat <&"$fd"
    exec {fd}<&-
  done
}
