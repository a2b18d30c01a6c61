#!/usr/bin/env bash
# One GPU check of the MPDP pretraining step at the NTU-60 xsub defaults, batch 128, every
# sample at the mean length of U[40, 300] (170 frames), on one CUDA device, in about 6 min:
#   fp32, TF32, bf16 (autocast) and bf16 + torch.compile, the default and the parity
#   (reference_math) path side by side (ms/step, samples/s, peak GiB), then the bf16
#   numerics check (benchmark.py --compare-amp 100, batch 32).
# Each step writes OUT/<step>.log (the last line a JSON object); OUT/summary.jsonl gathers
# the JSON lines. docs/benchmarks.md links the default OUT.
#
#   bash tools/benchmarks/gpu_check.sh                       # CUDA, OUT=docs/results/gpu/benchmarks
#   bash tools/benchmarks/gpu_check.sh --device cpu --out /tmp/dry   # dry run: every step, tiny, CPU
set -euo pipefail
cd "$(dirname "$0")/../.."
DEVICE=cuda
OUT=
PY=${PYTHON:-python}
while [[ $# -gt 0 ]]; do
  case $1 in
    --device) DEVICE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $DEVICE == cuda ]]; then
  OUT=${OUT:-docs/results/gpu/benchmarks}
  CONFIG=configs/mpdp/mpdp_gl-transformer_1xb128-120e_ntu60-xsub.py
  STEP=(--device cuda --batch-size 128 --iters 5 --warmup 2 --lengths mean --data-samples 0)
  COMPILE=(--compile --warmup 3)
  AMP=(--device cuda --compare-amp 100 --batch-size 32 --lengths random)
  LIMIT=150          # seconds per step; the whole check stays near 6 minutes
elif [[ $DEVICE == cpu ]]; then
  # dry mode: the same steps on the tiny demo config; the compile step traces with the
  # eager backend (inductor's CPU code generation takes minutes on small machines)
  OUT=${OUT:-work_dirs/gpu_check_dry}
  CONFIG=configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py
  STEP=(--device cpu --batch-size 2 --iters 1 --warmup 0 --lengths mean --data-samples 0)
  COMPILE=(--compile --compile-backend eager)
  AMP=(--device cpu --compare-amp 2 --batch-size 2 --lengths random)
  LIMIT=600
else
  echo "--device must be cuda or cpu, got $DEVICE" >&2; exit 2
fi
mkdir -p "$OUT"
: > "$OUT/summary.jsonl"
{
  date -u +%FT%TZ
  git rev-parse HEAD 2>/dev/null || true
  "$PY" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'
  if [[ $DEVICE == cuda ]]; then nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
  else lscpu | grep 'Model name' || true; fi
} > "$OUT/machine.txt" 2>&1

failed=0
run() {  # run NAME ARGS...: one benchmark.py call, its log and its JSON line
  local name=$1; shift
  echo "== $name: benchmark.py $CONFIG $*"
  if timeout "$LIMIT" "$PY" tools/analysis/benchmark.py "$CONFIG" "$@" > "$OUT/$name.log" 2>&1; then
    tail -n 1 "$OUT/$name.log" >> "$OUT/summary.jsonl"
    grep -E '^(path|default|reference|compiled|batch)' "$OUT/$name.log" || true
  else
    echo "   $name failed (exit $?): see $OUT/$name.log"; failed=1
  fi
}
run fp32 "${STEP[@]}" --reference-math
run tf32 "${STEP[@]}" --reference-math --tf32
run bf16 "${STEP[@]}" --reference-math --amp
run bf16_compile "${STEP[@]}" --amp "${COMPILE[@]}"
run compare_amp "${AMP[@]}"
echo "logs: $OUT"
exit $failed
