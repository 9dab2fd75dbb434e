#!/usr/bin/env bash
# Starts a peer endpoint with 2 workers on 127.0.0.1:PORT in the background and prints its pid.
# Usage: run_peer.sh fastapi|flask PORT MODEL.pkl LOG      Stop it with: kill PID
set -euo pipefail
cd "$(dirname "$0")"
export PEER_MODEL=$3
case "$1" in
  fastapi) nohup /usr/bin/python3 -m uvicorn fastapi_peer:app --host 127.0.0.1 --port "$2" --workers 2 --log-level warning >"$4" 2>&1 & ;;
  flask)   nohup /usr/bin/python3 -m gunicorn -w 2 -b "127.0.0.1:$2" flask_peer:app --log-level warning >"$4" 2>&1 & ;;
  *) echo "usage: $0 fastapi|flask PORT MODEL.pkl LOG" >&2; exit 2 ;;
esac
echo $!
