# shellcheck shell=bash
# Kafka (one KRaft node that is both broker and controller) and Kafka Connect
# (distributed, one worker), run straight from the Maven jars with the main classes the
# upstream bin/ scripts use.

kafka_java_opts() {
  local conf="$RUN/conf"
  if [[ "$KAFKA_VERSION" == 3.* ]]; then
    echo "-Dlog4j.configuration=file:$conf/log4j.properties"
  else
    echo "-Dlog4j2.configurationFile=$conf/log4j2.properties"
  fi
}

write_kafka_conf() {
  local conf="$RUN/conf"; mkdir -p "$conf"
  # Console logging only: spawn() sends stdout to logs/<component>.log.
  {
    kafka_log4j2_conf INFO
    cat <<'EOF'
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
logger.offsets.name = org.apache.kafka.connect.runtime.WorkerSourceTask
logger.offsets.level = WARN
logger.rest.name = org.apache.kafka.connect.runtime.rest.RestServer
logger.rest.level = WARN
EOF
  } >"$conf/log4j2.properties"
  cat >"$conf/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.reflections=ERROR
log4j.logger.org.apache.kafka.connect.runtime.WorkerSourceTask=WARN
log4j.logger.org.apache.kafka.connect.runtime.rest.RestServer=WARN
EOF
  {
    kafka_server_conf "$STACK_HOST" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$DATA/kafka"
    printf '%s\n' offsets.topic.num.partitions=10 group.initial.rebalance.delay.ms=0 log.retention.hours=24
  } >"$conf/server.properties"
  cat >"$conf/connect.properties" <<EOF
bootstrap.servers=$KAFKA_BOOTSTRAP
group.id=$CONNECT_GROUP
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
config.storage.topic=connect-configs
offset.storage.topic=connect-offsets
status.storage.topic=connect-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.flush.interval.ms=1000
listeners=http://$STACK_HOST:$CONNECT_PORT
rest.advertised.host.name=$STACK_HOST
rest.advertised.port=$CONNECT_PORT
plugin.path=$(PLUGIN_DIR),$(CONVERTER_PLUGINS)
plugin.discovery=service_load
EOF
}

# Format once per data folder; a folder formatted by another Kafka version is wiped,
# because switching KAFKA_VERSION means a fresh cluster (connectors then re-snapshot).
kafka_format() {
  local dir="$DATA/kafka" id
  if [[ -f "$dir/meta.properties" && "$(cat "$dir/.stack-version" 2>/dev/null)" != "$KAFKA_VERSION" ]]; then
    log "kafka data was made by Kafka $(cat "$dir/.stack-version" 2>/dev/null || echo '?'): starting a fresh cluster for $KAFKA_VERSION"
    rm -rf "$dir"
  fi
  [[ -f "$dir/meta.properties" ]] && return 0
  mkdir -p "$dir"
  id=$(timeout 60 "$JAVA" -cp "$(KAFKA_JARS)/*" $(kafka_java_opts) kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log" | tail -1)
  local args=(format -t "$id" -c "$RUN/conf/server.properties")
  [[ "$KAFKA_VERSION" == 3.* ]] || args+=(--standalone)
  timeout 60 "$JAVA" -cp "$(KAFKA_JARS)/*" $(kafka_java_opts) kafka.tools.StorageTool "${args[@]}" >>"$LOGS/kafka.log" 2>&1 \
    || die "formatting Kafka storage failed; see $STACK_DIR/logs/kafka.log"
  echo "$KAFKA_VERSION" >"$dir/.stack-version"
}

kafka_start() {
  running kafka && return 0
  require_port_free kafka "$KAFKA_PORT"; require_port_free kafka-controller "$KAFKA_CONTROLLER_PORT"
  write_kafka_conf; kafka_format
  log "starting kafka $KAFKA_VERSION on $KAFKA_BOOTSTRAP"
  spawn kafka "$JAVA" -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true $(kafka_java_opts) \
    -cp "$(KAFKA_JARS)/*" kafka.Kafka "$RUN/conf/server.properties"
}

# A Metadata request over /dev/tcp (status.sh): a tsx process took 1-5 s a probe.
kafka_healthy() { kafka_metadata_ok; }
kafka_wait() { WAIT_PIDNAME=kafka wait_for "${1:-90}" "kafka on $KAFKA_BOOTSTRAP" kafka kafka_healthy; }

connect_start() {
  running connect && return 0
  require_port_free connect "$CONNECT_PORT"
  write_kafka_conf
  log "starting kafka connect on $CONNECT_URL"
  spawn connect "$JAVA" -Xms256m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true $(kafka_java_opts) \
    -cp "$(KAFKA_JARS)/*" org.apache.kafka.connect.cli.ConnectDistributed "$RUN/conf/connect.properties"
}

connect_healthy() { http "$CONNECT_URL/connector-plugins" | grep -q MariaDbConnector; }
# A worker started before the Avro converter was installed (a stack that kept running
# across the update that added it) has no such plugin, and avro_a would be refused.
connect_has_avro_converter() { http "$CONNECT_URL/connector-plugins?connectorsOnly=false" | grep -q 'utils.converter.AvroConverter'; }
connect_wait() { WAIT_PIDNAME=connect wait_for "${1:-150}" "kafka connect on $CONNECT_URL" connect connect_healthy; }
connect_version() { http "$CONNECT_URL/" 2>/dev/null | json 'j.version' || echo "$KAFKA_VERSION"; }
