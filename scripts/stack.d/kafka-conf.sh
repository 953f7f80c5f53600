# shellcheck shell=bash
# The configuration of a one-node KRaft Kafka (broker and controller in one process), shared
# by the stack's Kafka (kafka.sh) and a bench's private one (bench/private-kafka.sh), so the
# two cannot drift apart. Pure: prints to stdout, reads only KAFKA_VERSION and its arguments.

# kafka_log4j2_conf ROOT_LEVEL: console logging only (the caller sends stdout to a log file).
kafka_log4j2_conf() {
  cat <<EOF
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $1
rootLogger.appenderRef.stdout.ref = STDOUT
EOF
}

# kafka_server_conf HOST PORT CONTROLLER_PORT LOG_DIR: server.properties without tuning;
# the caller appends its own (offsets.topic.num.partitions, group.initial.rebalance.delay.ms…).
# Kafka 3.x names its controller by voters and has no share groups.
kafka_server_conf() {
  local host="$1" port="$2" cport="$3" dir="$4"
  local quorum="controller.quorum.bootstrap.servers=$host:$cport"
  [[ "$KAFKA_VERSION" == 3.* ]] && quorum="controller.quorum.voters=1@$host:$cport"
  cat <<EOF
process.roles=broker,controller
node.id=1
$quorum
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$cport
advertised.listeners=PLAINTEXT://$host:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
EOF
  [[ "$KAFKA_VERSION" == 3.* ]] || printf '%s\n' share.coordinator.state.topic.replication.factor=1 share.coordinator.state.topic.min.isr=1
}
