#!/usr/bin/env bash
# Print a PostgreSQL *admin* URL (one that may CREATE/DROP DATABASE) for the test suite.
#
# Usage:   PG_URL="$(scripts/ensure-postgres.sh)"
#
# stdout:  only the URL, as the last (and only) line. Every log line goes to stderr.
# Order:
#   1. $ZCPS_TEST_PG_URL, if set and it answers `select 1` with a role allowed to create databases;
#   2. postgres://postgres@127.0.0.1:5432/postgres, if that answers (trust auth, as on our machines);
#   3. a throwaway cluster in <repo>/.tmp/pg (gitignored), started on a free port from 55432 up,
#      installing PostgreSQL with apt-get first when its binaries are missing and we are root.
#      It is reused while running (or restarted from its data dir) on later calls;
#      scripts/stop-postgres.sh stops it.
#
# Environment:
#   ZCPS_TEST_PG_URL          preferred admin URL (checked first)
#   ZCPS_PG_FORCE_THROWAWAY=1 skip steps 1 and 2 (to exercise the throwaway path)
#   ZCPS_PG_PORT              first port tried for the throwaway cluster (default 55432)
set -euo pipefail

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
die()  { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_HOME="$REPO/.tmp/pg"            # state file, lock and log live here
STATE_FILE="$PG_HOME/state"        # read by stop-postgres.sh
LOCAL_URL="postgres://postgres@127.0.0.1:5432/postgres"
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-3}"

is_root() { [[ "$(id -u)" == 0 ]]; }

apt_install() {
  # apt-get update first: on a fresh machine the package lists may be missing or stale.
  is_root || die "need to install Debian packages ($*) but not running as root; install them first"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || die "apt-get update failed"
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >&2 \
    || die "apt-get install $* failed"
}

ensure_psql() {
  command -v psql >/dev/null 2>&1 && return 0
  log "psql not found: installing postgresql-client"
  apt_install postgresql-client
  command -v psql >/dev/null 2>&1 || die "psql still missing after installing postgresql-client"
}

# usable_admin_url URL -> 0 when URL answers and its role may create databases (superuser or CREATEDB).
usable_admin_url() {
  local url="$1" out
  out="$(timeout 10 psql -w -X -At -d "$url" \
           -c "select rolsuper or rolcreatedb from pg_roles where rolname = current_user" 2>/dev/null)" \
    || return 1
  [[ "$out" == "t" ]]
}

redact() { sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#' <<<"$1"; }

# ---------------------------------------------------------------- 1 and 2: existing servers
if [[ "${ZCPS_PG_FORCE_THROWAWAY:-0}" == 1 ]]; then
  log "ZCPS_PG_FORCE_THROWAWAY=1: not probing ZCPS_TEST_PG_URL or 127.0.0.1:5432"
else
  ensure_psql
  if [[ -n "${ZCPS_TEST_PG_URL:-}" ]]; then
    log "checking ZCPS_TEST_PG_URL ($(redact "$ZCPS_TEST_PG_URL"))"
    if usable_admin_url "$ZCPS_TEST_PG_URL"; then
      log "using ZCPS_TEST_PG_URL"
      printf '%s\n' "$ZCPS_TEST_PG_URL"
      exit 0
    fi
    warn "ZCPS_TEST_PG_URL does not answer (or its role cannot create databases); trying $LOCAL_URL"
  fi
  log "checking $LOCAL_URL"
  if usable_admin_url "$LOCAL_URL"; then
    log "using the PostgreSQL on 127.0.0.1:5432"
    printf '%s\n' "$LOCAL_URL"
    exit 0
  fi
  warn "nothing usable on 127.0.0.1:5432 as user postgres (trust); starting a throwaway cluster"
fi

# ---------------------------------------------------------------- 3: throwaway cluster
find_pg_bindir() {
  local d
  # Highest installed major version first, then /usr/local/bin.
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -Vr) /usr/local/bin; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      printf '%s\n' "$d"
      return 0
    fi
  done
  return 1
}

mkdir -p "$PG_HOME"
# One caller at a time (parallel make targets): the lock is released when this script exits.
exec 9>"$PG_HOME/.lock"
flock -w 120 9 || die "timed out waiting for the lock on $PG_HOME/.lock"

if ! BINDIR="$(find_pg_bindir)"; then
  log "initdb/pg_ctl not found in /usr/lib/postgresql/*/bin or /usr/local/bin: installing postgresql"
  apt_install postgresql
  BINDIR="$(find_pg_bindir)" || die "initdb/pg_ctl still not found after apt-get install postgresql"
fi
log "PostgreSQL binaries: $BINDIR ($("$BINDIR/pg_ctl" --version))"
ensure_psql

