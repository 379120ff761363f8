#!/usr/bin/env bash
# Makes a fresh clone ready for `npm test` and `npm run demo`: the Debian packages the test
# harness needs (when missing; installed only as root, otherwise it says what to run) and the
# npm dependencies (when node_modules is missing or older than package-lock.json).
# Usage: prepare.sh [--apt-only|--npm-only]
set -euo pipefail
cd "$(dirname "$0")/../.."

want_apt=true
want_npm=true
case "${1:-}" in
  --apt-only) want_npm=false ;;
  --npm-only) want_apt=false ;;
esac

if $want_apt; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "prepare: installing Debian packages: ${missing[*]}" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "prepare: missing Debian packages: ${missing[*]}" >&2
      echo "prepare: install them with: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
fi

if $want_npm; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "prepare: installing npm dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund >&2
  fi
fi
