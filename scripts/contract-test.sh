#!/usr/bin/env bash
# Contract-test a running zcps API with schemathesis 4.32 (config: <repo>/schemathesis.toml).
#
# Usage:   scripts/contract-test.sh BASE_URL [extra `st run` options...]
#   e.g.   scripts/contract-test.sh http://127.0.0.1:8080
#          scripts/contract-test.sh http://127.0.0.1:8080 --report junit --seed 1
#
# Steps: make sure .venv has schemathesis 4.32 (scripts/ensure-tools.sh venv); wait until
# BASE_URL/api/openapi.json answers; log in as the demo admin (POST BASE_URL/api/v1/auth/login)
# and read `access_token`; then run
#   st run BASE_URL/api/openapi.json --url BASE_URL --checks all -H "Authorization: Bearer <token>"
# Exit status: schemathesis' own (0 = no failures; 1 = failures, errors or a warning listed in
# `warnings.fail-on`; 2 = bad option or config key), or 1 with an `==> ERROR:` line when a step
# before it fails (no schema within the wait, login not 200, no `access_token`).
#
# Environment:
#   ZCPS_CONTRACT_WAIT          seconds to wait for the OpenAPI document (default 60)
#   ZCPS_CONTRACT_ACCOUNT_KIND  login account_kind (default staff)
#   ZCPS_CONTRACT_USERNAME      login username     (default admin)
#   ZCPS_CONTRACT_PASSWORD      login password     (default Admin12345)
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }
die() { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

[[ $# -ge 1 && -n "$1" && "$1" != -* ]] || die "usage: $0 BASE_URL [extra st run options...]"
BASE_URL="${1%/}"
shift
[[ "$BASE_URL" =~ ^https?:// ]] || die "BASE_URL must start with http:// or https:// (got '$BASE_URL')"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="$REPO/schemathesis.toml"
SCHEMA_URL="$BASE_URL/api/openapi.json"
LOGIN_URL="$BASE_URL/api/v1/auth/login"
[[ -f "$CONFIG" ]] || die "$CONFIG not found"

bash "$REPO/scripts/ensure-tools.sh" venv
PY="$REPO/.venv/bin/python"
ST="$REPO/.venv/bin/st"

# --------------------------------------------------------------- wait for the server
WAIT="${ZCPS_CONTRACT_WAIT:-60}"
log "waiting up to ${WAIT}s for $SCHEMA_URL"
"$PY" - "$SCHEMA_URL" "$WAIT" <<'PYEOF' || die "$SCHEMA_URL did not answer 200 with JSON within ${WAIT}s"
import json, sys, time, urllib.request
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
last = "no attempt"
while True:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            doc = json.load(r)
        ops = sum(1 for item in doc.get("paths", {}).values() for m in item
                  if m in {"get", "put", "post", "delete", "patch", "options", "head", "trace"})
        print(f"==> OpenAPI {doc.get('openapi', '?')} document: {len(doc.get('paths', {}))} paths, {ops} operations",
              file=sys.stderr)
        sys.exit(0)
    except Exception as exc:  # connection refused, HTTP error, bad JSON: retry until the deadline
        last = f"{type(exc).__name__}: {exc}"
    if time.monotonic() >= deadline:
        print(f"==> last error: {last}", file=sys.stderr)
        sys.exit(1)
    time.sleep(1)
PYEOF

# --------------------------------------------------------------- log in
# One token per role: each operation is exercised by the role that may use it (schemathesis.toml
# maps operation tags to these variables); a 401/403-only operation fails the run.
login() {  # KIND USERNAME PASSWORD -> access token on stdout
  ZCPS_KIND="$1" ZCPS_USER="$2" ZCPS_PASS="$3" "$PY" - "$LOGIN_URL" <<'PYEOF'
import json, os, sys, urllib.error, urllib.request
body = json.dumps({"account_kind": os.environ["ZCPS_KIND"], "username": os.environ["ZCPS_USER"],
                   "password": os.environ["ZCPS_PASS"]}).encode()
req = urllib.request.Request(sys.argv[1], data=body, method="POST",
                             headers={"Content-Type": "application/json", "Accept": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=15) as r:
        status, raw = r.status, r.read()
except urllib.error.HTTPError as exc:
    status, raw = exc.code, exc.read()
except Exception as exc:
    sys.exit(f"==> ERROR: login request failed: {type(exc).__name__}: {exc}")
if status != 200:
    hint = (" - the account is locked, e.g. by failed logins during an earlier contract run against this"
            " database; start the API on a fresh database") if status == 423 else ""
    sys.exit(f"==> ERROR: login answered HTTP {status}{hint}: {raw[:500].decode('utf-8', 'replace')}")
try:
    token = json.loads(raw)["access_token"]
except Exception:
    sys.exit(f"==> ERROR: login answered 200 without a JSON `access_token`: {raw[:500].decode('utf-8', 'replace')}")
if not isinstance(token, str) or not token:
    sys.exit("==> ERROR: login answered an empty or non-string `access_token`")
print(token)
PYEOF
}
log "logging in as admin, nb_hrss, the demo employer and the demo individual at $LOGIN_URL"
export ZCPS_ST_ADMIN_TOKEN ZCPS_ST_HRSS_TOKEN ZCPS_ST_EMPLOYER_TOKEN ZCPS_ST_INDIVIDUAL_TOKEN
ZCPS_ST_ADMIN_TOKEN="$(login staff "${ZCPS_CONTRACT_USERNAME:-admin}" "${ZCPS_CONTRACT_PASSWORD:-Admin12345}")" || die "admin login failed (see above)"
ZCPS_ST_HRSS_TOKEN="$(login staff nb_hrss Demo12345)" || die "nb_hrss login failed (see above)"
ZCPS_ST_EMPLOYER_TOKEN="$(login employer 91330203MA2H000018 Demo12345)" || die "demo employer login failed (see above)"
ZCPS_ST_INDIVIDUAL_TOKEN="$(login individual 330203199001010022 Demo12345)" || die "demo individual login failed (see above)"
TOKEN="$ZCPS_ST_ADMIN_TOKEN"
log "got access tokens (${#TOKEN} chars each)"

# --------------------------------------------------------------- run schemathesis
mkdir -p "$REPO/.tmp/schemathesis"
cd "$REPO"   # relative paths in schemathesis.toml (.tmp/schemathesis/...) are relative to the cwd
# Hypothesis' own cache (unicode tables, constants) would otherwise land in ./.hypothesis.
export HYPOTHESIS_STORAGE_DIRECTORY="${HYPOTHESIS_STORAGE_DIRECTORY:-$REPO/.tmp/schemathesis/hypothesis-storage}"
log "st run $SCHEMA_URL --url $BASE_URL --checks all (tokens per role from schemathesis.toml) $* (config $CONFIG)"
start=$SECONDS
set +e
"$ST" --config-file "$CONFIG" run "$SCHEMA_URL" \
  --url "$BASE_URL" \
  --checks all \
  "$@"
rc=$?
set -e
if (( rc == 0 )); then
  log "contract tests passed in $((SECONDS - start))s"
else
  log "ERROR: contract tests FAILED (st exit code $rc) after $((SECONDS - start))s"
fi
exit "$rc"
