# shellcheck shell=bash
# The stack's own PostgreSQL 15 cluster (never the machine's 5432). PostgreSQL refuses to
# run as root, so its data folder and log file belong to the postgres user and every
# server-side command runs through runuser.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA() { echo "$DATA/postgres"; }

as_pg() { runuser -u postgres -- "$@"; }
pgsql() { PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 timeout 120 psql -h "$STACK_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }

postgres_init() {
  local d; d=$(PG_DATA)
  [[ -f "$d/PG_VERSION" ]] && return 0
  rm -rf "$d"; mkdir -p "$d"; chown postgres: "$d"; chmod 700 "$d"
  local pw="$RUN/pg.pw"; echo "$PG_PASSWORD" >"$pw"; chown postgres: "$pw"
  as_pg timeout 120 "$PG_BIN/initdb" -D "$d" -U "$PG_USER" --pwfile="$pw" --auth-host=scram-sha-256 --auth-local=peer \
    -E UTF8 --locale=C.UTF-8 >>"$LOGS/postgres.log" 2>&1 || { rm -f "$pw"; die "initdb failed; see $STACK_DIR/logs/postgres.log"; }
  rm -f "$pw"
  echo "include_if_exists = 'stack.conf'" >>"$d/postgresql.conf"
}

# Regenerated on every start; no unix socket, so the checkout path length never matters.
postgres_conf() {
  as_pg tee "$(PG_DATA)/stack.conf" >/dev/null <<EOF
listen_addresses = '$STACK_HOST'
port = $PG_PORT
unix_socket_directories = ''
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_slot_wal_keep_size = '2GB'
shared_buffers = '64MB'
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
}

postgres_pid() { head -1 "$(PG_DATA)/postmaster.pid" 2>/dev/null || true; }

postgres_start() {
  running postgres && return 0
  require_port_free postgres "$PG_PORT"
  touch "$LOGS/postgres.log"; chown postgres: "$LOGS/postgres.log"
  postgres_init; postgres_conf
  # A postmaster.pid left by a kill -9 makes pg_ctl refuse to start; it is stale once
  # its pid is gone.
  local old; old=$(postgres_pid)
  [[ -n "$old" ]] && ! is_ours "$old" && rm -f "$(PG_DATA)/postmaster.pid"
  log "starting postgres on $STACK_HOST:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$(PG_DATA)" -l "$LOGS/postgres.log" -w -t 60 start >/dev/null 9>&- \
    || die "postgres did not start; see $STACK_DIR/logs/postgres.log ($(tail -n 1 "$LOGS/postgres.log" | cut -c1-160))"
  postgres_pid >"$RUN/postgres.pid"
}

postgres_healthy() { pgsql -d postgres -c 'SELECT 1' >/dev/null 2>&1; }

# Fast shutdown (SIGINT): the default smart one would wait for Debezium's replication
# connection forever.
postgres_stop() { stop_component postgres INT 60; }

postgres_setup() {
  local marker; marker="$(PG_DATA)/.stack-initialized"
  [[ -f "$marker" ]] && return 0
  log "creating database $PG_DATABASE with schema $PG_SCHEMA"
  pgsql -d postgres -c "CREATE DATABASE $PG_DATABASE" >/dev/null || die "creating database $PG_DATABASE failed"
  pgsql -d "$PG_DATABASE" -f "$STACK_ROOT/scripts/stack.d/sql/postgres-inventory.sql" >/dev/null \
    || die "loading the inventory schema into postgres failed"
  as_pg touch "$marker"
}

postgres_version() { pgsql -d postgres -c 'SHOW server_version' 2>/dev/null | cut -d' ' -f1 || echo '?'; }

postgres_slot_active() {
  [[ "$(pgsql -d "$PG_DATABASE" -c "SELECT active FROM pg_replication_slots WHERE slot_name = '$PG_SLOT'" 2>/dev/null)" == t ]]
}
