#!/usr/bin/env bash
# The hostile-input corpus (tests tagged Category=HostileInput), at the size and seed BANKFLOW_FUZZ_COUNT and
# BANKFLOW_FUZZ_SEED ask for: every file through `bankflow parse` (in process) and through the whole import on
# Azurite. Prints each run's summary line and every failing file; exits non-zero when a file failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
echo "bankflow fuzz: seed ${BANKFLOW_FUZZ_SEED:-the CI seed}, ${BANKFLOW_FUZZ_COUNT:-the CI-sized} files${BANKFLOW_FUZZ_CASE:+, case $BANKFLOW_FUZZ_CASE only}" >&2
status=0
for project in tests/LocalHost.Tests/Bankflow.LocalHost.Tests.csproj tests/Functions.Tests/Bankflow.Functions.Tests.csproj; do
  log="$(mktemp)"
  # Quiet when it builds (the restore's NU1603 warnings are known); the whole log when it does not.
  if ! dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  # Detailed console output carries the tests' own lines: the summary, and each failing file with how to rerun it.
  dotnet test "$project" -c Release --no-build --nologo --filter "Category=HostileInput" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || status=1
  grep -E "files \(seed|^ +#[0-9]{4}|Total tests|Passed:|Failed:" "$log" | grep -v "^\[xUnit" | awk '!seen[$0]++'
  rm -f "$log"
done
exit $status
