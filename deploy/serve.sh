#!/usr/bin/env bash
# Serve the dashboard as a host would: N `streamlit run app.py` processes on loopback ports behind Caddy
# (deploy/Caddyfile: compression, WebSocket, sticky sessions, health checks, retries), supervised: a process
# that ends is started again, and a rolling deploy (deploy/roll.sh, or SIGHUP to this script) replaces them
# one at a time. Runs in the foreground; Ctrl-C (or SIGTERM) stops all. Design and numbers: docs/hosting.md.
#
#   deploy/serve.sh                       # 2 processes behind http://127.0.0.1:8080/
#   PROCESSES=4 PORT=80 BIND=0.0.0.0 deploy/serve.sh
#   BASE_PATH=dash deploy/serve.sh        # the same under http://127.0.0.1:8080/dash/
#   KRCN_DATA_DIR=/srv/krcn-data deploy/serve.sh   # another data package (every process inherits the environment)
#   deploy/roll.sh                        # new code or data: replace the processes one at a time
#
# Process i listens on FIRST_APP_PORT+i, or on its spare port FIRST_APP_PORT+PROCESSES+i: a rolling deploy
# starts the new process on the spare port, waits until it is healthy, runs every page once on it (deploy/warm.py),
# and only then stops the old one, so the site never has fewer processes than PROCESSES. Caddy knows all 2N ports
# and sends visitors only to those whose health check answers.
set -uo pipefail  # no -e: the supervisor must outlive any one failed command

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROCESSES="${PROCESSES:-2}"
PORT="${PORT:-8080}"
BIND="${BIND:-127.0.0.1}"
FIRST_APP_PORT="${FIRST_APP_PORT:-8501}"
BASE_PATH="${BASE_PATH:-}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
CADDY="${CADDY:-$(command -v caddy || true)}"
RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/krcn-serve-$PORT}"  # serve.pid and roll.status, for deploy/roll.sh
HEALTHY_WITHIN="${HEALTHY_WITHIN:-120}"  # seconds a new process may take to answer its health check
# glibc's allocator gives each thread its own arena (Streamlit runs every session's script in a thread): under a
# crowd, freed memory sat scattered over them, ~24 MiB of a process's RSS after three crowds; with 2 arenas ~8 MiB,
# the same CPU a script run (docs/hosting.md, "A crowd of 100"). The processes inherit it.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

if [ -z "$CADDY" ]; then
	echo "caddy not found: apt-get install caddy (or: make serve, which installs it)" >&2
	exit 1
fi

prefix="${BASE_PATH:+/${BASE_PATH#/}}"
prefix="${prefix%/}"
mkdir -p "$RUN_DIR"
echo $$ >"$RUN_DIR/serve.pid"

log() { echo "[serve $(date -u +%H:%M:%S)] $*"; }

declare -a port pid started_at retry_at backoff
caddy_pid=""
stopping=0
roll_wanted=0
rolls=0

start_app() {  # start_app PORT: a streamlit process on 127.0.0.1:PORT; its pid in REPLY
	local args=(--server.port "$1" --server.address 127.0.0.1 --server.headless true
		--server.fileWatcherType none)  # new code arrives by a rolling deploy, not by watching files
	[ -n "$prefix" ] && args+=(--server.baseUrlPath "$prefix")
	(cd "$ROOT" && exec "$PYTHON" -m streamlit run app.py "${args[@]}") &
	REPLY=$!
}

