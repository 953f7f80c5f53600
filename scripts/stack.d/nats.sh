# shellcheck shell=bash
# NATS with JetStream (the stack's own server on 34222, not the machine's 4222) and
# Debezium Server streaming PostgreSQL into it. The stream is created by the stack, not
# by the sink: the sink's create-stream only knows a fixed name before 3.5 and fails when
# the stream already exists with other settings, and a stack-made stream has file storage
# and also takes the heartbeat subject, which `*.*.*` would not match.

nats_start() {
  running nats && return 0
  require_port_free nats "$NATS_PORT"; require_port_free nats-monitor "$NATS_MONITOR_PORT"
  mkdir -p "$DATA/nats"
  log "starting nats-server on $NATS_URL"
  NATS_RESTARTED=1
  spawn nats nats-server -a "$STACK_HOST" -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" -js -sd "$DATA/nats" -n cdcscope-stack
}

nats_healthy() { http "http://$STACK_HOST:$NATS_MONITOR_PORT/healthz" | grep -q ok; }
nats_wait() { WAIT_PIDNAME=nats wait_for "${1:-30}" "nats on $NATS_URL" nats nats_healthy; }
nats_version() { http "http://$STACK_HOST:$NATS_MONITOR_PORT/varz" 2>/dev/null | json 'j.version' || echo '?'; }

stream_ensure() {
  tsx_run "$STACK_ROOT/scripts/stack.d/probe.ts" ensure-stream >>"$LOGS/nats.log" 2>&1 \
    || die "could not create JetStream stream $NATS_STREAM on $NATS_URL; see $STACK_DIR/logs/nats.log"
}
stream_exists() { http "http://$STACK_HOST:$NATS_MONITOR_PORT/jsz?accounts=true&streams=true" | grep -q "\"name\":\"$NATS_STREAM\""; }

dbz_server_conf() {
  local dir="$DATA/debezium-server"; mkdir -p "$dir/config"
  cat >"$dir/config/application.properties" <<EOF
debezium.sink.type=nats-jetstream
debezium.sink.nats-jetstream.url=$NATS_URL
debezium.sink.nats-jetstream.create-stream=false
debezium.sink.nats-jetstream.stream-name=$NATS_STREAM
debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector
debezium.source.offset.storage.file.filename=$dir/offsets.dat
debezium.source.offset.flush.interval.ms=1000
debezium.source.database.hostname=$STACK_HOST
debezium.source.database.port=$PG_PORT
debezium.source.database.user=$PG_USER
debezium.source.database.password=$PG_PASSWORD
debezium.source.database.dbname=$PG_DATABASE
debezium.source.topic.prefix=$PG_TOPIC_PREFIX
debezium.source.schema.include.list=$PG_SCHEMA
debezium.source.plugin.name=pgoutput
debezium.source.slot.name=$PG_SLOT
debezium.source.slot.max.retries=30
debezium.source.slot.retry.delay.ms=2000
debezium.source.retriable.restart.connector.wait.ms=2000
debezium.source.publication.name=$PG_PUBLICATION
debezium.source.publication.autocreate.mode=filtered
debezium.source.provide.transaction.metadata=true
debezium.source.heartbeat.interval.ms=5000
debezium.format.key=json
debezium.format.value=json
quarkus.http.host=$STACK_HOST
quarkus.http.port=$DEBEZIUM_SERVER_PORT
quarkus.log.level=INFO
quarkus.banner.enabled=false
quarkus.log.console.json.enabled=false
EOF
}

# Set by nats_start when it started a nats-server in this stack command.
NATS_RESTARTED=0

# After `start nats` started a nats-server: a Debezium Server the stack had running (its pid
# file is there; `stop` removes it) is replaced, or, if it already died of the lost
# connection, started again. Either way the PostgreSQL changes flow into the new server.
dbz_server_after_nats() {
  ((NATS_RESTARTED)) || return 0
  [[ -f "$RUN/debezium-server.pid" ]] || return 0
  running debezium-server || log "debezium-server died when nats went away: starting it again"
  dbz_server_start; dbz_server_wait
}

