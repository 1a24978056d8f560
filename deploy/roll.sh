#!/usr/bin/env bash
# Rolling deploy: ask the running deploy/serve.sh to replace its Streamlit processes one at a time (after
# `git pull`, a new requirements install or new data), and wait until it is done. Each new process starts on its
# spare port and must answer its health check before the old one stops; visitors of the old one reconnect to
# a live process at the same URL. If a new process does not become healthy, the deploy stops there and the old
# processes keep serving. Exit status 0 when every process was replaced.
#
#   deploy/roll.sh              # the serve.sh on PORT 8080
#   PORT=80 deploy/roll.sh      # the one started with PORT=80 (or RUN_DIR=... as given to serve.sh)
set -euo pipefail

PORT="${PORT:-8080}"
RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/krcn-serve-$PORT}"
ROLL_WITHIN="${ROLL_WITHIN:-900}"  # seconds to wait for the whole deploy

pid="$(cat "$RUN_DIR/serve.pid" 2>/dev/null || true)"
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
	echo "no deploy/serve.sh running for port $PORT (no live pid in $RUN_DIR/serve.pid)" >&2
	exit 1
fi
read -r _ last _ <"$RUN_DIR/roll.status"
case "$(cat "$RUN_DIR/roll.status")" in
rolling*) echo "a rolling deploy is already under way ($RUN_DIR/roll.status)" >&2; exit 1 ;;
esac
this=$((last + 1))

kill -HUP "$pid"
echo "rolling deploy $this: asked serve.sh (pid $pid) to replace its processes one at a time"
deadline=$((SECONDS + ROLL_WITHIN))
while [ "$SECONDS" -lt "$deadline" ]; do
	read -r state number reason <"$RUN_DIR/roll.status" || true
	if [ "$number" = "$this" ] && [ "$state" = done ]; then
		echo "rolling deploy $this: done in ${SECONDS}s"
		exit 0
	elif [ "$number" = "$this" ] && [ "$state" = failed ]; then
		echo "rolling deploy $this failed: $reason" >&2
		exit 1
	fi
	kill -0 "$pid" 2>/dev/null || { echo "serve.sh (pid $pid) ended during the deploy" >&2; exit 1; }
	sleep 0.5
done
echo "rolling deploy $this: not done after ${ROLL_WITHIN}s (see serve.sh's output)" >&2
exit 1
