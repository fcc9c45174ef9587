# Sourced by ./bankflow (parse) and scripts/test.sh, from the repository root: the natively compiled `bankflow parse`
# (LocalHost/ParseTool, Native AOT), published to artifacts/parse/ when missing or older than any of its sources.
# Sourced rather than run: `./bankflow parse` on a small file is a few milliseconds of work, and each extra process
# here costs more than that.

NATIVE_PARSE="artifacts/parse/bankflow-parse"
NATIVE_PARSE_FAILED="artifacts/parse/publish-failed.log"

# True when $1 exists and no source of the tool is newer.
native_parse_fresh() {
  [[ -e "$1" ]] && [[ -z "$(find Domain LocalHost/Parse LocalHost/ParseTool Directory.Build.props Directory.Packages.props global.json \
      \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) \
      -newer "$1" -print -quit 2>/dev/null)" ]]
}

# Succeeds when $NATIVE_PARSE is fresh, publishing it first if needed. When it cannot be built (Native AOT needs a C
# toolchain) it says so in one line, keeps the log, fails, and does not try again until a source changes or the log is
# deleted; the caller then runs the JIT build of the same command. One publish at a time (flock), so two parses
# started together do not write the same files.
native_parse_ensure() {
  if [[ -x "$NATIVE_PARSE" ]] && native_parse_fresh "$NATIVE_PARSE"; then
    return 0
  fi
  if native_parse_fresh "$NATIVE_PARSE_FAILED"; then
    return 1
  fi
  mkdir -p artifacts/parse
  (
    flock 9
    if [[ -x "$NATIVE_PARSE" ]] && native_parse_fresh "$NATIVE_PARSE"; then
      exit 0   # published by the parse that held the lock before us
    fi
    echo "bankflow: compiling the native parse tool (once, about half a minute)…" >&2
    log="$(mktemp)"
    if ! dotnet publish LocalHost/ParseTool/Bankflow.ParseTool.csproj -c Release --use-current-runtime --nologo -v quiet \
          -o artifacts/parse >"$log" 2>&1; then
      mv "$log" "$NATIVE_PARSE_FAILED"
      echo "bankflow: the native parse tool could not be built (log: $NATIVE_PARSE_FAILED; delete it to try again); using the JIT build" >&2
      exit 1
    fi
    rm -f "$log" "$NATIVE_PARSE_FAILED"
    # An up-to-date publish does not rewrite the binary: mark it checked, or the next call would publish again.
    touch "$NATIVE_PARSE"
  ) 9>artifacts/parse/.publish.lock
}
