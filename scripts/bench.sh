#!/usr/bin/env bash
# The performance benchmark of GET /api/board and POST /api/deals/{id}/checkpoints on a large
# pipeline (bench/KeyAccountPipeline.Benchmarks). Builds Release, starts a throwaway PostgreSQL
# with default durability, seeds it, prints a summary table and stops the server again.
# Not part of the test run. Needs root (or sudo) to run initdb as 'postgres'.
#
#   PG_BIN   PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin)
#   Arguments go to the benchmark: --warmup N, --rounds N, --posts N, --show-sql
#
# Exit status: 0 all targets met, 1 a target missed, 2 the run itself failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/postgres.sh"

project="$root/bench/KeyAccountPipeline.Benchmarks/KeyAccountPipeline.Benchmarks.csproj"
dotnet build "$project" -c Release -nologo -v quiet

trap pg_stop EXIT
pg_start
export KAP_BENCH_POSTGRES="$PG_SERVER"
dotnet run --project "$project" -c Release --no-build -- "$@"
