#!/usr/bin/env bash
# Training throughput, TorchSharp against PyTorch on the same shapes and thread count, measured in one run.
#   bench/training/run.sh                  # tiny models at nproc threads, then the 0.5B-shaped chat case at 1 and 2 threads
#   THREADS=1 STEPS=20 RUNS=5 bench/training/run.sh
#   CHAT_STEPS=4 CHAT_BATCH=4 CHAT_SEQ=256 CHAT_THREADS="1 2" ...   # the 0.5B-shaped chat case; CHAT_THREADS="" skips it
#   CHAT_DATA=fixed ...     # every chat example CHAT_SEQ tokens in one layout (the first figures) instead of varied lengths
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-$(nproc)}"
STEPS="${STEPS:-10}"
BATCH="${BATCH:-4}"
SEQ="${SEQ:-256}"
RUNS="${RUNS:-5}"
CHAT_MODEL=qwen2.5-0.5b-shape
CHAT_STEPS="${CHAT_STEPS:-4}"
CHAT_BATCH="${CHAT_BATCH:-4}"
CHAT_SEQ="${CHAT_SEQ:-256}"
CHAT_RUNS="${CHAT_RUNS:-$RUNS}"
CHAT_THREADS="${CHAT_THREADS-1 2}"
CHAT_DATA="${CHAT_DATA:-varied}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release -v q --nologo bench/training/TrainingBench >/dev/null
bench=bench/training/TrainingBench/bin/Release/net10.0/linux-x64/TrainingBench.dll
# The malloc tuning TorchSharp applies with mallopt (MallocTuning), given to Python's glibc through its tunables.
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=67108864
# OpenMP threads that spin between parallel regions take the cores from the BLAS threads: at 2 threads this halved
# PyTorch's figures (llama-16m 505 against 919 tokens/s). Both sides' libgomp read it.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# Both sides compute attention the same way, as the PyTorch side can: Debian's torch 1.13 has no
# scaled_dot_product_attention, so by default both write out softmax(QK^T)V. TRAINER_ATTENTION=sdpa measures the
# trainer with the fused kernel it uses in the services; ATTENTION=sdpa both sides with it (torch >= 2).
ATTENTION="${ATTENTION:-explicit}"
TRAINER_ATTENTION="${TRAINER_ATTENTION:-$ATTENTION}"

echo "load: $(uptime)"
export OMP_NUM_THREADS="$THREADS"
dotnet "$bench" --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --runs "$RUNS" --attention "$TRAINER_ATTENTION" --json "$out/torchsharp.json"
if [[ "${MALLOPT_OFF:-0}" == 1 ]]; then
  dotnet "$bench" --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --runs "$RUNS" --no-mallopt
fi
/usr/bin/python3 bench/training/bench_torch.py --threads "$THREADS" --steps "$STEPS" --batch "$BATCH" --seq "$SEQ" --runs "$RUNS" \
  --attention "$ATTENTION" --compare "$out/torchsharp.json"
if [[ -n "${MEMORY_STEPS:-}" ]]; then
  dotnet "$bench" --threads "$THREADS" --batch "$BATCH" --seq 64 --memory-steps "$MEMORY_STEPS"
fi

# The realistic case last, so the script's last line is its ratio: training: TorchSharp/PyTorch <ratio>x on <model> chat (<threads> threads)
# With varied lengths TorchSharp draws the conversations and writes them out; the PyTorch side trains on that file.
for threads in $CHAT_THREADS; do
  echo "load: $(uptime)"
  export OMP_NUM_THREADS="$threads"
  writes=() reads=()
  if [[ "$CHAT_DATA" == varied ]]; then
    writes=(--layout-out "$out/chat-layout-$threads.json") reads=(--layout "$out/chat-layout-$threads.json")
  fi
  dotnet "$bench" --threads "$threads" --steps "$CHAT_STEPS" --batch "$CHAT_BATCH" --seq "$CHAT_SEQ" --runs "$CHAT_RUNS" \
    --models "$CHAT_MODEL" --chat "$CHAT_DATA" "${writes[@]}" --attention "$TRAINER_ATTENTION" --json "$out/chat-$threads.json"
  /usr/bin/python3 bench/training/bench_torch.py --threads "$threads" --steps "$CHAT_STEPS" --batch "$CHAT_BATCH" --seq "$CHAT_SEQ" \
    --runs "$CHAT_RUNS" --models "$CHAT_MODEL" --chat "$CHAT_DATA" "${reads[@]}" --attention "$ATTENTION" --compare "$out/chat-$threads.json"
done
