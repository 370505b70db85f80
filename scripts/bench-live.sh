#!/usr/bin/env bash
# Change → visible across two app instances (bench/KeyAccountPipeline.BrowserBenchmarks --live): starts a
# throwaway PostgreSQL, runs the app twice as separate processes on one database, opens the board on
# instance A in Chromium and records checkpoints through instance B's API, timing each until A's board
# shows it. Prints median, p95 and max. Not part of the test run. Needs root (or sudo) to run initdb.
#
#   PG_BIN         PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#   CHROMIUM_PATH  Chromium executable (default: /usr/bin/chromium; installed from Debian packages if missing)
#   Arguments go to the benchmark: --changes N (default 100), --pause MS after each change shows (default 300)
#
# Exit status: 0 the target (p95 ≤ 1 s) met, 1 missed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/postgres.sh"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then apt_install chromium; fi
export CHROMIUM_PATH="$chromium"

project="$root/bench/KeyAccountPipeline.BrowserBenchmarks/KeyAccountPipeline.BrowserBenchmarks.csproj"
dotnet build "$project" -c Release -nologo -v quiet

trap pg_stop EXIT
pg_start
export KAP_BENCH_POSTGRES="$PG_SERVER"
dotnet run --project "$project" -c Release --no-build -- --live "$@"
