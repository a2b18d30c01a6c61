#!/usr/bin/env bash
# The torchrun launch shared by dist_train.sh and dist_test.sh (they check their own
# arguments and print their own usage): run a tools/ script on NPROC processes per node with
# mmengine's `pytorch` launcher (nccl on GPUs, gloo on CPU; the callers pass
# `--launcher pytorch`). Usage: bash tools/_dist_launch.sh NPROC SCRIPT [SCRIPT args]
# (env: NNODES, NODE_RANK, MASTER_ADDR, PORT, PYTHON)
set -euo pipefail
NPROC=$1
SCRIPT=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
PYTHON=${PYTHON:-python}

PYTHONPATH="$(dirname "$0")/..${PYTHONPATH:+:$PYTHONPATH}" \
"$PYTHON" -m torch.distributed.run --nnodes="$NNODES" --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" --nproc_per_node="$NPROC" --master_port="$PORT" \
    "$SCRIPT" "${@:3}"
