#!/usr/bin/env bash
# The board in real Chromium: navigation → board drawn and interactive with 500 open deals (cold and
# warm browser cache), saving a checkpoint → the card showing it, and a 2,000-deal board opening and
# scrolling (bench/KeyAccountPipeline.BrowserBenchmarks). Embedded SQLite; not part of the test run.
#
#   CHROMIUM_PATH  Chromium executable (default: /usr/bin/chromium; installed from Debian packages if missing)
#   Arguments go to the benchmark: --rounds N (board opens, default 10), --saves N (default 20)
#
# Exit status: 0 all targets met, 1 a target missed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
export CHROMIUM_PATH="$chromium"

project="$root/bench/KeyAccountPipeline.BrowserBenchmarks/KeyAccountPipeline.BrowserBenchmarks.csproj"
dotnet build "$project" -c Release -nologo -v quiet
dotnet run --project "$project" -c Release --no-build -- "$@"
