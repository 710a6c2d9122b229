#!/usr/bin/env bash
# Crash safety, at length (ADR 0033, docs/security.md "Busy database, backup and crash safety"):
# a process writing through the portal's domain service (tests/Sandviken.Strategy.CrashWriter) is killed with
# SIGKILL (kill -9) in the middle of its writes, RUNS times (default 50). After each kill the database must pass
# PRAGMA integrity_check and hold every write the process acknowledged, and the next process must start on it.
# The test command (scripts/test.sh) runs the same test 20 times.
#
#   scripts/crash-test.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-50}"
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -gt 0 ] || { echo "RUNS must be a whole number above 0, not '$runs'." >&2; exit 2; }

dotnet build tests/Sandviken.Strategy.Domain.Tests --configuration Release -nologo -clp:ErrorsOnly
SANDVIKEN_CRASH_RUNS="$runs" dotnet test tests/Sandviken.Strategy.Domain.Tests --configuration Release --no-build -nologo \
  --filter "FullyQualifiedName~Sandviken.Strategy.Domain.Tests.Data.CrashSafetyTests" \
  --logger "console;verbosity=detailed"
