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

# 2. Tools and build.
dotnet tool restore >/dev/null || fail_before_tests "dotnet tool restore failed."
dotnet build Sandviken.Strategy.sln --configuration "$configuration" -nologo -clp:ErrorsOnly \
  || fail_before_tests "The build failed (see the errors above)."

# 3. Every model change has a migration, for both providers.
for provider in Sqlite SqlServer; do
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

# 5. Every test project, one after the other: on two cores the browser tests are steadier without the others beside them.
export SANDVIKEN_CHROMIUM=/usr/bin/chromium
: >"$artifacts/test-output.log"
status=0
set +e
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" --no-build --configuration "$configuration" -nologo \
    --results-directory "$artifacts/test-results" 2>&1 | tee -a "$artifacts/test-output.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
set -e

# 6. The closing line, summed over the per-assembly summaries ("Passed!  - Failed: 0, Passed: 4, Skipped: 0, ...").
grep -E '^\s*(Passed|Failed)!' "$artifacts/test-output.log" >"$artifacts/test-summaries.log" || true
assemblies=$(wc -l <"$artifacts/test-summaries.log")
summary=$(awk '
  { for (i = 1; i < NF; i++) { v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") f += v; if ($i == "Passed:") p += v; if ($i == "Skipped:") s += v } }
  END { printf "%d passed, %d failed, %d skipped", p, f, s }' "$artifacts/test-summaries.log")
if [ "$assemblies" -lt 3 ] && [ "$status" -eq 0 ]; then
  echo "Expected a summary from each of the 3 test assemblies, found $assemblies." >&2
  status=1
fi
echo "$summary"
exit "$status"
