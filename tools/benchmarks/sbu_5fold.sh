#!/usr/bin/env bash
# SBU 5-fold protocol behind the README's SBU rows: per fold, MPDP pretraining, then linear
# evaluation and kNN on the pretrained and on a randomly initialised (floor) encoder.
# Usage: bash tools/benchmarks/sbu_5fold.sh [WORK_ROOT] (needs data/sbu/sbu.pkl from
# tools/data/sbu_to_pkl.py). Logs: WORK_ROOT/fold{k}/...
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python}
ROOT=${1:-work_dirs/sbu}
PRE=configs/mpdp/mpdp_gl-transformer-d16_1xb32-30e_sbu-fold1.py
LIN=configs/mpdp/benchmarks/linear_gl-transformer-d16_1xb64-15e_sbu-fold1.py
for k in ${FOLDS:-1 2 3 4 5}; do
  W=$ROOT/fold$k
  mkdir -p "$W"
  S="train_dataloader.dataset.split=fold${k}_train val_dataloader.dataset.split=fold${k}_val test_dataloader.dataset.split=fold${k}_val"
  [ -f "$W/pretrain/epoch_30.pth" ] || \
    $PY tools/train.py $PRE --work-dir "$W/pretrain" --cfg-options train_dataloader.dataset.split=fold${k}_train > "$W/pretrain.log" 2>&1
  [ -f "$W/linear_mpdp/epoch_15.pth" ] || \
    $PY tools/train.py $LIN --work-dir "$W/linear_mpdp" --cfg-options $S model.backbone.init_cfg.checkpoint="$W/pretrain/epoch_30.pth" > "$W/linear_mpdp.log" 2>&1
  [ -f "$W/linear_random/epoch_15.pth" ] || \
    $PY tools/train.py $LIN --work-dir "$W/linear_random" --cfg-options $S model.backbone.init_cfg=None > "$W/linear_random.log" 2>&1
  $PY tools/analysis/knn_eval.py $LIN --pretrained "$W/pretrain/epoch_30.pth" --cfg-options $S > "$W/knn_mpdp.log" 2>&1
  $PY tools/analysis/knn_eval.py $LIN --random-init --cfg-options $S > "$W/knn_random.log" 2>&1
  echo "fold $k done"
done
