#!/usr/bin/env bash
# Batched vs sequential decoding at 8 and 16 avatars of the built-in tiny base; the last line is the ratio at 8.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet run --project "$root/bench/inference" -c Release -- "${1:-tiny-llama}"
