#!/usr/bin/env bash
# Training throughput, TorchSharp against PyTorch on the same shapes and thread count, measured in one run.
#   bench/training/run.sh            # threads = nproc
#   THREADS=1 STEPS=20 bench/training/run.sh
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-$(nproc)}"
STEPS="${STEPS:-10}"
BATCH="${BATCH:-4}"
SEQ="${SEQ:-256}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release -v q --nologo bench/training/TrainingBench >/dev/null
bench=bench/training/TrainingBench/bin/Release/net10.0/linux-x64/TrainingBench.dll
export OMP_NUM_THREADS="$THREADS"

dotnet "$bench" --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --json "$out/torchsharp.json"
if [[ "${MALLOPT_OFF:-0}" == 1 ]]; then
  dotnet "$bench" --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --no-mallopt
fi
/usr/bin/python3 bench/training/bench_torch.py --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --compare "$out/torchsharp.json"
if [[ -n "${MEMORY_STEPS:-}" ]]; then
  dotnet "$bench" --threads "$THREADS" --batch "$BATCH" --seq 64 --memory-steps "$MEMORY_STEPS"
fi
