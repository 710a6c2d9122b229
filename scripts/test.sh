#!/usr/bin/env bash
# The one test command (README): installs and starts what the tests need, then runs every test.
# Ends with the line "N passed, N failed, N skipped" summed over all test assemblies.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
artifacts="$PWD/artifacts"
mkdir -p "$artifacts/sqlserver" "$artifacts/test-results"

# A step before the tests that fails still ends with the closing line CI reads.
fail_before_tests() {
  echo "$1" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

# 1. Chromium for the browser tests (Playwright cannot download its own browsers here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages..."
  if [ "$(id -u)" -ne 0 ]; then
    fail_before_tests "Chromium is missing and installing it needs root: run 'sudo apt-get install -y chromium' first."
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail_before_tests "apt-get update failed."
  apt-get install -y -qq chromium >/dev/null || fail_before_tests "Installing Chromium failed."
fi

# 1b. A PostgreSQL cluster of this run's own (ADR 0037): every test project gets SANDVIKEN_POSTGRES, an admin connection
#     string, and makes its own databases there. It is stopped when the script ends, whatever happens.
source scripts/test-postgres.sh
trap stop_test_postgres EXIT
start_test_postgres "$artifacts" || fail_before_tests "Starting the tests' PostgreSQL cluster failed (see above)."

# 1c. Redis and nginx for the two-instance topology (tests/Sandviken.Strategy.Cluster.Tests, scripts/cluster.sh, ADR 0038).
#     The tests start their own processes on free ports: the services the packages start are stopped and disabled.
if ! command -v redis-server >/dev/null || ! command -v nginx >/dev/null; then
  echo "Installing redis-server and nginx from Debian's packages..."
  if [ "$(id -u)" -ne 0 ]; then
    fail_before_tests "redis-server or nginx is missing and installing them needs root: run 'sudo apt-get install -y redis-server nginx' first."
  fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq redis-server nginx >/dev/null; } || fail_before_tests "Installing redis-server and nginx failed."
  for service in redis-server nginx; do
    { service "$service" stop && { systemctl disable "$service" || update-rc.d "$service" disable; }; } >/dev/null 2>&1 || true
  done
fi

# 1d. The tests' SMTP server (tests/smtp/smtp_sink.py) runs on Debian's python3-aiosmtpd with Debian's own python3
#     (SANDVIKEN_PYTHON, so that a python3 of pyenv or a virtualenv earlier on PATH does not stand in for it; ADR 0041).
export SANDVIKEN_PYTHON=/usr/bin/python3
if ! "$SANDVIKEN_PYTHON" -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "Installing python3-aiosmtpd from Debian's packages..."
  if [ "$(id -u)" -ne 0 ]; then
    fail_before_tests "python3-aiosmtpd is missing and installing it needs root: run 'sudo apt-get install -y python3-aiosmtpd' first."
  fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq python3-aiosmtpd >/dev/null; } || fail_before_tests "Installing python3-aiosmtpd failed."
fi

# 2. Tools and build.
dotnet tool restore >/dev/null || fail_before_tests "dotnet tool restore failed."
dotnet build Sandviken.Strategy.sln --configuration "$configuration" -nologo -clp:ErrorsOnly \
  || fail_before_tests "The build failed (see the errors above)."

# 3. Every model change has a migration, for every provider.
for provider in Sqlite SqlServer PostgreSql; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --configuration "$configuration" \
      --project "src/Sandviken.Strategy.Migrations.$provider" --startup-project src/Sandviken.Strategy.Web \
      -- --Database:Provider=$provider >"$artifacts/pending-$provider.log" 2>&1; then
    cat "$artifacts/pending-$provider.log" >&2
    fail_before_tests "The $provider model has changes without a migration: add one (see StrategyDbContext)."
  fi
done

# 4. The SQL Server schema script that a DBA applies; the tests parse it.
export SANDVIKEN_SQLSERVER_SCRIPT="$artifacts/sqlserver/sandviken-strategy.sql"
dotnet ef migrations script --idempotent --no-build --configuration "$configuration" \
  --project src/Sandviken.Strategy.Migrations.SqlServer --startup-project src/Sandviken.Strategy.Web \
  --output "$SANDVIKEN_SQLSERVER_SCRIPT" -- --Database:Provider=SqlServer >/dev/null \
  || fail_before_tests "Generating the SQL Server script failed."

# 5. The independent parsers that the feed tests read the portal's Atom, iCalendar and RDF/XML with (tests/parsers).
#    Node.js is on the machines here; where it is not, Debian's nodejs and npm are installed like Chromium above.
if ! command -v npm >/dev/null; then
  echo "Installing Node.js and npm from Debian's packages..."
  if [ "$(id -u)" -ne 0 ]; then
    fail_before_tests "npm is missing and installing it needs root: run 'sudo apt-get install -y nodejs npm' first."
  fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; } || fail_before_tests "Installing Node.js and npm failed."
fi
npm ci --prefix tests/parsers --no-audit --no-fund --loglevel=error >"$artifacts/npm-parsers.log" 2>&1 || {
  cat "$artifacts/npm-parsers.log" >&2
  fail_before_tests "Installing the parsers in tests/parsers with npm ci failed."
}

