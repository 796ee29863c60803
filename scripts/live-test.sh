#!/usr/bin/env bash
# Starts the built server on a free port over a fresh demo SQLite database, runs the
# Playwright journeys (e2e/) and the schemathesis contract tests against it; then starts it
# again over a fresh PostgreSQL database and runs the contract tests once more (NUL bytes and
# other input that only PostgreSQL refuses show up there).
# Usage: scripts/live-test.sh            (expects `make build` to have run)
# Environment: ZCPS_TEST_PG_URL — a PostgreSQL admin URL (default: scripts/ensure-postgres.sh)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
log() { printf '==> %s\n' "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
pg_admin=""
pg_db=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [[ -n "$pg_db" ]]; then
    psql -w -X -q -d "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# start_server NAME DATABASE_URL -> sets $base
start_server() {
  local name="$1" db_url="$2" port work pid
  port=$(free_port)
  base="http://127.0.0.1:$port"
  work="$REPO/.tmp/live-$name-$port"
  rm -rf "$work" && mkdir -p "$work"
  log "starting zcps ($name) on $base (data in $work)"
  ZCPS_DEMO=1 ZCPS_DATA_DIR="$work" ZCPS_BIND="127.0.0.1:$port" RUST_LOG=warn \
    ZCPS_DATABASE_URL="${db_url:-sqlite://$work/zcps.db?mode=rwc}" \
    ./target/debug/zcps serve >"$work/server.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 150); do
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log" >&2; log "server exited"; exit 1; fi
    sleep 0.2
  done
  cat "$work/server.log" >&2; log "server not ready"; exit 1
}

start_server sqlite ""
log "Playwright (Debian Chromium) against $base"
(cd e2e && ZCPS_BASE_URL="$base" npx playwright test)

log "schemathesis against $base (SQLite)"
bash scripts/contract-test.sh "$base"

pg_admin="${ZCPS_TEST_PG_URL:-$(bash scripts/ensure-postgres.sh)}"
pg_db="zcps_contract_$$"
psql -w -X -q -d "$pg_admin" -c "CREATE DATABASE \"$pg_db\"" >/dev/null
start_server postgres "${pg_admin%/*}/$pg_db"
log "schemathesis against $base (PostgreSQL)"
bash scripts/contract-test.sh "$base"
log "live tests passed"
