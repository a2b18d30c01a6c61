#!/usr/bin/env bash
# Multi-process training through torchrun and mmengine's `pytorch` launcher
# (nccl on GPUs, gloo on CPU).  Usage: bash tools/dist_train.sh CONFIG NPROC [train.py args]
set -euo pipefail
usage() { echo "usage: bash tools/dist_train.sh CONFIG NPROC [train.py options]"; echo "  (env: NNODES, NODE_RANK, MASTER_ADDR, PORT, PYTHON)"; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
if [ $# -lt 2 ]; then usage >&2; exit 2; fi
TOOLS=$(dirname "$0")
exec bash "$TOOLS/_dist_launch.sh" "$2" "$TOOLS/train.py" "$1" --launcher pytorch "${@:3}"
