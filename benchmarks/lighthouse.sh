#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, the default) on Debian's Chromium against the published portal:
# performance and accessibility scores, LCP, and what a first visit transfers.
# Usage: bash benchmarks/lighthouse.sh [base-url]
#   Without a base URL it publishes the portal and starts it (Production, demo data, a fresh SQLite file,
#   Serilog at Warning) on 127.0.0.1:${BENCH_PORT:-5180}, and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
command -v chromium > /dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq chromium > /dev/null; }
command -v npm > /dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm > /dev/null; }
(cd benchmarks/lighthouse && npm ci --no-audit --no-fund --loglevel=error > /dev/null)

work=${BENCH_WORK:-$(mktemp -d /tmp/sandviken-lighthouse.XXXXXX)}
mkdir -p "$work"
base=${1:-}
app_pid=
cleanup() { if [ -n "$app_pid" ]; then kill "$app_pid" 2> /dev/null || true; fi; }
trap cleanup EXIT

if [ -z "$base" ]; then
  port=${BENCH_PORT:-5180}
  base="http://127.0.0.1:$port"
  dotnet publish src/Sandviken.Strategy.Web -c Release -o "$work/app" -v quiet -nologo > "$work/publish.log"
  (cd "$work/app" && \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
    ConnectionStrings__Sqlite="Data Source=$work/portal.db" Seed__AllowDemoDataInProduction=true \
    Serilog__MinimumLevel__Default=Warning Serilog__WriteTo__1__Args__path="$work/logs/portal-.log" \
    exec dotnet Sandviken.Strategy.Web.dll > "$work/console.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$base/health" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "$base/health" || { echo "The portal did not start; see $work/console.log" >&2; exit 1; }
fi

pages=(/ /omraden/vaxa-for-framtiden /organisationer/kunskapsnamnden/2025 /beslutsstatus)
for page in "${pages[@]}"; do
  curl -fs -o /dev/null "$base$page" # the server's first request of a page (JIT, query compilation) is not the visit measured
done

reports=()
for page in "${pages[@]}"; do
  report="$work/lighthouse$(echo "$page" | tr '/' '_').json"
  CHROME_PATH=/usr/bin/chromium benchmarks/lighthouse/node_modules/.bin/lighthouse "$base$page" \
    --quiet --output=json --output-path="$report" --only-categories=performance,accessibility \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
  reports+=("$report")
done

echo "Lighthouse $(benchmarks/lighthouse/node_modules/.bin/lighthouse --version), mobile preset, $(chromium --version 2>/dev/null | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
node benchmarks/lighthouse/summary.mjs "${reports[@]}"
echo "Reports in $work"
