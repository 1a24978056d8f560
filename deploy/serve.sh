#!/usr/bin/env bash
# Serve the dashboard as a host would: N `streamlit run app.py` processes on loopback ports behind Caddy
# (deploy/Caddyfile: compression, WebSocket, sticky sessions). Runs in the foreground; Ctrl-C stops all.
#
#   deploy/serve.sh                       # 2 processes behind http://127.0.0.1:8080/
#   PROCESSES=4 PORT=80 BIND=0.0.0.0 deploy/serve.sh
#   BASE_PATH=dash deploy/serve.sh        # the same under http://127.0.0.1:8080/dash/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROCESSES="${PROCESSES:-2}"
PORT="${PORT:-8080}"
BIND="${BIND:-127.0.0.1}"
FIRST_APP_PORT="${FIRST_APP_PORT:-8501}"
BASE_PATH="${BASE_PATH:-}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
CADDY="${CADDY:-$(command -v caddy || true)}"

if [ -z "$CADDY" ]; then
	echo "caddy not found: apt-get install caddy (or: make serve, which installs it)" >&2
	exit 1
fi

pids=()
stop_all() {
	trap - INT TERM EXIT
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

upstreams=""
for i in $(seq 0 $((PROCESSES - 1))); do
	app_port=$((FIRST_APP_PORT + i))
	args=(--server.port "$app_port" --server.address 127.0.0.1 --server.headless true)
	[ -n "$BASE_PATH" ] && args+=(--server.baseUrlPath "$BASE_PATH")
	(cd "$ROOT" && exec "$PYTHON" -m streamlit run app.py "${args[@]}") &
	pids+=($!)
	upstreams="$upstreams 127.0.0.1:$app_port"
done

prefix="${BASE_PATH:+/${BASE_PATH#/}}"
for i in $(seq 0 $((PROCESSES - 1))); do  # Caddy starts once every process answers its health check
	until curl -fsS "http://127.0.0.1:$((FIRST_APP_PORT + i))${prefix}/_stcore/health" >/dev/null 2>&1; do
		kill -0 "${pids[$i]}" 2>/dev/null || { echo "streamlit on port $((FIRST_APP_PORT + i)) ended" >&2; exit 1; }
		sleep 0.5
	done
done

echo "serving http://$BIND:$PORT${prefix}/ (processes:$upstreams)"
KRCN_PORT="$PORT" KRCN_BIND="$BIND" KRCN_UPSTREAMS="${upstreams# }" \
	"$CADDY" run --config "$ROOT/deploy/Caddyfile" --adapter caddyfile &
pids+=($!)
wait -n "${pids[@]}"  # one of them ended (or Ctrl-C): stop the others
