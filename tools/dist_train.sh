#!/usr/bin/env bash
# Multi-process training through torchrun and mmengine's `pytorch` launcher
# (nccl on GPUs, gloo on CPU).  Usage: bash tools/dist_train.sh CONFIG NPROC [train.py args]
set -euo pipefail
usage() { echo "usage: bash tools/dist_train.sh CONFIG NPROC [train.py options]"; echo "  (env: NNODES, NODE_RANK, MASTER_ADDR, PORT, PYTHON)"; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
if [ $# -lt 2 ]; then usage >&2; exit 2; fi
CONFIG=$1
NPROC=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
PYTHON=${PYTHON:-python}

PYTHONPATH="$(dirname "$0")/..${PYTHONPATH:+:$PYTHONPATH}" \
"$PYTHON" -m torch.distributed.run --nnodes="$NNODES" --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" --nproc_per_node="$NPROC" --master_port="$PORT" \
    "$(dirname "$0")/train.py" "$CONFIG" --launcher pytorch "${@:3}"
