#!/usr/bin/env bash
# A throwaway PostgreSQL server for queue mode, on a free loopback port, with its cluster in a temp dir.
#
#   scripts/postgres-test-server.sh start        starts one and prints its port (only the port, on stdout);
#                                                 database "n8n", user "n8n", password "n8n"
#   scripts/postgres-test-server.sh stop PORT    stops the one on PORT and removes its cluster
#   scripts/postgres-test-server.sh stop-all     stops every server this script started
#
# Installs the Debian package postgresql when it is missing (needs root, as on the dev machines and CI).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system user.
set -euo pipefail

state_root="${TMPDIR:-/tmp}/lead-qualification-postgres"

log() { echo "postgres-test-server: $*" >&2; }

pg_bindir() {
	local dir
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
	done
	command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
	return 1
}

ensure_postgres() {
	pg_bindir >/dev/null && return 0
	if [ "$(id -u)" != "0" ]; then
		log "PostgreSQL is not installed; run: apt-get update && apt-get install -y postgresql"
		exit 1
	fi
	log "installing the Debian package postgresql (once)"
	exec 9>"${TMPDIR:-/tmp}/lead-qualification-postgres-install.lock"
	flock 9
	if ! pg_bindir >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
	fi
	flock -u 9
	pg_bindir >/dev/null || { log "initdb still missing after install"; exit 1; }
}

# runs a PostgreSQL program as the user that owns the cluster
as_owner() {
	if [ "$(id -u)" = "0" ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
	ensure_postgres
	local bin attempt port dir
	bin="$(pg_bindir)"
	mkdir -p "$state_root"
	chmod 755 "$state_root"
	for attempt in $(seq 1 20); do
		port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
		if port_in_use "$port" || [ -e "$state_root/$port" ]; then
			continue
		fi
		dir="$state_root/$port"
		mkdir -p "$dir"
		[ "$(id -u)" = "0" ] && chown postgres: "$dir"
		local pwfile="$dir/pw"
		echo "n8n" > "$pwfile"
		[ "$(id -u)" = "0" ] && chown postgres: "$pwfile"
		as_owner "$bin/initdb" -D "$dir/data" -U n8n --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
			|| as_owner "$bin/initdb" -D "$dir/data" -U n8n --pwfile="$pwfile" -A scram-sha-256 -E UTF8 >"$dir/initdb.log" 2>&1 \
			|| { log "initdb failed: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"; rm -rf "$dir"; exit 1; }
		# many n8n processes, each with its own connection pool, share this server
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
			-o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2; then
			if PGPASSWORD=n8n "$bin/psql" -h 127.0.0.1 -p "$port" -U n8n -d postgres -qtAc 'create database n8n' >&2; then
				echo "$port"
				return 0
			fi
		fi
		log "could not start on port $port (attempt $attempt); log: $(tail -n 3 "$dir/postgres.log" 2>/dev/null | tr '\n' ' ')"
		stop_port "$port" || true
	done
	log "no free port found for PostgreSQL"
	exit 1
}

stop_port() {
	local port="$1" dir bin
	dir="$state_root/$port"
	bin="$(pg_bindir || true)"
	if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 || true
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
