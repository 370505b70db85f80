#!/usr/bin/env bash
# Issue 18's scale benchmarks in one run, on a throwaway PostgreSQL with default durability (needs root or sudo to run
# initdb as 'postgres'). Builds Release; the pipelines are seeded by bench/KeyAccountPipeline.Benchmarks' seeder (binary
# COPY), and the app runs as a process of its own (Release build output, Production settings). Not part of the test run.
#
#  (a) the board in Chromium, every open a first visit (bench/KeyAccountPipeline.BrowserBenchmarks, ScaleBench): "cards
#      visible" (the frame that draws the first card) and "interactive" (circuit live, every column drawn), median and p95
#      from navigation start; every long column scrolled to its last card (by the API's board order). At 2,000 open deals
#      with 200,000 checkpoint changes, also the page's transferred bytes (HTML, other HTTP, the circuit's WebSocket until
#      drawn) and DOM elements, to compare with Kanboard; and at 10,000 open deals with 1,000,000 changes.
#  (b) server memory per open board page at 2,000 deals (MemoryBench): the app's RSS warmed up, with 20 and with 100
#      Chromium pages open and idle (a full GC forced before each reading), per page; then after closing them, at once
#      and after the disconnected-circuit retention (3 minutes).
#  (c) GET /api/board and POST /api/deals/{id}/checkpoints at 10, 50 and 100 clients on the 2,000-deal pipeline
#      (LoadBench): throughput, p50/p95 and 5xx per call; the board's size asked without and with gzip and br.
#  (d) review "changes since" and GET /api/insights (ReviewBench): p95 and rows read at 2,000 deals with 200,000 changes,
#      and with ten times the history.
#
#   PG_BIN         PostgreSQL binaries (default: newest /usr/lib/postgresql/*/bin; installed from Debian packages if missing)
#   CHROMIUM_PATH  Chromium executable (default: /usr/bin/chromium; installed from Debian packages if missing)
#   --deals N --changes N           the 2,000-deal pipeline's size (default 2000 and 200000), used by (a), (b), (c), (d)
#   --big-deals N --big-changes N   the large pipeline's size (default 10000 and 1000000); --big-deals 0 skips it
#   --rounds N                      board opens timed per size (default 10; half as many on the large board)
#   --pages N                       open pages at the memory step's second reading (default 100)
#   --retention-seconds N           how long the memory step waits after closing the pages (default 180)
#   --requests N                    rounds per load client, each a POST and a GET (default 3)
#   --history N                     the review's larger history, as a multiple of the seeded one (default 10)
#   --only STEPS                    a comma-separated subset of a,b,c,d (default all)
#
# A full run took 26 minutes on 2 busy cores (build 4, seeding 4, the memory step 8 of which 3 wait out the circuit
# retention, the load 4, the review 7): --big-deals 0, --history 2 or --only shorten it. Save its output with
# `bash scripts/bench-scale.sh 2>&1 | tee bench-scale.txt`.
# Exit status: 0 all targets met, 1 a target missed, 2 the run itself failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/postgres.sh"

deals=2000 changes=200000 big_deals=10000 big_changes=1000000 rounds=10 pages=100 retention=180 requests=3 history=10 only="a,b,c,d"
while [ $# -gt 0 ]; do
  case "$1" in
    --deals) deals="$2" ;;
    --changes) changes="$2" ;;
    --big-deals) big_deals="$2" ;;
    --big-changes) big_changes="$2" ;;
    --rounds) rounds="$2" ;;
    --pages) pages="$2" ;;
    --retention-seconds) retention="$2" ;;
    --requests) requests="$2" ;;
    --history) history="$2" ;;
    --only) only="$2" ;;
    *) echo "Unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
wants() { [[ ",$only," == *",$1,"* ]]; }

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then apt_install chromium; fi
export CHROMIUM_PATH="$chromium"

seed_project="$root/bench/KeyAccountPipeline.Benchmarks/KeyAccountPipeline.Benchmarks.csproj"
browser_project="$root/bench/KeyAccountPipeline.BrowserBenchmarks/KeyAccountPipeline.BrowserBenchmarks.csproj"
dotnet build "$seed_project" -c Release -nologo -v quiet
dotnet build "$browser_project" -c Release -nologo -v quiet

results="$(mktemp /tmp/kap-bench-scale.XXXXXX)"
trap 'pg_stop; rm -f "$results"' EXIT
pg_start
export KAP_BENCH_POSTGRES="$PG_SERVER" KAP_BENCH_RESULTS="$results"
echo "Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (other work on it shows up in every time below)"

failed=0
step() {
  local name="$1" rc=0
  shift
  echo
  echo "== $name (load average $(cut -d" " -f1-3 /proc/loadavg))"
  "$@" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "== $name FAILED (exit $rc)"; failed=1; fi
}
seed() { dotnet run --project "$seed_project" -c Release --no-build -- --seed-only "$@"; }
browser() { dotnet run --project "$browser_project" -c Release --no-build -- "$@"; }

if wants a || wants b || wants c; then
  step "seed $deals deals, $changes changes" seed --database kap_scale --deals "$deals" --changes "$changes" --sign-ins $(((pages + 4) / 5))
fi
wants a && step "(a) board, $deals deals" browser --scale --database kap_scale --rounds "$rounds" --weigh \
  --visible-target-ms 400 --interactive-target-ms 700
wants b && step "(b) memory per open page, $deals deals" browser --memory --database kap_scale --pages "$pages" --retention-seconds "$retention"
wants c && step "(c) API load, $deals deals" browser --load --database kap_scale --requests "$requests"
if wants a && [ "$big_deals" -gt 0 ]; then
  step "seed $big_deals deals, $big_changes changes" seed --database kap_scale_big --deals "$big_deals" --changes "$big_changes" --sign-ins 1
  step "(a) board, $big_deals deals" browser --scale --database kap_scale_big --rounds $(((rounds + 1) / 2)) --interactive-target-ms 1000
fi
wants d && step "(d) review and insights, history ×1 and ×$history" \
  dotnet run --project "$seed_project" -c Release --no-build -- --review --database kap_scale_review --deals "$deals" --changes "$changes" --history "$history"

echo
echo "== Summary ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
rc=0
browser --summary "$results" || rc=$?
if [ "$failed" -ne 0 ]; then echo "A step failed (see above): exit 2."; exit 2; fi
exit "$rc"
