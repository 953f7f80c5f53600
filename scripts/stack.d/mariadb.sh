# shellcheck shell=bash
# MariaDB primary and two GTID replicas. Every server writes a ROW/FULL binlog and the
# replicas log what they apply (log_slave_updates), so a change made on the primary
# reaches each replica's binlog under the same GTID: that is what lets the two connectors'
# events be matched one to one.

MARIADB_NODES="mariadb-primary mariadb-replica-a mariadb-replica-b"

mariadb_port() {
  case "$1" in
    mariadb-primary) echo "$MARIADB_PRIMARY_PORT" ;;
    mariadb-replica-a) echo "$MARIADB_REPLICA_A_PORT" ;;
    mariadb-replica-b) echo "$MARIADB_REPLICA_B_PORT" ;;
  esac
}

mariadb_sock() { echo "$RUN/$1.sock"; }

mariadb_write_cnf() {
  local node="$1" sid
  case "$node" in mariadb-primary) sid=1 ;; mariadb-replica-a) sid=2 ;; *) sid=3 ;; esac
  local sock; sock=$(mariadb_sock "$node")
  ((${#sock} < 100)) || die "socket path $sock is too long for a unix socket: move the checkout to a shorter path"
  cat >"$RUN/conf/$node.cnf" <<EOF
[mariadbd]
datadir=$DATA/$node
port=$(mariadb_port "$node")
bind-address=$STACK_HOST
socket=$sock
tmpdir=$RUN/tmp/$node
pid-file=$RUN/$node.mariadbd.pid
log-error=$LOGS/$node.log
server_id=$sid
log_bin=binlog
binlog_format=ROW
binlog_row_image=FULL
log_slave_updates=ON
gtid_domain_id=0
gtid_strict_mode=ON
expire_logs_days=1
skip-name-resolve
performance_schema=OFF
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
max_connections=100
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
event_scheduler=$([[ "$node" == mariadb-primary ]] && echo ON || echo OFF)
EOF
}

# SQL as root over the node's own socket (root has no TCP account).
msql() {
  local node="$1"; shift
  timeout 90 mariadb --protocol=socket -S "$(mariadb_sock "$node")" -uroot --connect-timeout=5 --batch --skip-column-names "$@"
}

mariadb_healthy() { msql "$1" -e 'SELECT 1' >/dev/null 2>&1; }

mariadb_start() {
  local node="$1"
  running "$node" && return 0
  # Each instance its own tmpdir: the three initialise at once, and in a shared /tmp one's bootstrap lost its
  # temporary tables to another's (mariadb-install-db: "Unknown table 'mysql.tmp_user_sys'").
  mkdir -p "$RUN/conf" "$RUN/tmp/$node"; mariadb_write_cnf "$node"
  require_port_free "$node" "$(mariadb_port "$node")"
  if [[ ! -d "$DATA/$node/mysql" ]]; then
    rm -rf "$DATA/$node"; mkdir -p "$DATA/$node"
    timeout 120 mariadb-install-db --defaults-file="$RUN/conf/$node.cnf" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >>"$LOGS/$node.log" 2>&1 || die "mariadb-install-db failed for $node; see $STACK_DIR/logs/$node.log"
  fi
  log "starting $node on $STACK_HOST:$(mariadb_port "$node")"
  spawn "$node" /usr/sbin/mariadbd --defaults-file="$RUN/conf/$node.cnf" --user=root
  return 0
}

mariadb_wait() { WAIT_PIDNAME="$1" wait_for "${2:-60}" "$1" "$1" mariadb_healthy "$1"; }

replica_ok() {
  local st; st=$(timeout "${REPLICA_TIMEOUT:-10}" mariadb --protocol=socket -S "$(mariadb_sock "$1")" -uroot --connect-timeout=5 -e 'SHOW SLAVE STATUS\G' 2>/dev/null) || return 1
  grep -q 'Slave_IO_Running: Yes' <<<"$st" && grep -q 'Slave_SQL_Running: Yes' <<<"$st"
}

# First boot only (marker file): users, schema and seed rows go in on the primary after
# both replicas are attached at an empty GTID position, so they arrive everywhere through
# replication and every binlog agrees from the very first transaction.
mariadb_setup() {
  local marker="$DATA/mariadb-primary/.stack-initialized" node pos
  if [[ -f "$marker" ]]; then mariadb_heartbeat; mariadb_outbox; return 0; fi
  log "initialising mariadb replication and the $MARIADB_DATABASE database"
  for node in $MARIADB_NODES; do msql "$node" -e 'RESET MASTER' || die "RESET MASTER failed on $node"; done
  msql mariadb-primary <<SQL || die "creating users on the primary failed"
CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY 'repl';
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';
CREATE USER IF NOT EXISTS '$MARIADB_CDC_USER'@'%' IDENTIFIED BY '$MARIADB_CDC_PASSWORD';
GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR, REPLICA MONITOR ON *.* TO '$MARIADB_CDC_USER'@'%';
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'%' IDENTIFIED BY '$MARIADB_PASSWORD';
GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';
SQL
  for node in mariadb-replica-a mariadb-replica-b; do
    msql "$node" <<SQL || die "attaching $node to the primary failed"
STOP SLAVE;
SET GLOBAL gtid_slave_pos = '';
CHANGE MASTER TO MASTER_HOST='$STACK_HOST', MASTER_PORT=$MARIADB_PRIMARY_PORT, MASTER_USER='repl',
  MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
START SLAVE;
SQL
  done
  msql mariadb-primary <"$STACK_ROOT/scripts/stack.d/sql/mariadb-inventory.sql" || die "loading the inventory schema into the primary failed"
  mariadb_heartbeat; mariadb_outbox
  pos=$(msql mariadb-primary -e 'SELECT @@gtid_binlog_pos')
  for node in mariadb-replica-a mariadb-replica-b; do
    [[ "$(msql "$node" -e "SELECT MASTER_GTID_WAIT('$pos', 60)")" == 0 ]] \
      || die "$node did not catch up with the primary (GTID $pos) in 60s; see $STACK_DIR/logs/$node.log"
  done
  touch "$marker"
}

mariadb_heartbeat() {
  msql mariadb-primary <"$STACK_ROOT/scripts/stack.d/sql/mariadb-heartbeat.sql" || die "creating the heartbeat event on the primary failed"
  msql mariadb-primary -e 'SET GLOBAL event_scheduler = ON'
}

# Only when missing: a CREATE ... IF NOT EXISTS is binlogged even when it does nothing,
# and every connector would record that no-op DDL on every `up`.
mariadb_outbox() {
  local have
  have=$(msql mariadb-primary -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$MARIADB_DATABASE' AND table_name = 'outbox'") \
    || die "checking for the outbox table on the primary failed"
  [[ "$have" == 1 ]] && return 0
  msql mariadb-primary <"$STACK_ROOT/scripts/stack.d/sql/mariadb-outbox.sql" || die "creating $OUTBOX_TABLE on the primary failed"
}

mariadb_version() { msql "$1" -e 'SELECT VERSION()' 2>/dev/null || echo '?'; }
