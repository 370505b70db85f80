# Shared by scripts/test.sh and scripts/bench.sh (source it; it defines functions only).
# A throwaway PostgreSQL cluster: its own directory under /tmp, a free port, trust auth on
# localhost only, default durability (fsync and synchronous_commit stay on).
#
#   PG_BIN   PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#
# Usage:  pg_start [extra postgres options...]; trap pg_stop EXIT
# After pg_start: PG_SERVER="Host=127.0.0.1;Port=...;Username=postgres", pg_bin, pg_dir, pg_port.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# initdb and pg_ctl refuse to run as root, so root runs them as 'postgres'.
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo 55432
}

pg_start() {
  pg_bin="$(pg_find_bin)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "Installing PostgreSQL from Debian packages..."
    apt_install postgresql
    pg_bin="$(pg_find_bin)"
  fi

  pg_dir="$(mktemp -d /tmp/kap-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
  pg_port="$(pg_free_port)"
  pg_run "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 $*" start >/dev/null
  PG_SERVER="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port"
}

pg_stop() {
  if [ -n "${pg_dir:-}" ]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