# 6. Every test project, one after the other: on two cores the browser tests are steadier without the others beside them.
#    A test that runs longer than the hang timeout is stopped, with a dump of the test host, and its run fails.
export SANDVIKEN_CHROMIUM=/usr/bin/chromium
hang_timeout="${SANDVIKEN_TEST_HANG_TIMEOUT:-10m}"
minimums_file=tests/minimum-test-counts.txt
: >"$artifacts/test-output.log"
: >"$artifacts/test-durations.txt"
shopt -s nullglob
projects=(tests/*/*.Tests.csproj)
shopt -u nullglob
# The domain and web tests run twice, on SQLite and on PostgreSQL (SANDVIKEN_TEST_PROVIDER, ADR 0037); the PostgreSQL run
# leaves out the tests about SQLite itself (trait Provider=SqliteOnly). Each run is one entry below, labelled
# "<project> (PostgreSql)" for the second, and each is held to the project's minimum in the minimums file.
runs=()
for project in "${projects[@]}"; do
  runs+=("$project|Sqlite")
  case "$(basename "$project" .csproj)" in
    Sandviken.Strategy.Domain.Tests|Sandviken.Strategy.Web.Tests) runs+=("$project|PostgreSql") ;;
  esac
done
passed=0 failed=0 skipped=0
problems=()
set +e
for run in "${runs[@]}"; do
  project=${run%|*} provider=${run#*|}
  name=$(basename "$project" .csproj)
  filter=()
  label=$name
  if [ "$provider" = PostgreSql ]; then
    label="$name (PostgreSql)"
    filter=(--filter "Provider!=SqliteOnly")
  fi
  log="$artifacts/test-output-$name-$provider.log"
  started=$SECONDS
  SANDVIKEN_TEST_PROVIDER=$provider dotnet test "$project" --no-build --configuration "$configuration" -nologo \
    "${filter[@]}" --results-directory "$artifacts/test-results" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type mini 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  echo "$label: $((SECONDS - started)) s" >>"$artifacts/test-durations.txt"
  cat "$log" >>"$artifacts/test-output.log"

  # The assembly's summary: "Passed!  - Failed: 0, Passed: 4, Skipped: 0, Total: 4, Duration: ... - X.dll (net10.0)".
  summaries=$(grep -cE '^\s*(Passed|Failed)!' "$log")
  read -r p f s < <(grep -E '^\s*(Passed|Failed)!' "$log" | awk '
    { for (i = 1; i < NF; i++) { v = $(i + 1); gsub(/,/, "", v)
        if ($i == "Failed:") f += v; if ($i == "Passed:") p += v; if ($i == "Skipped:") s += v } }
    END { printf "%d %d %d\n", p, f, s }')
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))

  if [ "$summaries" -ne 1 ]; then
    problems+=("$label: expected one summary line from dotnet test, found $summaries (did the test host crash or hang?).")
  elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    problems+=("$label: dotnet test exited with $code although no test failed (an aborted or hung run?).")
  fi
  if grep -q 'inactivity time of' "$log"; then
    problems+=("$label: a test ran longer than $hang_timeout and was stopped; the hang dump is under artifacts/test-results.")
  elif grep -q 'The active test run was aborted' "$log"; then
    problems+=("$label: the test run was aborted (the test host crashed).")
  fi
  if [ "$s" -gt 0 ]; then
    problems+=("$label: $s skipped; nothing may be skipped (ADR 0008).")
  fi
  # The PostgreSQL run has its own minimum, under "<project>@PostgreSql" (it lacks the SQLite-only tests).
  key=$name
  [ "$provider" = PostgreSql ] && key="$name@PostgreSql"
  minimum=$(awk -v n="$key" '$1 == n { print $2 }' "$minimums_file" 2>/dev/null)
  if [ -z "$minimum" ]; then
    problems+=("$label: no minimum test count in $minimums_file; add the line \"$key $((p + f + s))\".")
  elif ! [[ $minimum =~ ^[0-9]+$ ]]; then
    problems+=("$label: its line in $minimums_file must be the project name and one whole number (found \"$minimum\").")
  elif [ $((p + f + s)) -lt "$minimum" ]; then
    problems+=("$label: $((p + f + s)) tests ran, fewer than the $minimum in $minimums_file: were tests lost? Lower the minimum only on purpose.")
  fi
done
set -e

# A listed project that no longer exists has lost all its tests.
if [ -f "$minimums_file" ]; then
  while read -r name _; do
    case "$name" in ''|'#'*) continue ;; esac
    project_name=${name%@PostgreSql}
    [ -f "tests/$project_name/$project_name.csproj" ] || problems+=("$name is listed in $minimums_file but tests/$project_name/$project_name.csproj does not exist.")
  done <"$minimums_file"
else
  problems+=("$minimums_file is missing.")
fi
[ "${#projects[@]}" -gt 0 ] || problems+=("No test project was found under tests/.")

# 7. The closing line. Every broken rule above counts as one failure, so that the line is never greener than the exit status.
status=0
if [ "$failed" -gt 0 ] || [ "${#problems[@]}" -gt 0 ]; then
  status=1
fi
for problem in "${problems[@]}"; do
  echo "FAILED RULE: $problem"
done
echo "$passed passed, $((failed + ${#problems[@]})) failed, $skipped skipped"
exit "$status"
