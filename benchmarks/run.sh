#!/usr/bin/env bash
# The benchmarks of docs/performance.md: publishes the portal and a bare Kestrel endpoint, then runs
#   throughput  each public page against bare Kestrel with wrk, alternating; warm (cache as configured) and cold
#   scale       cold latency at 1x (demo) and 10x (generated) data, side by side
#   circuit     managed memory per workspace circuit and the time from a click on "Spara mål" to the updated DOM
#   sql         SQL commands per uncached public request at 1x and 10x data (in process)
#   flood       the portal process's memory under a flood of connection attempts to the Blazor hub (ADR 0030)
#   busy        a public page, /health and 40 sign-ins while another process holds the SQLite write lock; backup time
#   instances   two instances behind nginx against one behind the same nginx, public pages warm and cold (issue 11)
# Usage: bash benchmarks/run.sh [all|throughput|scale|circuit|sql|flood|busy|instances]...   (default: all)
# BENCH_SECONDS (default 10) sets the length of each wrk run; BENCH_WORK a folder to keep databases and logs in.
# BENCH_INSTANCE_SETTINGS ("KEY=VALUE;…") is passed to both instances of "instances", for example a shared PostgreSQL
# and Redis: "Database__Provider=PostgreSql;ConnectionStrings__PostgreSql=…;ConnectionStrings__Redis=127.0.0.1:6379".
set -euo pipefail
cd "$(dirname "$0")/.."

commands=("$@")
if [ ${#commands[@]} -eq 0 ] || [ "${commands[0]}" = all ]; then
  commands=(throughput scale circuit sql flood busy instances)
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need_package() { # command package
  if ! command -v "$1" > /dev/null; then
    as_root apt-get update -qq && as_root apt-get install -y -qq "$2" > /dev/null
  fi
}
need_package wrk wrk
need_package chromium chromium
need_package nginx nginx
need_package redis-server redis-server

work=${BENCH_WORK:-$(mktemp -d /tmp/sandviken-bench.XXXXXX)}
seconds=${BENCH_SECONDS:-10}
mkdir -p "$work"

echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes in src)')"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet publish src/Sandviken.Strategy.Web -c Release -o "$work/app" -v quiet -nologo > "$work/publish.log"
dotnet publish benchmarks/Sandviken.Strategy.BareKestrel -c Release -o "$work/bare" -v quiet -nologo >> "$work/publish.log"
dotnet build benchmarks/Sandviken.Strategy.Benchmarks -c Release -v quiet -nologo >> "$work/publish.log"

bench() { dotnet run --no-build -c Release --project benchmarks/Sandviken.Strategy.Benchmarks -- "$@"; }
for command in "${commands[@]}"; do
  case "$command" in
    throughput) bench throughput --app "$work/app" --bare "$work/bare" --work "$work/throughput" --seconds "$seconds" --connections 32 --threads 2 ;;
    scale) bench scale --app "$work/app" --work "$work/scale" --seconds "$seconds" --organisations 300 --years 10 ;;
    circuit) bench circuit --circuits 10 --saves 40 ;;
    flood) bench flood --app "$work/app" --work "$work/flood" --attempts 1500 --parallel 50 ;;
    sql) bench sql --work "$work/sql" --organisations 300 --years 10 ;;
    busy) bench busy --app "$work/app" --work "$work/busy" --writers 40 ;;
    instances) bench instances --app "$work/app" --work "$work/instances" --seconds "$seconds" --connections 32 --threads 2 \
      --settings "${BENCH_INSTANCE_SETTINGS:-}" ;;
    *) echo "Unknown benchmark '$command'." >&2; exit 2 ;;
  esac
done
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); databases and logs in $work"