# PostgreSQL refuses to run as root: use the `postgres` system user (created by the Debian
# package), or create a dedicated one when it does not exist.
RUNAS=""
if is_root; then
  if id -u postgres >/dev/null 2>&1; then
    RUNAS=postgres
  else
    RUNAS=zcps-pg
    if ! id -u "$RUNAS" >/dev/null 2>&1; then
      log "creating system user $RUNAS to run the throwaway cluster"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$RUNAS" >&2 \
        || die "useradd $RUNAS failed"
    fi
  fi
fi
# `9>&-`: the server must not inherit the lock fd, or it would hold the lock for its lifetime.
as_pg() {
  if [[ -n "$RUNAS" ]]; then runuser -u "$RUNAS" -- "$@" 9>&-; else "$@" 9>&-; fi
}

# Data and socket dirs live in .tmp/pg when the cluster's user can reach them; a repo under
# e.g. /root (mode 700) is not reachable by `postgres`, and a unix socket path must stay under
# ~100 bytes, so fall back to a per-repo directory under /tmp in those cases.
REPO_KEY="$(printf '%s' "$REPO" | md5sum | cut -c1-10)"
DATA_DIR="$PG_HOME/data"
SOCK_DIR="$PG_HOME/sock"
if [[ -n "$RUNAS" ]] && ! runuser -u "$RUNAS" -- test -x "$PG_HOME"; then
  warn "$RUNAS cannot reach $PG_HOME; keeping the cluster in /tmp/zcps-pg-$REPO_KEY instead"
  DATA_DIR="/tmp/zcps-pg-$REPO_KEY/data"
  SOCK_DIR="/tmp/zcps-pg-$REPO_KEY/sock"
fi
if (( ${#SOCK_DIR} + 20 > 100 )); then
  SOCK_DIR="/tmp/zcps-pg-$REPO_KEY/sock"
fi
LOG_FILE="$(dirname "$DATA_DIR")/postgres.log"
mkdir -p "$DATA_DIR" "$SOCK_DIR"
chmod 700 "$DATA_DIR"
if [[ -n "$RUNAS" ]]; then
  chown "$RUNAS" "$DATA_DIR" "$SOCK_DIR" "$(dirname "$DATA_DIR")"
fi

write_state() {
  cat >"$STATE_FILE" <<EOF
BINDIR=$BINDIR
DATA_DIR=$DATA_DIR
SOCK_DIR=$SOCK_DIR
RUNAS=$RUNAS
PORT=$1
EOF
}

# Already running? Reuse it.
if as_pg "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DATA_DIR/postmaster.pid")"
  URL="postgres://postgres@127.0.0.1:$PORT/postgres"
  if usable_admin_url "$URL"; then
    write_state "$PORT"
    log "throwaway cluster already running on port $PORT ($DATA_DIR)"
    printf '%s\n' "$URL"
    exit 0
  fi
  warn "a cluster runs in $DATA_DIR but $URL does not answer; restarting it"
  as_pg "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2 || die "could not stop the cluster in $DATA_DIR"
fi

if [[ ! -s "$DATA_DIR/PG_VERSION" ]]; then
  log "initdb into $DATA_DIR (trust auth, superuser postgres)"
  as_pg "$BINDIR/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    --no-sync >"$LOG_FILE.initdb" 2>&1 \
    || { cat "$LOG_FILE.initdb" >&2; die "initdb failed (log above)"; }
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${ZCPS_PG_PORT:-55432}"
for _ in $(seq 1 50); do
  port_busy "$PORT" || break
  PORT=$((PORT + 1))
done
port_busy "$PORT" && die "no free port found from ${ZCPS_PG_PORT:-55432} to $PORT"

log "starting throwaway cluster on 127.0.0.1:$PORT (socket dir $SOCK_DIR, log $LOG_FILE)"
# fsync and friends off: a test database only, speed matters more than crash safety.
PG_OPTS="-p $PORT -k '$SOCK_DIR' -c listen_addresses=127.0.0.1 -c fsync=off"
PG_OPTS+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
if ! as_pg "$BINDIR/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -o "$PG_OPTS" -w -t 60 start >&2; then
  tail -n 30 "$LOG_FILE" >&2 || true
  die "pg_ctl start failed (last lines of $LOG_FILE above)"
fi
write_state "$PORT"

URL="postgres://postgres@127.0.0.1:$PORT/postgres"
for _ in $(seq 1 60); do
  if usable_admin_url "$URL"; then
    log "throwaway cluster ready: $URL (stop it with scripts/stop-postgres.sh)"
    printf '%s\n' "$URL"
    exit 0
  fi
  sleep 0.5
done
tail -n 30 "$LOG_FILE" >&2 || true
die "throwaway cluster started but $URL does not answer"
