#!/usr/bin/env bash
# A Kafka of the bench's own (one KRaft node) from the stack's jars, on its own ports and data
# folder, so a benchmark needs neither the stack nor its lock. `scripts/stack up` (or `jars`) must
# have fetched the jars once.
#
#   bash bench/private-kafka.sh start [port]   # default 49092 (controller: port + 1)
#   bash bench/private-kafka.sh stop [port]
#
# The first rebalance of a new consumer group waits 3 s for more members
# (group.initial.rebalance.delay.ms), so instances started together share the
# partitions from their first fetch (bench/cluster-ingest.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
verb="${1:-start}"
port="${2:-49092}"
cport=$((port + 1))
home="/tmp/cdcscope-bench-kafka-$port"
eval "$(bash scripts/stack env | grep -E '^(STACK_HOME|KAFKA_VERSION)=')"
jars="$STACK_HOME/jars/kafka-$KAFKA_VERSION"
java="${STACK_JAVA:-java}"
# shellcheck source=../scripts/stack.d/kafka-conf.sh
source scripts/stack.d/kafka-conf.sh

case "$verb" in
  stop)
    if [[ -f "$home/pid" ]] && kill -0 "$(cat "$home/pid")" 2>/dev/null; then
      kill "$(cat "$home/pid")"
      for _ in $(seq 1 60); do kill -0 "$(cat "$home/pid")" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -rf "$home"
    echo "private kafka on $port stopped"
    exit 0
    ;;
  start) ;;
  *) echo "usage: $0 start|stop [port]" >&2; exit 2 ;;
esac

[[ -d "$jars" ]] || { echo "no Kafka jars at $jars: run scripts/stack up (or scripts/stack jars) once" >&2; exit 1; }
if [[ -f "$home/pid" ]] && kill -0 "$(cat "$home/pid")" 2>/dev/null; then echo "private kafka already on $port"; exit 0; fi
mkdir -p "$home/data"
kafka_log4j2_conf WARN >"$home/log4j2.properties"
{
  kafka_server_conf 127.0.0.1 "$port" "$cport" "$home/data"
  printf '%s\n' offsets.topic.num.partitions=4 group.initial.rebalance.delay.ms=3000
} >"$home/server.properties"
opts=(-Dlog4j2.configurationFile="$home/log4j2.properties")
id=$("$java" -cp "$jars/*" "${opts[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
"$java" -cp "$jars/*" "${opts[@]}" kafka.tools.StorageTool format -t "$id" -c "$home/server.properties" --standalone >"$home/kafka.log" 2>&1
nohup "$java" -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true "${opts[@]}" -cp "$jars/*" kafka.Kafka "$home/server.properties" >>"$home/kafka.log" 2>&1 &
echo $! >"$home/pid"
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "private kafka on 127.0.0.1:$port (log: $home/kafka.log)"; exit 0; fi
  kill -0 "$(cat "$home/pid")" 2>/dev/null || { tail -20 "$home/kafka.log" >&2; exit 1; }
  sleep 0.5
done
echo "private kafka did not open $port within 60 s (log: $home/kafka.log)" >&2
exit 1
