#!/usr/bin/env bash
# Starts the built server on a free port over a fresh demo SQLite database, runs the
# Playwright journeys (e2e/) and then the schemathesis contract tests against it.
# Usage: scripts/live-test.sh            (expects `make build` to have run)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
log() { printf '==> %s\n' "$*" >&2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
work="$REPO/.tmp/live-$port"
rm -rf "$work" && mkdir -p "$work"
log "starting zcps on $base (data in $work)"
ZCPS_DEMO=1 ZCPS_DATA_DIR="$work" ZCPS_BIND="127.0.0.1:$port" RUST_LOG=warn \
  ./target/debug/zcps serve >"$work/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  if curl -fsS "$base/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log" >&2; log "server exited"; exit 1; fi
  sleep 0.2
done
curl -fsS "$base/readyz" >/dev/null || { cat "$work/server.log" >&2; log "server not ready"; exit 1; }

log "Playwright (Debian Chromium) against $base"
(cd e2e && ZCPS_BASE_URL="$base" npx playwright test)

log "schemathesis against $base"
bash scripts/contract-test.sh "$base"
log "live tests passed"
