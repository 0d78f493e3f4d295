#!/usr/bin/env bash
# Prints the path of a Chromium for the browser tests, installing Debian's package when missing
# (playwright-core never downloads a browser of its own here).
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
	if [ -n "$candidate" ] && [ -x "$candidate" ]; then
		echo "$candidate"
		exit 0
	fi
done
if [ "$(id -u)" != "0" ]; then
	echo "ensure-chromium: Chromium is missing; run: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
	exit 1
fi
exec 9>"${TMPDIR:-/tmp}/lead-qualification-chromium-install.lock"
flock 9
if [ ! -x /usr/bin/chromium ]; then
	echo "ensure-chromium: installing Debian's chromium (once)" >&2
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
echo /usr/bin/chromium
