#!/usr/bin/env bash
# Serve a class: N Streamlit replicas of DL Playground behind nginx (deploy/nginx.conf), sharing one Ray cluster.
#
#   deploy/serve_class.sh [REPLICAS] [PORT]      # defaults: 2 replicas, learners open http://HOST:8500
#
# Replicas listen on PORT+1 ... PORT+REPLICAS (loopback only); nginx listens on PORT. Training runs go to the Ray
# cluster at $DLP_RAY_ADDRESS; without one, and with Ray installed, the script starts a local head for the
# replicas to share (stopped again on exit). DLP_JOBS=threads keeps every run in its replica's threads instead.
# Logs and nginx's files go to $DLP_RUN_DIR (default /tmp/dlp-class). Ctrl-C (or SIGTERM) stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS="${1:-2}"
PORT="${2:-8500}"
RUN_DIR="${DLP_RUN_DIR:-/tmp/dlp-class}"
PYTHON="${DLP_PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "serve_class: nginx not found (apt-get install nginx)" >&2; exit 1; }
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp"

children=()
stop_all() {  # only what this script started: ray start --block stops its own head on SIGTERM
  trap - INT TERM EXIT
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# One Ray cluster for every replica: the given one, or a local head.
if [ "${DLP_JOBS:-}" != "threads" ] && [ -z "${DLP_RAY_ADDRESS:-}" ] && "$PYTHON" -c "import ray" 2>/dev/null; then
  RAY_PORT="${DLP_RAY_PORT:-6379}"
  # Ray's token authentication: the head writes ~/.ray/auth_token, the replicas (same user) present it.
  export RAY_AUTH_MODE="${RAY_AUTH_MODE:-token}"
  for attempt in 1 2 3; do  # on a loaded machine the raylet may miss Ray's 30 s start deadline: try again
    echo "serve_class: starting a local Ray head on port $RAY_PORT (attempt $attempt)"
    setsid "$PYTHON" -m ray.scripts.scripts start --head --block --port "$RAY_PORT" --include-dashboard=false \
      --disable-usage-stats ${DLP_RAY_CPUS:+--num-cpus "$DLP_RAY_CPUS"} \
      ${DLP_RAY_OBJECT_STORE_BYTES:+--object-store-memory "$DLP_RAY_OBJECT_STORE_BYTES"} \
      >>"$RUN_DIR/logs/ray.log" 2>&1 &
    ray_pid=$!
    # ready when the raylet has registered (ray status answers), not merely when the GCS port is open
    until "$PYTHON" -m ray.scripts.scripts status --address "127.0.0.1:$RAY_PORT" >/dev/null 2>&1; do
      kill -0 "$ray_pid" 2>/dev/null || break
      sleep 2
    done
    if kill -0 "$ray_pid" 2>/dev/null; then
      children+=("$ray_pid")
      break
    fi
    kill -- -"$ray_pid" 2>/dev/null || true  # what the failed start left behind (its own process group)
    wait "$ray_pid" 2>/dev/null || true
    [ "$attempt" = 3 ] && { echo "serve_class: Ray did not start ($RUN_DIR/logs/ray.log)" >&2; exit 1; }
  done
  export DLP_RAY_ADDRESS="127.0.0.1:$RAY_PORT"
fi

# The replicas: same cookie secret, so a learner moved to another replica (one went down) keeps a valid token.
export STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')}"
: >"$RUN_DIR/replicas.conf"
for i in $(seq 1 "$REPLICAS"); do
  port=$((PORT + i))
  "$PYTHON" -m streamlit run app.py --server.headless true --server.address 127.0.0.1 --server.port "$port" \
    --browser.gatherUsageStats false --server.fileWatcherType none \
    >"$RUN_DIR/logs/replica-$port.log" 2>&1 &
  children+=("$!")
  echo "        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;" >>"$RUN_DIR/replicas.conf"
done

# nginx: deploy/nginx.conf with this run's port and replicas.
awk -v port="$PORT" -v servers="$RUN_DIR/replicas.conf" '
  /# replicas: begin/ { print; while ((getline line < servers) > 0) print line; skip = 1; next }
  /# replicas: end/ { skip = 0 }
  skip { next }
  { sub(/listen 8500;/, "listen " port ";"); print }' deploy/nginx.conf >"$RUN_DIR/nginx.conf"
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g 'daemon off;' &
children+=("$!")
echo "serve_class: $REPLICAS replicas behind http://0.0.0.0:$PORT (logs in $RUN_DIR/logs)"
wait -n "${children[@]}" || true
echo "serve_class: a replica or nginx exited; stopping" >&2
