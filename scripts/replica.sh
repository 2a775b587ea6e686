#!/usr/bin/env bash
# A local streaming replica of the PostgreSQL 15 cluster at 127.0.0.1:5432, for rehearsing
# DATABASE_REPLICA_URL (docs/deploying.md, "Bản sao chỉ đọc / A read replica").
#
#   scripts/replica.sh start    # allow replication from 127.0.0.1 (once), base backup, start on port 5433
#   scripts/replica.sh status   # the primary's view of the stream and the replica's lag
#   scripts/replica.sh stop     # stop the replica (its folder stays, `start` resumes it)
#   scripts/replica.sh remove   # stop it and delete its folder
#
# Environment: REPLICA_DIR (default /tmp/cchc-replica), REPLICA_PORT (5433), PRIMARY_HBA (the primary's
# pg_hba.conf, default /etc/postgresql/15/main/pg_hba.conf), PG_BIN (/usr/lib/postgresql/15/bin).
# The primary is reached as user postgres without a password (trust), as on the project's machines.
# `start` adds one line to the primary's pg_hba.conf if no replication line is there yet,
#     host replication postgres 127.0.0.1/32 trust
# and reloads the primary's configuration (pg_reload_conf(); no restart). The replica runs as the
# postgres system user when started by root (PostgreSQL refuses to run as root).
set -euo pipefail

REPLICA_DIR=${REPLICA_DIR:-/tmp/cchc-replica}
REPLICA_PORT=${REPLICA_PORT:-5433}
PRIMARY_HBA=${PRIMARY_HBA:-/etc/postgresql/15/main/pg_hba.conf}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
HBA_LINE="host replication postgres 127.0.0.1/32 trust"
PRIMARY=(-h 127.0.0.1 -p 5432 -U postgres)

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

primary_setting() {
    psql "${PRIMARY[@]}" -d postgres -Atc "SHOW $1"
}

allow_replication() {
    if grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]' "$PRIMARY_HBA"; then
        echo "pg_hba.conf already allows replication: unchanged"
    else
        echo "$HBA_LINE" >>"$PRIMARY_HBA"
        psql "${PRIMARY[@]}" -d postgres -Atc "SELECT pg_reload_conf()" >/dev/null
        echo "pg_hba.conf: added '$HBA_LINE' and reloaded the primary"
    fi
}

start() {
    allow_replication
    if [ ! -f "$REPLICA_DIR/standby.signal" ]; then
        rm -rf "$REPLICA_DIR"
        mkdir -p "$REPLICA_DIR"
        chmod 700 "$REPLICA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$REPLICA_DIR"
        echo "base backup of 127.0.0.1:5432 into $REPLICA_DIR …"
        as_pg pg_basebackup "${PRIMARY[@]}" -D "$REPLICA_DIR" -R -X stream -c fast
        # Debian keeps the primary's configuration in /etc: the replica gets its own. A hot standby needs
        # these limits at least as high as the primary's.
        as_pg tee "$REPLICA_DIR/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
hot_standby_feedback = on
max_connections = $(primary_setting max_connections)
max_worker_processes = $(primary_setting max_worker_processes)
max_wal_senders = $(primary_setting max_wal_senders)
max_prepared_transactions = $(primary_setting max_prepared_transactions)
max_locks_per_transaction = $(primary_setting max_locks_per_transaction)
shared_buffers = 128MB
logging_collector = off
EOF
        as_pg tee "$REPLICA_DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1; then
        echo "replica already running on port $REPLICA_PORT"
    else
        as_pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w start >/dev/null
        echo "replica started on 127.0.0.1:$REPLICA_PORT (log: $REPLICA_DIR/replica.log)"
    fi
    status
}

status() {
    psql "${PRIMARY[@]}" -d postgres -c \
        "SELECT client_addr, state, sent_lsn, replay_lsn, replay_lag FROM pg_stat_replication"
    psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -c \
        "SELECT pg_is_in_recovery() AS standby, pg_last_xact_replay_timestamp() AS last_replayed_commit,
                now() - pg_last_xact_replay_timestamp() AS behind_by_at_most"
}

stop() {
    if [ -d "$REPLICA_DIR" ] && as_pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null
        echo "replica stopped"
    else
        echo "replica not running"
    fi
}

case "${1:-}" in
    start) start ;;
    status) status ;;
    stop) stop ;;
    remove) stop; rm -rf "$REPLICA_DIR"; echo "removed $REPLICA_DIR" ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
