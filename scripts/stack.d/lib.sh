# shellcheck shell=bash
# Process bookkeeping shared by every component: each one is started in its own session
# (setsid) so that its pid is also its process group, which lets `down` stop it with
# all of its children by pid alone, and never touches a process the stack did not start.

RUN="$STACK_HOME/run"
LOGS="$STACK_HOME/logs"
DATA="$STACK_HOME/data"
JARS="$STACK_HOME/jars"
# Overridable for machines with several JDKs (and for the tests of the missing-Java error).
JAVA="${STACK_JAVA:-java}"

log() { printf '%s stack: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# One line on stderr, then exit: a misconfigured machine gets a diagnosis, not a trace.
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

ensure_dirs() { mkdir -p "$RUN" "$LOGS" "$DATA" "$JARS"; }

# A pid counts as ours only if it is alive and its command line mentions this stack's
# folder or scripts: a recycled pid of an unrelated process must never be signalled.
is_ours() {
  local pid="$1" cmd
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$STACK_HOME"* || "$cmd" == *"$STACK_ROOT/scripts/stack.d"* ]]
}

pid_of() {
  local f="$RUN/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid=$(<"$f")
  is_ours "$pid" && { echo "$pid"; return 0; }
  return 1
}

running() { pid_of "$1" >/dev/null; }

# Pids spawned by this very shell, by component name: our own children, so their liveness
# can be checked without is_ours (see alive_spawned).
declare -A SPAWNED=()

# alive_spawned NAME: is the component still running? For a child this shell spawned,
# alive = its /proc entry exists and is not a zombie, whatever its command line: on a
# loaded machine the forked shell may not have exec'd yet (it still shows `scripts/stack
# up`), and is_ours would call that live child dead. Otherwise fall back to the pid file.
alive_spawned() {
  local pid="${SPAWNED[$1]:-}" stat
  [[ -n "$pid" ]] || { running "$1"; return; }
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ ! "$stat" =~ ^[0-9]+\ \(.*\)\ Z ]]
}

# How a spawned child ended, into EXIT_HOW ("exit status N" / "killed by SIGX"), for error
# messages; empty for a process this shell did not start (only its parent can read the
# status, hence a variable: a $(...) subshell is not the parent).
exit_status() {
  local pid="${SPAWNED[$1]:-}" rc=0
  EXIT_HOW=""
  [[ -n "$pid" ]] || return 0
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc > 128)); then EXIT_HOW="killed by SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))"
  else EXIT_HOW="exit status $rc"; fi
}

# spawn NAME CMD...: start CMD detached, stdout+stderr to logs/NAME.log, pid to run/NAME.pid.
spawn() {
  local name="$1"; shift
  printf '\n===== %s start %s =====\n' "$name" "$(date -Is)" >>"$LOGS/$name.log"
  # fd 9 is the stack lock (take_lock): a daemon inheriting it would hold the lock forever.
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
  local pid=$! i
  echo "$pid" >"$RUN/$name.pid"
  SPAWNED[$name]=$pid
  # Until the forked shell has exec'd, its command line is still ours-less: give it a
  # moment, so that a liveness check right after spawn does not see a "dead" process.
  for ((i = 0; i < 40; i++)); do is_ours "$pid" && break; sleep 0.05; done
}

# A process's start time (field 22 of /proc/PID/stat), empty when it is gone: with the pid,
# it names one process even after the pid is recycled.
proc_start() {
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  read -ra f <<<"$stat"
  echo "${f[19]:-}"
}

# Still exiting: the process STARTED at that time exists and is not yet a zombie, or its
# leader is one but other threads are still dying. Its command line empties (so is_ours
# says no) as soon as its memory is released, but its files and sockets close only after
# that: a killed JVM was seen holding its HTTP port with an empty command line, and the
# next start found the port taken. (A zombie nobody reaps is gone for this purpose: this
# machine's pid 1 does not reap orphans.)
exiting() {
  local pid="$1" started="$2" stat t
  [[ -n "$started" && "$(proc_start "$pid")" == "$started" ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ "$stat" =~ ^[0-9]+\ \(.*\)\ Z ]] || return 0
  for t in "/proc/$pid/task/"*; do [[ "${t##*/}" == "$pid" || ! -e "$t" ]] || return 0; done
  return 1
}

# stop_pid NAME PID [SIGNAL] [TIMEOUT]: signal the whole group, escalate to KILL; returns
# once the process is gone for good (exited, its files closed), never while it is exiting.
stop_pid() {
  local name="$1" pid="$2" sig="${3:-TERM}" timeout="${4:-30}" i j started
  started=$(proc_start "$pid")
  kill -"$sig" -- "-$pid" 2>/dev/null || kill -"$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    if ! is_ours "$pid"; then
      kill -KILL -- "-$pid" 2>/dev/null || true
      for ((j = 0; j < 50; j++)); do exiting "$pid" "$started" || return 0; sleep 0.1; done
      log "$name (pid $pid) still exiting after 5 s"
      return 0
    fi
    sleep 0.2
  done
  log "$name (pid $pid) ignored SIG$sig for ${timeout}s: killing it"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do exiting "$pid" "$started" || return 0; sleep 0.1; done
}

stop_component() {
  local name="$1" sig="${2:-TERM}" timeout="${3:-30}" pid
  if pid=$(pid_of "$name"); then
    log "stopping $name (pid $pid)"
    stop_pid "$name" "$pid" "$sig" "$timeout"
  fi
  unset 'SPAWNED[$name]'
  rm -f "$RUN/$name.pid"
}

