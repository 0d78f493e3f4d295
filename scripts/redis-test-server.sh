#!/usr/bin/env bash
# A throwaway redis-server for tests, on a free loopback port, with its files in a temp dir.
#
#   scripts/redis-test-server.sh start        starts one and prints its port (only the port, on stdout)
#   scripts/redis-test-server.sh stop PORT    stops the one on PORT and removes its temp dir
#   scripts/redis-test-server.sh stop-all     stops every server this script started
#
# Installs the Debian package redis-server when it is missing (needs root, as on the dev machines and CI).
set -euo pipefail

state_root="${TMPDIR:-/tmp}/lead-router-redis-test"

log() { echo "redis-test-server: $*" >&2; }

ensure_redis() {
	if command -v redis-server >/dev/null 2>&1; then
		return 0
	fi
	if [ "$(id -u)" != "0" ]; then
		log "redis-server is not installed; run: apt-get update && apt-get install -y redis-server"
		exit 1
	fi
	log "installing the Debian package redis-server (once)"
	# another test file may be installing at the same moment: take a lock
	exec 9>"${TMPDIR:-/tmp}/lead-router-redis-install.lock"
	flock 9
	if ! command -v redis-server >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
	fi
	flock -u 9
	# the package starts a system-wide service on 6379 where an init system runs; tests do not use it
	command -v redis-server >/dev/null 2>&1 || { log "redis-server still missing after install"; exit 1; }
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ping_ok() {
	local port="$1"
	if command -v redis-cli >/dev/null 2>&1; then
		[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = "PONG" ]
	else
		port_in_use "$port"
	fi
}

start() {
	ensure_redis
	mkdir -p "$state_root"
	local attempt port dir
	for attempt in $(seq 1 20); do
		port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
		if port_in_use "$port" || [ -e "$state_root/$port" ]; then
			continue
		fi
		dir="$state_root/$port"
		mkdir -p "$dir"
		if redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes \
			--save '' --appendonly no --dir "$dir" \
			--daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2; then
			local i
			for i in $(seq 1 50); do
				if ping_ok "$port"; then
					echo "$port"
					return 0
				fi
				sleep 0.1
			done
		fi
		log "could not start on port $port (attempt $attempt); log: $(tail -n 3 "$dir/redis.log" 2>/dev/null | tr '\n' ' ')"
		stop_port "$port" || true
	done
	log "no free port found for redis-server"
	exit 1
}

stop_port() {
	local port="$1" dir pid i
	dir="$state_root/$port"
	if [ -f "$dir/redis.pid" ]; then
		pid="$(cat "$dir/redis.pid")"
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			for i in $(seq 1 50); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
			kill -9 "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf "$dir"
}

case "${1:-}" in
	start)
		start
		;;
	stop)
		[ -n "${2:-}" ] || { log "usage: $0 stop PORT"; exit 2; }
		[[ "$2" =~ ^[0-9]+$ ]] || { log "PORT must be a number"; exit 2; }
		stop_port "$2"
		;;
	stop-all)
		if [ -d "$state_root" ]; then
			for dir in "$state_root"/*/; do
				[ -d "$dir" ] || continue
				stop_port "$(basename "$dir")"
			done
		fi
		;;
	*)
		echo "usage: $0 start | stop PORT | stop-all" >&2
		exit 2
		;;
esac
