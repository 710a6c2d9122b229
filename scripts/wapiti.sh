#!/usr/bin/env bash
# A web scan of the running portal with wapiti (Debian's package), as docs/security.md "Scanner (wapiti)" describes.
# Not part of the test command: a full scan takes from several minutes to an hour on two cores.
#
#   bash scripts/wapiti.sh            # build, start the portal on a temporary SQLite database, scan, stop
#   WAPITI_MAX_SCAN_SECONDS=600 bash scripts/wapiti.sh
#
# wapiti's Python client cannot read Brotli, so it asks for gzip (else it sees no links and scans one page).
# The portal runs on 127.0.0.1 only, with the demo data (so that the crawler finds plans, years and filters).
# Every request goes to that address: wapiti's SSRF module is given a local endpoint instead of its public one,
# and its automatic bug reports are off. The reports land in artifacts/wapiti/ (HTML for people, JSON for diffs).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
port="${WAPITI_PORT:-5087}"
endpoint_port="${WAPITI_ENDPOINT_PORT:-5088}"
max_scan_seconds="${WAPITI_MAX_SCAN_SECONDS:-1800}"
max_attack_seconds="${WAPITI_MAX_ATTACK_SECONDS:-600}"
# wapiti's default modules, plus crlf and csrf (issue 9 names sql, xss, exec, file, redirect, crlf, csrf, ssrf).
modules="${WAPITI_MODULES:-blindsql,cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,ssrf,xss,crlf,csrf}"
out="$PWD/artifacts/wapiti"
work=$(mktemp -d /tmp/sandviken-wapiti.XXXXXX)
mkdir -p "$out"

# 1. wapiti from Debian's packages, once (root, as scripts/test.sh installs Chromium).
if ! command -v wapiti >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "wapiti is missing: run 'sudo apt-get install -y wapiti' first." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wapiti >/dev/null
fi

# 2. The portal, built and started on a fresh database in a temporary folder.
dotnet build src/Sandviken.Strategy.Web --configuration "$configuration" -nologo -clp:ErrorsOnly
portal_pid=""
endpoint_pid=""
cleanup() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true
  [ -n "$endpoint_pid" ] && kill "$endpoint_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Production \
Database__Provider=Sqlite \
ConnectionStrings__Sqlite="Data Source=$work/portal.db" \
Seed__IncludeDemoData=true \
Seed__AllowDemoDataInProduction=true \
Serilog__WriteTo__1__Args__path="$work/logs/portal-.log" \
  dotnet run --project src/Sandviken.Strategy.Web --configuration "$configuration" --no-build --no-launch-profile \
    --urls "http://127.0.0.1:$port" >"$out/portal-console.log" 2>&1 &
portal_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/health"; then
    break
  fi
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/" || { echo "The portal did not start; see $out/portal-console.log" >&2; exit 1; }

# 3. A local stand-in for wapiti's SSRF endpoint (it only needs to answer), so that nothing leaves the machine.
mkdir -p "$work/endpoint"
(cd "$work/endpoint" && exec python3 -m http.server "$endpoint_port" --bind 127.0.0.1) >/dev/null 2>&1 &
endpoint_pid=$!

# wapiti's wapp module downloads a database from the internet when it has none at hand: an empty one stops that.
mkdir -p "$work/config"
echo '{}' >"$work/config/apps.json"

# 4. The scan, anonymous (the scanner has no account). wapiti 3.0.4's --exclude fails on Python 3.11, so nothing is excluded.
started=$(date +%s)
wapiti --url "http://127.0.0.1:$port/" --scope folder \
  --module "$modules" \
  --header "Accept-Encoding: gzip, deflate" \
  --endpoint "http://127.0.0.1:$endpoint_port/" \
  --max-scan-time "$max_scan_seconds" --max-attack-time "$max_attack_seconds" \
  --flush-session --store-session "$work/session" --store-config "$work/config" \
  --no-bugreport --verbose 1 \
  --format json --output "$out/report.json" | tee "$out/wapiti-console.log"
wapiti --url "http://127.0.0.1:$port/" --scope folder --module "$modules" --header "Accept-Encoding: gzip, deflate" --endpoint "http://127.0.0.1:$endpoint_port/" \
  --skip-crawl --store-session "$work/session" --store-config "$work/config" --no-bugreport --verbose 0 \
  --format html --output "$out/html" >/dev/null 2>&1 || true
echo "Scan took $(( $(date +%s) - started )) s. Reports: $out/report.json and $out/html/."

# 5. A summary: findings per category (the categories wapiti found nothing in are left out).
python3 - "$out/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, findings in sorted(report.get(section, {}).items()):
        if findings:
            print(f"{section}: {category}: {len(findings)}")
            for finding in findings[:10]:
                print(f"  level {finding.get('level')}: {finding.get('method')} {finding.get('path')} {finding.get('parameter') or ''} - {finding.get('info', '')[:160]}")
PY
