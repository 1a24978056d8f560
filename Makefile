# Two commands a newcomer needs: `make run` (the app) and `make test` (every test, browser included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run dev test validate bench chromium proxy serve clean

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

# working on the code: rerun on save (visitors' hosts watch no files: .streamlit/config.toml)
dev: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

test: $(VENV)/.test chromium proxy
	$(PY) -m components.data.validate
	$(PY) -m pytest -q

validate: $(VENV)/.runtime
	$(PY) -m components.data.validate

# `make bench BENCH_ARGS="--runs 3"`; the load test: .venv/bin/python bench/load.py (see README "Benchmark").
bench: $(VENV)/.test chromium proxy
	$(PY) bench/benchmark.py $(BENCH_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $@

# Debian's Chromium and CJK fonts for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

# Debian's Caddy: the reverse proxy of deploy/ (compression, WebSocket, sticky sessions), for `make serve`, the
# benchmark's "proxy" runs and tests/browser/test_deploy.py.
proxy:
	@if ! command -v caddy >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq caddy; \
	fi

# The app as a host serves it: PROCESSES streamlit processes behind Caddy on http://127.0.0.1:8080/ (deploy/serve.sh).
serve: $(VENV)/.runtime proxy
	PYTHON=$(PY) deploy/serve.sh

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache $(PLOTLY_BUILD)
