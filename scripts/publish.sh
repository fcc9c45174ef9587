#!/usr/bin/env bash
# Builds the Functions app in the layout Azure Functions expects of a dotnet-isolated app at the package root:
# the worker (Bankflow.Functions.dll and its dependencies), worker.config.json, functions.metadata (generated
# by the Worker SDK from the [Function] attributes), host.json, and the host-side extensions the Worker SDK
# built (extensions.json naming them, their assemblies under .azurefunctions/). Framework-dependent: Flex Consumption runs it on its
# dotnet-isolated 10.0 runtime.
# Usage: ./bankflow publish [OUTPUT_DIR]   (default artifacts/publish; also writes OUTPUT_DIR.zip)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/artifacts/publish}")"
rm -rf "$OUT"
dotnet publish "$ROOT/Functions/Bankflow.Functions.csproj" -c Release -p:DebugType=none -o "$OUT" --nologo -v quiet
rm -f "$OUT"/*.staticwebassets.endpoints.json
for required in host.json functions.metadata worker.config.json extensions.json Bankflow.Functions.dll .azurefunctions/Microsoft.Azure.Functions.Worker.Extensions.dll; do
  [[ -f "$OUT/$required" ]] || { echo "publish: layout incomplete: $required is missing" >&2; exit 1; }
done
( cd "$OUT" && rm -f "$OUT.zip" && python3 - "$OUT.zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for dirpath, _, files in os.walk("."):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            z.write(path, os.path.relpath(path, "."))
PY
)
echo "published to $OUT and $OUT.zip:"
( cd "$OUT" && find . -maxdepth 2 -type f \( -name '*.json' -o -name 'functions.metadata' -o -name 'Bankflow.*.dll' \) | sort )