tcp_open() { (exec 3<>"/dev/tcp/$STACK_HOST/$1") 2>/dev/null; }

# Who holds a TCP port, as "pid (command)"; empty when nobody listens.
port_holder() {
  local line pid
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null | head -1)
  [[ -n "$line" ]] || return 0
  # No pid: the socket's owner is exiting (its files are being closed), see exiting().
  pid=$(grep -o 'pid=[0-9]*' <<<"$line" | head -1 | cut -d= -f2 || true)
  if [[ -n "$pid" ]]; then echo "$pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80))"
  else echo "an exiting process"; fi
}

# The stack's ports lie inside Linux's ephemeral range (32768-60999): any process's outgoing
# connection may get one of them as its local port, and while that connection lives no server
# can listen there (seen: Debezium Server refused 38080 for over a minute after a fault storm,
# with nothing listening on it). Where we may (root), take them out of the ephemeral range;
# the setting is the kernel's and lasts until reboot. Elsewhere, say once how to do it.
reserve_ports() {
  local f=/proc/sys/net/ipv4/ip_local_reserved_ports have want
  want="$NATS_PORT,$NATS_MONITOR_PORT,$KAFKA_PORT,$KAFKA_CONTROLLER_PORT,$CONNECT_PORT,$SCHEMA_REGISTRY_PORT"
  want+=",$MARIADB_PRIMARY_PORT,$MARIADB_REPLICA_A_PORT,$MARIADB_REPLICA_B_PORT,$PG_PORT,$DEBEZIUM_SERVER_PORT"
  [[ -r "$f" ]] || return 0
  have=$(cat "$f")
  local p missing=0
  for p in ${want//,/ }; do port_reserved "$p" "$have" || missing=1; done
  ((missing)) || return 0
  if [[ -w "$f" ]] && echo "${have:+$have,}$want" >"$f" 2>/dev/null; then
    log "reserved the stack's ports from the kernel's ephemeral range (net.ipv4.ip_local_reserved_ports)"
  else
    log "warning: the stack's ports are in the ephemeral range; an outgoing connection may take one (as root: sysctl -w net.ipv4.ip_local_reserved_ports=$want)"
  fi
}

# port_reserved PORT LIST: whether PORT is in a kernel list like "3000,38080-38090".
port_reserved() {
  local r
  for r in ${2//,/ }; do
    if [[ "$r" == *-* ]]; then (($1 >= ${r%-*} && $1 <= ${r#*-})) && return 0
    else (($1 == r)) && return 0; fi
  done
  return 1
}

# Fail before starting NAME if its port is held by anything that is not this stack.
require_port_free() {
  local name="$1" port="$2" holder pid i
  holder=$(port_holder "$port")
  # A socket whose process is exiting closes within moments: wait for it (up to 10 s).
  for ((i = 0; i < 50; i++)); do
    [[ "$holder" == "an exiting process" ]] || break
    sleep 0.2; holder=$(port_holder "$port")
  done
  [[ -z "$holder" ]] && return 0
  [[ "$holder" == "an exiting process" ]] && die "port $port needed by $name is still held by a process that has been exiting for 10 s; retry in a moment"
  pid=${holder%% *}
  # Called only for a component that has no live pid file: a holder that points into
  # .stack/ is a stack process orphaned by a deleted .stack/run (`down` adopts those).
  is_ours "$pid" && die "port $port needed by $name is held by stack process $holder that has no pid file (was $STACK_DIR/ deleted under a running stack?): run scripts/stack down, then up"
  die "port $port needed by $name is taken by pid $holder; stop that process or free the port, then rerun scripts/stack up"
}

# wait_for TIMEOUT WHAT LOGNAME CMD...: poll CMD until it succeeds; never wait forever.
wait_for() {
  local timeout="$1" what="$2" logname="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      die "$what not ready after ${timeout}s; see $STACK_DIR/logs/$logname.log ($(tail -n 1 "$LOGS/$logname.log" 2>/dev/null | cut -c1-160))"
    fi
    if [[ -n "${WAIT_PIDNAME:-}" ]] && ! alive_spawned "$WAIT_PIDNAME"; then
      # The caller retries some deaths itself (see dbz_server_wait) and dies through a second call.
      [[ -n "${WAIT_RETURN_ON_EXIT:-}" ]] && return 3
      exit_status "$WAIT_PIDNAME"
      # The log's last lines say why; they go to stderr above the one error line.
      tail -n 8 "$LOGS/$logname.log" 2>/dev/null | cut -c1-200 | sed 's/^/  | /' >&2 || true
      die "$WAIT_PIDNAME exited${EXIT_HOW:+ ($EXIT_HOW)} while waiting for $what; see $STACK_DIR/logs/$logname.log (last lines above)"
    fi
    sleep 0.5
  done
}

# JSON field by a JS expression on `j`, without depending on jq being installed.
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s);const v=eval(process.argv[1]);process.stdout.write(v===undefined?"":typeof v==="object"?JSON.stringify(v):String(v))}catch{process.exit(1)}})' "$1"; }

http() { curl -sS --max-time "${HTTP_TIMEOUT:-10}" "$@"; }

tsx_run() { "$STACK_ROOT/node_modules/.bin/tsx" "$@"; }

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
