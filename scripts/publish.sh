#!/usr/bin/env bash
# Builds the Functions app in the layout Azure Functions expects at the package root:
#   host.json, one folder per function with its function.json, and the handler executable
#   (self-contained single file for linux-x64, so it does not depend on the platform's .NET runtime).
# Usage: ./bankflow publish [OUTPUT_DIR]   (default artifacts/publish; also writes OUTPUT_DIR.zip)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/artifacts/publish}")"
rm -rf "$OUT"
dotnet publish "$ROOT/Functions/Bankflow.Functions.csproj" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none -o "$OUT" --nologo -v quiet
rm -f "$OUT"/*.staticwebassets.endpoints.json
chmod +x "$OUT/Bankflow.Functions"
[[ -f "$OUT/host.json" && -x "$OUT/Bankflow.Functions" ]] || { echo "publish: layout incomplete" >&2; exit 1; }
( cd "$OUT" && rm -f "$OUT.zip" && python3 - "$OUT.zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for dirpath, _, files in os.walk("."):
        for name in files:
            path = os.path.join(dirpath, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, "."))
            # keep the execute bit on the handler (Linux plans run it directly)
            with open(path, "rb") as fh:
                z.writestr(info, fh.read(), zipfile.ZIP_DEFLATED)
PY
)
echo "published to $OUT and $OUT.zip:"
( cd "$OUT" && find . -maxdepth 2 -type f | sort )
