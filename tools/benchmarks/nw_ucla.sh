#!/usr/bin/env bash
# NW-UCLA cross-view protocols behind the README's NW-UCLA rows, from an MPDP checkpoint:
# linear evaluation and kNN (pretrained and random-init floor), fine-tuning, supervised
# GL-Transformer and STGCN from scratch. Stages whose checkpoint exists are skipped.
# Usage: bash tools/benchmarks/nw_ucla.sh PRETRAINED_CKPT [WORK_ROOT] [STAGES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python}
CKPT=$1
ROOT=${2:-work_dirs/nw_ucla}
shift 2 || true
STAGES=${*:-linear knn finetune scratch stgcn}
B=configs/mpdp/benchmarks
LIN=$B/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py
mkdir -p "$ROOT"
train() {  # name config [cfg-options...]
  local name=$1 cfg=$2; shift 2
  [ -f "$ROOT/$name/epoch_15.pth" ] || $PY tools/train.py "$cfg" --work-dir "$ROOT/$name" \
    --cfg-options "$@" > "$ROOT/$name.log" 2>&1
  echo "$name done"
}
for stage in $STAGES; do
  case $stage in
    linear)
      train linear_mpdp $LIN model.backbone.init_cfg.checkpoint="$CKPT"
      train linear_random $LIN model.backbone.init_cfg=None ;;
    knn)
      $PY tools/analysis/knn_eval.py $LIN --pretrained "$CKPT" > "$ROOT/knn_mpdp.log" 2>&1
      $PY tools/analysis/knn_eval.py $LIN --random-init > "$ROOT/knn_random.log" 2>&1
      echo "knn done" ;;
    finetune)
      train finetune $B/finetune_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py \
        model.backbone.init_cfg.checkpoint="$CKPT" ;;
    scratch)
      train scratch_gl $B/scratch_gl-transformer-d32_1xb32-15e_nw-ucla-xview.py \
        model.backbone.init_cfg=None ;;
    stgcn)
      train scratch_stgcn $B/scratch_stgcn-c32_1xb32-15e_nw-ucla-xview.py default_scope=mmaction ;;
  esac
done
