#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suites: initdb into a fresh temp folder, trust auth, 127.0.0.1 only,
# fsync off. `start` prints the admin URL (and writes it with the cluster's folder to a state file), `url` prints it
# again, `stop` stops the cluster and removes its folder. Installs Debian's postgresql package when no server binaries
# are found. PG_THROWAWAY_STATE names the state file, PG_THROWAWAY_PORT the first port tried (54329).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${PG_THROWAWAY_STATE:-$ROOT/test-output/pg-throwaway.state}"
FIRST_PORT="${PG_THROWAWAY_PORT:-54329}"

die() {
  echo "pg-throwaway: $*" >&2
  exit 1
}

# The folder holding initdb, pg_ctl and postgres: pg_config's, else the newest /usr/lib/postgresql/*/bin.
find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_postgresql() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and only root can install it (apt-get install postgresql)"
  echo "pg-throwaway: installing Debian's postgresql package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  # the package makes and may start a default cluster (port 5432): the tests use their own
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version name port status _; do
      if [ "$status" = online ]; then pg_ctlcluster "$version" "$name" stop >&2 || true; fi
    done
  fi
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Runs a command as the cluster's owner: `postgres` when we are root (PostgreSQL refuses to run as root), else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

read_state() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
}

start() {
  if read_state && [ -n "${PGDIR:-}" ] && as_owner "$BINDIR/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    echo "$URL"
    return 0
  fi
  local bindir
  bindir="$(find_bindir)" || {
    install_postgresql
    bindir="$(find_bindir)" || die "no PostgreSQL server binaries after installing the postgresql package"
  }
  if [ "$(id -u)" = 0 ]; then
    getent passwd postgres >/dev/null || die "running as root needs a 'postgres' user to own the cluster"
  fi

  local port=$FIRST_PORT
  while port_taken "$port"; do
    port=$((port + 1))
    [ "$port" -lt $((FIRST_PORT + 200)) ] || die "no free port from $FIRST_PORT to $port"
  done

  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/claimtrail-pg-XXXXXX")"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
    {
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      die "initdb failed"
    }
  # tests make and drop hundreds of databases: speed over durability, the cluster is thrown away
  as_owner sh -c "cat >> '$dir/data/postgresql.conf'" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
max_wal_size = 4GB
shared_buffers = 128MB
EOF
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "the server did not start"
  fi
  local url="postgres://postgres@127.0.0.1:$port/postgres"
  mkdir -p "$(dirname "$STATE")"
  printf 'PGDIR=%q\nBINDIR=%q\nPORT=%q\nURL=%q\n' "$dir" "$bindir" "$port" "$url" >"$STATE"
  echo "$url"
}

stop() {
  read_state || {
    echo "pg-throwaway: no cluster running (no $STATE)" >&2
    return 0
  }
  if [ -d "$PGDIR/data" ]; then
    as_owner "$BINDIR/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGDIR"
  rm -f "$STATE"
}

url() {
  read_state || die "no cluster running (no $STATE): run '$0 start'"
  echo "$URL"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url) url ;;
*)
  echo "usage: $0 start|stop|url" >&2
  exit 2
  ;;
esac
