# shellcheck shell=bash
# The slow downstream consumers (Kafka group orders-service, JetStream durable
# orders-projection) run as one tsx process. Their per-message delay lives in a file that
# they re-read continuously, so lag can be grown and drained live without a restart.

consumer_delay() { cat "$STACK_ROOT/$CONSUMER_DELAY_FILE" 2>/dev/null || echo "$CONSUMER_DELAY_MS_DEFAULT"; }

consumers_start() {
  ensure_dirs
  [[ -f "$STACK_ROOT/$CONSUMER_DELAY_FILE" ]] || echo "$CONSUMER_DELAY_MS_DEFAULT" >"$STACK_ROOT/$CONSUMER_DELAY_FILE"
  running consumers && return 0
  log "starting consumers ($KAFKA_CONSUMER_GROUP on $KAFKA_CONSUMER_TOPIC, $JS_CONSUMER on $JS_CONSUMER_SUBJECT)"
  rm -f "$RUN/consumers.ready"
  spawn consumers "$STACK_ROOT/node_modules/.bin/tsx" "$STACK_ROOT/scripts/stack.d/consumers.ts"
  # Ready = both consumers joined (the process writes this file once they are subscribed).
  WAIT_PIDNAME=consumers wait_for 60 "consumers subscribed" consumers test -f "$RUN/consumers.ready"
}

consumers_cmd() {
  case "${1:-status}" in
    start) take_lock; consumers_start ;;
    stop) take_lock; stop_component consumers ;;
    status)
      if running consumers; then echo "consumers running (pid $(pid_of consumers)), delay $(consumer_delay) ms per message"
      else echo "consumers stopped, delay $(consumer_delay) ms per message"; fi
      [[ -f "$RUN/consumers.json" ]] && cat "$RUN/consumers.json" && echo ;;
    --delay-ms)
      [[ "${2:-}" =~ ^[0-9]+$ ]] || die "usage: scripts/stack consumers --delay-ms <non-negative integer>"
      ensure_dirs
      echo "$2" >"$STACK_ROOT/$CONSUMER_DELAY_FILE.tmp" && mv "$STACK_ROOT/$CONSUMER_DELAY_FILE.tmp" "$STACK_ROOT/$CONSUMER_DELAY_FILE"
      echo "consumer delay set to $2 ms per message" ;;
    *) die "usage: scripts/stack consumers start|stop|status|--delay-ms N" ;;
  esac
}
