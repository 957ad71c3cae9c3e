#!/usr/bin/env bash
# Training throughput with one and with two training worker processes: the same batch of short jobs (default 8, each
# on its own avatar so that they may run side by side) against ./dev.sh up, jobs per minute for each, and the ratio.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jobs=${1:-8}
ingress=${AP_INGRESS_URL:-http://127.0.0.1:8080}
results=()
for workers in 1 2; do
  "$root/dev.sh" up --training-workers "$workers" >/dev/null
  echo "== $workers training worker(s), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  rate=$(AP_API_KEY="$(cat "$root/.local/dev-api-key")" python3 "$root/bench/scale/batch.py" "$ingress" "$jobs")
  echo "$workers training worker(s): $rate jobs/minute"
  results+=("$rate")
done
"$root/dev.sh" up --training-workers 1 >/dev/null
python3 -c "import sys; one, two = map(float, sys.argv[1:]); print(f'scale: 2 workers/1 worker {two / one:.2f}x')" "${results[@]}"
