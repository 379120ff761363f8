#!/usr/bin/env bash
# Installs code-server (VS Code's own server and web workbench) into a cache outside the clone,
# keyed by version, without any download other than the npm registry: code-server's install
# scripts fetch ripgrep from GitHub and refuse root, so we run the steps ourselves
# (see ../shared/notes/vscode-in-ci.md). Prints the package root on its last line.
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
cache="${ECR_EXPLORER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ecr-explorer}"
root="$cache/code-server-$version"
stamp="$root/.installed"

if [ -f "$stamp" ]; then
  echo "$root/package"
  exit 0
fi

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "install-code-server: '$1' is missing. $2" >&2
    exit 1
  }
}
need npm "Install Node.js 20 and npm."
need rg "Install ripgrep (Debian: apt-get install -y ripgrep); VS Code's search needs it."
if ! [ -e /usr/include/gssapi/gssapi.h ] && ! [ -e /usr/include/gssapi.h ]; then
  echo "install-code-server: Kerberos headers are missing (Debian: apt-get install -y libkrb5-dev)." >&2
  exit 1
fi

echo "install-code-server: installing code-server $version into $root (2-3 minutes, once)" >&2
rm -rf "$root"
mkdir -p "$root"
cd "$root"
npm pack --silent "code-server@$version" >/dev/null
tar -xzf "code-server-$version.tgz"
rm "code-server-$version.tgz"
pkg="$root/package"

log="$root/install.log"
run() { "$@" >>"$log" 2>&1 || { echo "install-code-server: '$*' failed in $(pwd); see $log" >&2; exit 1; }; }

cd "$pkg"
run npm install --omit=dev --ignore-scripts --no-audit --no-fund
run npm rebuild argon2

cd "$pkg/lib/vscode"
run npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
run npm rebuild @parcel/watcher @vscode/spdlog @vscode/deviceid kerberos native-watchdog
# node-pty's own post-install step calls `npx node-gyp` and fails offline, after its
# build/Release/pty.node is already built; we only need that binary.
npm rebuild node-pty >>"$log" 2>&1 || true
[ -f node_modules/node-pty/build/Release/pty.node ] || {
  echo "install-code-server: node-pty did not build; see $log" >&2
  exit 1
}
ln -sfn node_modules node_modules.asar
(cd "$pkg/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$pkg/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

cd "$pkg/lib/vscode/extensions"
run npm install --omit=dev --ignore-scripts --no-audit --no-fund

touch "$stamp"
echo "$pkg"
