#!/usr/bin/env bash
# Stop the throwaway PostgreSQL cluster started by scripts/ensure-postgres.sh, if one runs.
# A no-op (exit 0) when none was started or it is already stopped.
#
# Usage:   scripts/stop-postgres.sh [--clean]
#   --clean   also delete the cluster's data directory (the next ensure-postgres.sh re-runs initdb)
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }
die() { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

CLEAN=0
case "${1:-}" in
  "") ;;
  --clean) CLEAN=1 ;;
  *) die "usage: $0 [--clean]" ;;
esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_FILE="$REPO/.tmp/pg/state"

if [[ ! -f "$STATE_FILE" ]]; then
  log "no throwaway PostgreSQL cluster was started ($STATE_FILE absent): nothing to stop"
  exit 0
fi

BINDIR="" DATA_DIR="" RUNAS=""
# shellcheck disable=SC1090
source "$STATE_FILE"
[[ -n "$BINDIR" && -n "$DATA_DIR" ]] || die "$STATE_FILE is incomplete"

as_pg() {
  if [[ -n "$RUNAS" ]]; then runuser -u "$RUNAS" -- "$@"; else "$@"; fi
}

if [[ -f "$DATA_DIR/postmaster.pid" ]] && as_pg "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
  log "stopping throwaway PostgreSQL cluster in $DATA_DIR"
  as_pg "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 stop >&2 || die "pg_ctl stop failed for $DATA_DIR"
else
  log "throwaway PostgreSQL cluster in $DATA_DIR is not running"
fi

if (( CLEAN )); then
  log "removing $DATA_DIR"
  rm -rf "$DATA_DIR"
  rm -f "$STATE_FILE"
fi
log "done"
