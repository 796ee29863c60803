#!/usr/bin/env bash
# Install what the test suite needs when it is missing; quick no-op when everything is present.
#
# Usage:   scripts/ensure-tools.sh [PART...]      PART: apt | venv | npm | fonts   (default: apt venv npm)
#
#   fonts Debian's fonts-noto-cjk only (what `make run` needs for PDFs); warns when not root.
#
#   apt   Debian packages chromium (Playwright runs /usr/bin/chromium), fonts-noto-cjk (Chinese
#         glyphs in screenshots and PDFs) and poppler-utils (pdftotext/pdftoppm for PDF checks).
#         Skipped when /usr/bin/chromium, the Noto CJK font file and pdftotext all exist; otherwise
#         needs root (apt-get update + apt-get install).
#   venv  Python venv at <repo>/.venv with schemathesis 4.32.x (`.venv/bin/st`), used by
#         scripts/contract-test.sh. Reinstalled only when `st` is missing or not 4.32.x.
#   npm   `npm ci` in frontend/ and e2e/ (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: the browser is
#         Debian's chromium), only when node_modules/.package-lock.json is missing or older
#         than package-lock.json. A dir without package-lock.json is skipped with a warning.
#
# Environment:
#   ZCPS_PYTHON   interpreter used to create the venv (default /usr/bin/python3, else python3)
set -euo pipefail

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
die()  { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCHEMATHESIS_SERIES="4.32"
CJK_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
APT_PACKAGES=(chromium fonts-noto-cjk poppler-utils)

is_root() { [[ "$(id -u)" == 0 ]]; }

apt_install() {
  is_root || die "Debian packages missing ($*) and not running as root: install them with apt-get first"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || die "apt-get update failed"
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

# ------------------------------------------------------------------ apt
ensure_apt() {
  if [[ -x /usr/bin/chromium && -f "$CJK_FONT" ]] && command -v pdftotext >/dev/null 2>&1; then
    log "apt: chromium, Noto CJK font and poppler-utils present"
    return 0
  fi
  log "apt: installing ${APT_PACKAGES[*]} (missing:$([[ -x /usr/bin/chromium ]] || echo ' chromium')$([[ -f "$CJK_FONT" ]] || echo ' fonts-noto-cjk')$(command -v pdftotext >/dev/null 2>&1 || echo ' poppler-utils'))"
  apt_install "${APT_PACKAGES[@]}"
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium still missing after apt-get install"
  [[ -f "$CJK_FONT" ]] || die "$CJK_FONT still missing after apt-get install fonts-noto-cjk"
  command -v pdftotext >/dev/null 2>&1 || die "pdftotext still missing after apt-get install poppler-utils"
  log "apt: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed"
}

# ------------------------------------------------------------------ venv
# The CJK font alone, for `make run` (PDFs with Chinese text). Without root it only warns:
# the server then answers 503 on PDF downloads and says so in its log.
ensure_fonts() {
  if [[ -f "$CJK_FONT" ]]; then
    log "fonts: Noto CJK font present"
    return 0
  fi
  if is_root; then
    apt_install fonts-noto-cjk
  else
    warn "fonts: $CJK_FONT missing and not root: install fonts-noto-cjk (or set ZCPS_CJK_FONT) for PDF downloads"
  fi
}

st_version() {
  # "st, version 4.32.5" -> 4.32.5 ; empty when st is missing or broken.
  [[ -x "$REPO/.venv/bin/st" ]] || return 0
  "$REPO/.venv/bin/st" --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p' || true
}

ensure_venv() {
  local venv="$REPO/.venv" py ver
  ver="$(st_version)"
  if [[ "$ver" == "$SCHEMATHESIS_SERIES".* ]]; then
    log "venv: .venv/bin/st $ver present"
    return 0
  fi
  if [[ -n "$ver" ]]; then
    log "venv: .venv/bin/st is $ver, want $SCHEMATHESIS_SERIES.x: reinstalling"
  else
    log "venv: .venv/bin/st missing: installing schemathesis==$SCHEMATHESIS_SERIES.*"
  fi

  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    py="${ZCPS_PYTHON:-}"
    if [[ -z "$py" ]]; then
      if [[ -x /usr/bin/python3 ]]; then py=/usr/bin/python3; else py="$(command -v python3 || true)"; fi
    fi
    [[ -n "$py" ]] || die "no python3 found to create .venv (set ZCPS_PYTHON)"
    log "venv: creating .venv with $py ($("$py" --version 2>&1))"
    rm -rf "$venv"
    if ! "$py" -m venv "$venv" >&2; then
      # Debian splits venv/ensurepip into python3-venv.
      rm -rf "$venv"
      if [[ "$py" == /usr/bin/python3* ]] && is_root; then
        apt_install python3-venv
        "$py" -m venv "$venv" >&2 || die "python3 -m venv failed even after installing python3-venv"
      else
        die "'$py -m venv' failed (install python3-venv, or set ZCPS_PYTHON)"
      fi
    fi
  fi

  log "venv: pip install schemathesis==$SCHEMATHESIS_SERIES.*"
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q \
    "schemathesis==$SCHEMATHESIS_SERIES.*" >&2 || die "pip install schemathesis==$SCHEMATHESIS_SERIES.* failed"
  ver="$(st_version)"
  if [[ "$ver" != "$SCHEMATHESIS_SERIES".* ]]; then
    # The package can be installed while its `st` entry point is gone or broken: pip then
    # reports "already satisfied" and changes nothing, so reinstall it once by force.
    log "venv: st still reports '${ver:-nothing}': pip install --force-reinstall"
    "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q --force-reinstall --no-deps \
      "schemathesis==$SCHEMATHESIS_SERIES.*" >&2 || die "pip install --force-reinstall schemathesis failed"
    ver="$(st_version)"
  fi
  [[ "$ver" == "$SCHEMATHESIS_SERIES".* ]] || die "after pip install, .venv/bin/st reports '${ver:-nothing}'"
  log "venv: .venv/bin/st $ver installed"
}

# ------------------------------------------------------------------ npm
ensure_npm_dir() {
  local dir="$REPO/$1"
  if [[ ! -f "$dir/package-lock.json" ]]; then
    warn "npm: $1/package-lock.json does not exist yet: skipping npm ci in $1/"
    return 0
  fi
  if [[ -f "$dir/node_modules/.package-lock.json" && ! "$dir/node_modules/.package-lock.json" -ot "$dir/package-lock.json" ]]; then
    log "npm: $1/node_modules up to date"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "npm not found (node 20 + npm are expected on this machine)"
  log "npm: npm ci in $1/ (node $(node --version), npm $(npm --version))"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2) \
    || die "npm ci failed in $1/"
  # npm ci rewrites node_modules/.package-lock.json; touch it anyway so an unchanged lockfile
  # with a future mtime (clock skew, git checkout) cannot force a reinstall on every run.
  touch "$dir/node_modules/.package-lock.json"
}

ensure_npm() {
  ensure_npm_dir frontend
  ensure_npm_dir e2e
}

# ------------------------------------------------------------------ main
PARTS=("$@")
(( ${#PARTS[@]} )) || PARTS=(apt venv npm)
for part in "${PARTS[@]}"; do
  case "$part" in
    apt|venv|npm|fonts) ;;
    *) die "unknown part '$part' (usage: $0 [apt|venv|npm|fonts]...)" ;;
  esac
done
start=$SECONDS
for part in "${PARTS[@]}"; do
  "ensure_$part"
done
log "tools ready (${PARTS[*]}) in $((SECONDS - start))s"
