#!/usr/bin/env bash
# Batched vs sequential decoding at 8 and 16 avatars of the built-in tiny base; the last line is the ratio at 8.
#   bench/inference/run.sh [base]      in process, no services needed
#   bench/inference/run.sh served [ingress] [worker]   on the running stack (./dev.sh up): transport and adapter switch
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${1:-}" = served ]; then
  export AP_API_KEY=${AP_API_KEY:-$(cat "$root/.local/dev-api-key")}
  exec dotnet run --project "$root/bench/inference" -c Release -- served "${2:-http://127.0.0.1:8080}" "${3:-http://127.0.0.1:8090}"
fi
dotnet run --project "$root/bench/inference" -c Release -- "${1:-tiny-llama}"
