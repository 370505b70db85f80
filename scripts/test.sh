#!/usr/bin/env bash
# Runs every test of the solution: domain, API on SQLite and on a throwaway PostgreSQL,
# and the browser tests in Chromium. Needs root (or sudo) the first time, to install
# PostgreSQL/Chromium/nginx from Debian packages when they are missing and to run initdb as 'postgres'.
#
#   PG_BIN         PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#   CHROMIUM_PATH  Chromium executable (default: /usr/bin/chromium)
#   RESULTS_DIR    where test results, screenshots and logs go (default: ./TestResults)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${RESULTS_DIR:-$root/TestResults}"
export RESULTS_DIR="$results"
mkdir -p "$results"

source "$root/scripts/lib/postgres.sh"

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
# The reverse-proxy browser test (ProxyTests) runs Debian's nginx with deploy/nginx/keyaccountpipeline.conf.
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx from Debian packages..."
  apt_install nginx
fi

trap pg_stop EXIT
pg_start -c max_connections=200
export KAP_TEST_POSTGRES="$PG_SERVER"
echo "Chromium at $chromium"

rm -f "$results"/*.xml
set +e
# A test that hangs is stopped and reported after 10 minutes without progress, so a run ends instead of timing out.
dotnet test "$root/KeyAccountPipeline.sln" --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none \
  --logger "xunit;LogFileName={assembly}.xml" --logger "console;verbosity=minimal"
status=$?
set -e

# One summary line from the xunit result files.
sum_attr() { cat "$results"/*.xml 2>/dev/null | grep -o "<assembly [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed="$(sum_attr passed)"; failed=$(( $(sum_attr failed) + $(sum_attr errors) )); skipped="$(sum_attr skipped)"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $status"; fi
echo "$passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo ", $skipped skipped")"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$status" -eq 0 ]
