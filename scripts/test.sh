#!/usr/bin/env bash
# Restores, builds and runs every test project; prints one closing line "N passed, N failed, N skipped"
# counted from the TRX results (not from console text), and exits non-zero when anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

dotnet build Serverless.sln -c Release --nologo -v quiet -clp:NoSummary || { echo "0 passed, 1 failed"; exit 1; }

# The natively compiled `bankflow parse` (what users run): NativeParseToolTests compare it with the in-process command.
# A failed native build is not hidden: the tests then fail on the missing binary and point at the log.
source "$ROOT/scripts/native-parse.sh"
if native_parse_ensure; then
  export BANKFLOW_PARSE_NATIVE="$ROOT/$NATIVE_PARSE"
else
  export BANKFLOW_PARSE_NATIVE="$ROOT/artifacts/parse/not-built"   # not the stale binary: the tests fail and say why
fi

dotnet test Serverless.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@"
status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
# A test run that crashed before writing results must not look green.
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
if [[ $files -eq 0 ]]; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
