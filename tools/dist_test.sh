#!/usr/bin/env bash
# Multi-process testing through torchrun and mmengine's `pytorch` launcher.
# Usage: bash tools/dist_test.sh CONFIG CHECKPOINT NPROC [test.py args]
set -euo pipefail
usage() { echo "usage: bash tools/dist_test.sh CONFIG CHECKPOINT NPROC [test.py options]"; echo "  (env: NNODES, NODE_RANK, MASTER_ADDR, PORT, PYTHON)"; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
if [ $# -lt 3 ]; then usage >&2; exit 2; fi
TOOLS=$(dirname "$0")
exec bash "$TOOLS/_dist_launch.sh" "$3" "$TOOLS/test.py" "$1" "$2" --launcher pytorch "${@:4}"