dbz_server_start() {
  # Its NATS sink connects once and never reconnects (the sink builds its connection with
  # noReconnect()): a Debezium Server that outlived a NATS restart fails on its next
  # publish and shuts down slowly, holding the replication slot meanwhile. Replace it at
  # once; kill -9 loses nothing (offsets on disk every second; at most that much is sent
  # again, at-least-once like any restart).
  if running debezium-server && ((NATS_RESTARTED)); then
    log "nats was restarted under debezium-server, whose NATS sink does not reconnect: restarting it"
    stop_component debezium-server KILL 10
  fi
  running debezium-server && return 0
  require_port_free debezium-server "$DEBEZIUM_SERVER_PORT"
  dbz_server_release_slot
  local java home; java=$(dbz_server_java); home=$(DBZ_SERVER_HOME)
  dbz_server_conf
  log "starting debezium-server $DEBEZIUM_SERVER_VERSION ($java) on $DEBEZIUM_SERVER_URL"
  # Quarkus reads config/application.properties from the working directory.
  # --add-opens: what the runner jar's manifest asks for; without it jboss-threads fails on
  # Java 24+ (seen at shutdown). Harmless on 17/21.
  (cd "$DATA/debezium-server" && spawn debezium-server "$java" -Xms128m -Xmx768m --add-opens java.base/java.lang=ALL-UNNAMED \
    -cp "$(ls "$home"/debezium-server-*runner.jar):$home/config/lib:$home/lib/*" io.debezium.server.Main)
}

# The slot is only ever held by our Debezium Server, and none runs when this is called: a
# walsender still holding it serves a connection that is gone or dying (a killed or
# crashed JVM PostgreSQL has not noticed yet, one still shutting down). The connector
# would retry until it is released (slot.max.retries × slot.retry.delay.ms); end it now.
dbz_server_release_slot() {
  running postgres || return 0
  local ended
  ended=$(pgsql -d "$PG_DATABASE" -c "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '$PG_SLOT' AND active_pid IS NOT NULL" 2>/dev/null) || return 0
  [[ "$ended" == t ]] && log "ended the stale walsender that still held replication slot $PG_SLOT"
  return 0
}

dbz_server_health() { http "$DEBEZIUM_SERVER_URL/q/health" 2>/dev/null | json 'j.status'; }

# "Streaming" = Quarkus reports UP and the PostgreSQL slot is held by the connector.
dbz_server_streaming() { [[ "$(dbz_server_health)" == UP ]] && postgres_slot_active; }
dbz_server_wait() {
  local what="debezium-server streaming from postgres" attempt
  for attempt in 1 2 3; do
    WAIT_PIDNAME=debezium-server WAIT_RETURN_ON_EXIT=1 wait_for "${1:-120}" "$what" debezium-server dbz_server_streaming && return 0
    # Quarkus could not bind its HTTP port although nothing listens there: a socket of a stack
    # that just went down holds it (seen on back-to-back downs and ups), or a connection got
    # it as its local port where reserve_ports could not take it out of the ephemeral range.
    tail -n 40 "$LOGS/debezium-server.log" 2>/dev/null | grep -q "seems to be in use" || break
    log "debezium-server could not bind port $DEBEZIUM_SERVER_PORT yet (held by: $(ss -tanpH "sport = :$DEBEZIUM_SERVER_PORT" 2>/dev/null | head -3 | tr -s ' ' | tr '\n' ';' | cut -c1-300)); retrying in 15 s"
    sleep 15
    dbz_server_start
  done
  # Not retried (or out of retries): the same wait again dies with the exit status and the log's last lines.
  WAIT_PIDNAME=debezium-server wait_for "${1:-120}" "$what" debezium-server dbz_server_streaming
}

# Forget the offsets so the next start takes a new snapshot (the slot is kept: it only
# holds the stream position, and the snapshot covers everything before it).
dbz_server_reset() {
  stop_component debezium-server
  rm -f "$DATA/debezium-server/offsets.dat"
  dbz_server_start; dbz_server_wait
  echo "debezium-server: offsets reset, re-snapshotting"
}
