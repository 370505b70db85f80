#!/usr/bin/env bash
# Runs every test of the solution: domain, API on SQLite and on a throwaway PostgreSQL,
# and the browser tests in Chromium. Needs root (or sudo) the first time, to install
# PostgreSQL/Chromium from Debian packages when they are missing and to run initdb as 'postgres'.
#
#   PG_BIN         PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#   CHROMIUM_PATH  Chromium executable (default: /usr/bin/chromium)
#   RESULTS_DIR    where test results, screenshots and logs go (default: ./TestResults)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${RESULTS_DIR:-$root/TestResults}"
export RESULTS_DIR="$results"
mkdir -p "$results"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

find_pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_bin="$(find_pg_bin)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing PostgreSQL from Debian packages..."
  apt_install postgresql
  pg_bin="$(find_pg_bin)"
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Installing Chromium from Debian packages..."
  apt_install chromium
fi
# Chinese text in the screenshots needs a CJK font; a desktop has one, a bare CI image does not.
if command -v dpkg >/dev/null && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "Installing a CJK font for the browser tests' screenshots..."
  apt_install fonts-noto-cjk
fi
export CHROMIUM_PATH="$chromium"

# A throwaway cluster: its own directory under /tmp, a free port, trust auth on localhost only.
pg_dir="$(mktemp -d /tmp/kap-pg.XXXXXX)"
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
stop_pg() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo 55432
}
pg_port="$(free_port)"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
export KAP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port; Chromium at $chromium"

rm -f "$results"/*.xml
set +e
dotnet test "$root/KeyAccountPipeline.sln" --results-directory "$results" \
  --logger "xunit;LogFileName={assembly}.xml" --logger "console;verbosity=minimal"
status=$?
set -e

# One summary line from the xunit result files.
sum_attr() { cat "$results"/*.xml 2>/dev/null | grep -o "<assembly [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed="$(sum_attr passed)"; failed=$(( $(sum_attr failed) + $(sum_attr errors) )); skipped="$(sum_attr skipped)"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $status"; fi
echo "$passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo ", $skipped skipped")"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$status" -eq 0 ]
