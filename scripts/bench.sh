#!/usr/bin/env bash
# The performance benchmark of GET /api/board and POST /api/deals/{id}/checkpoints on a large
# pipeline (bench/KeyAccountPipeline.Benchmarks). Builds Release, starts a throwaway PostgreSQL
# with default durability, seeds it, prints a summary table and stops the server again.
# Not part of the test run. Needs root (or sudo) to run initdb as 'postgres'.
#
#   PG_BIN   PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#   Arguments go to the benchmark: --warmup N, --rounds N, --posts N, --show-sql
#
# scripts/bench.sh --load [--requests N]: the load benchmark instead (bench/KeyAccountPipeline.BrowserBenchmarks,
# LoadBench): 10, 50 and 100 concurrent API clients on one app instance and 2×50 on two, against PostgreSQL with
# its default settings (max_connections 100); each client records N checkpoints (default 20) and reads the board
# after each. Prints throughput, p50/p95 per call and the count of 5xx (target 0).
#
# scripts/bench.sh --import [--rows N]: the import benchmark instead (bench/KeyAccountPipeline.Benchmarks, ImportBench):
# a workbook of N rows (default 10,000) previewed and imported through the API on top of the seeded pipeline, then
# again (every row unchanged), and as a GB18030 CSV. Targets: preview ≤ 10 s, import ≤ 30 s.
#
# Exit status: 0 all targets met, 1 a target missed, 2 the run itself failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/postgres.sh"

project="$root/bench/KeyAccountPipeline.Benchmarks/KeyAccountPipeline.Benchmarks.csproj"
if [ "${1:-}" = "--load" ]; then
  project="$root/bench/KeyAccountPipeline.BrowserBenchmarks/KeyAccountPipeline.BrowserBenchmarks.csproj"
fi
dotnet build "$project" -c Release -nologo -v quiet

trap pg_stop EXIT
pg_start
export KAP_BENCH_POSTGRES="$PG_SERVER"
dotnet run --project "$project" -c Release --no-build -- "$@"
