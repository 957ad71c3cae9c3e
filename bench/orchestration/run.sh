#!/usr/bin/env bash
# Orchestration overhead over N jobs (default 50) against the system ./dev.sh up runs (loopback webhooks allowed there).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/dev.sh" up >/dev/null
AP_API_KEY="$(cat "$root/.local/dev-api-key")"
export AP_API_KEY
dotnet run --project "$root/bench/orchestration" -c Release -- "${AP_INGRESS_URL:-http://127.0.0.1:8080}" "${1:-50}" "${2:-8098}"