healthy() { curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$1${prefix}/_stcore/health" 2>/dev/null; }

wait_healthy() {  # wait_healthy PORT PID: 0 once it answers, 1 if it ends or HEALTHY_WITHIN passes
	local deadline=$((SECONDS + HEALTHY_WITHIN))
	until healthy "$1"; do
		kill -0 "$2" 2>/dev/null || return 1
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.25
	done
}

stop_pid() {  # stop_pid PID: SIGTERM (Streamlit closes its sessions), SIGKILL after 20 s
	local waited=0
	kill -TERM "$1" 2>/dev/null || return 0
	while kill -0 "$1" 2>/dev/null && [ "$waited" -lt 80 ]; do sleep 0.25; waited=$((waited + 1)); done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

start_caddy() {
	local upstreams=""
	for i in $(seq 0 $((PROCESSES - 1))); do
		upstreams="$upstreams 127.0.0.1:$((FIRST_APP_PORT + i)) 127.0.0.1:$((FIRST_APP_PORT + PROCESSES + i))"
	done
	KRCN_PORT="$PORT" KRCN_BIND="$BIND" KRCN_UPSTREAMS="${upstreams# }" KRCN_BASE_PATH="$prefix" \
		"$CADDY" run --config "$ROOT/deploy/Caddyfile" --adapter caddyfile &
	caddy_pid=$!
}

set_status() { echo "$*" >"$RUN_DIR/roll.status.tmp" && mv "$RUN_DIR/roll.status.tmp" "$RUN_DIR/roll.status"; }

roll() {  # replace each process in turn: the new one must be healthy before the old one stops
	rolls=$((rolls + 1))
	set_status "rolling $rolls"
	log "rolling deploy $rolls: replacing $PROCESSES processes one at a time"
	for i in $(seq 0 $((PROCESSES - 1))); do
		local old_port=${port[$i]} old_pid=${pid[$i]} new_port
		new_port=$((old_port == FIRST_APP_PORT + i ? FIRST_APP_PORT + PROCESSES + i : FIRST_APP_PORT + i))
		start_app "$new_port"
		local new_pid=$REPLY
		if ! wait_healthy "$new_port" "$new_pid"; then
			stop_pid "$new_pid"
			log "rolling deploy $rolls stopped: the new process $i (port $new_port) did not become healthy; the old ones keep serving"
			set_status "failed $rolls process $i (port $new_port) ended or was not healthy within ${HEALTHY_WITHIN}s; the old processes keep serving"
			return 1
		fi
		# every page once before visitors move to it (the first runs import the libraries and load the data);
		# meanwhile Caddy's active health check (every second) sees the new process
		"$PYTHON" "$ROOT/deploy/warm.py" "$new_port" "$prefix" || log "process $i: warm-up met errors (above); going on"
		sleep 1
		port[$i]=$new_port pid[$i]=$new_pid started_at[$i]=$SECONDS backoff[$i]=1
		stop_pid "$old_pid"
		log "process $i: port $old_port (pid $old_pid) replaced by port $new_port (pid $new_pid)"
	done
	set_status "done $rolls"
	log "rolling deploy $rolls done"
}

stop_all() {  # stop_all EXIT_STATUS
	stopping=1
	trap - INT TERM HUP EXIT
	kill -TERM $(jobs -p) 2>/dev/null  # every child, with a rolling deploy's new process not yet in pid[]
	wait 2>/dev/null
	rm -f "$RUN_DIR/serve.pid"
	exit "$1"
}
trap 'stop_all 0' INT TERM
trap 'stop_all $?' EXIT
trap 'roll_wanted=1' HUP

for i in $(seq 0 $((PROCESSES - 1))); do
	port[$i]=$((FIRST_APP_PORT + i))
	start_app "${port[$i]}"
	pid[$i]=$REPLY started_at[$i]=$SECONDS retry_at[$i]=0 backoff[$i]=1
done
for i in $(seq 0 $((PROCESSES - 1))); do  # Caddy starts once every process answers its health check
	wait_healthy "${port[$i]}" "${pid[$i]}" || { echo "streamlit on port ${port[$i]} did not start" >&2; exit 1; }
done
start_caddy
set_status "done 0"
log "serving http://$BIND:$PORT${prefix}/ (processes on ports ${port[*]}; deploy/roll.sh replaces them)"

while [ "$stopping" = 0 ]; do
	for i in $(seq 0 $((PROCESSES - 1))); do
		kill -0 "${pid[$i]}" 2>/dev/null && continue
		if [ "${retry_at[$i]}" = 0 ]; then  # it just ended: Caddy already sends its visitors to the others
			wait "${pid[$i]}" 2>/dev/null
			status=$?
			# one that dies within 10 s of its start (bad code, bad data) is retried ever more slowly, up to 30 s
			if [ $((SECONDS - started_at[$i])) -lt 10 ]; then backoff[$i]=$((backoff[$i] * 2 > 30 ? 30 : backoff[$i] * 2)); else backoff[$i]=1; fi
			retry_at[$i]=$((SECONDS + (backoff[$i] > 1 ? backoff[$i] : 0)))
			log "process $i (port ${port[$i]}, pid ${pid[$i]}) ended with status $status; starting it again in $((retry_at[$i] - SECONDS)) s"
		fi
		if [ "$SECONDS" -ge "${retry_at[$i]}" ]; then
			start_app "${port[$i]}"
			pid[$i]=$REPLY started_at[$i]=$SECONDS retry_at[$i]=0
		fi
	done
	if ! kill -0 "$caddy_pid" 2>/dev/null; then
		log "caddy ended; starting it again"
		start_caddy
	fi
	if [ "$roll_wanted" = 1 ]; then
		roll_wanted=0
		roll
	fi
	sleep 0.2
done
