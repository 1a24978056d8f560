# Two commands a newcomer needs: `make run` (the app) and `make test` (every test, browser included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test validate bench chromium vendor-plotly clean

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.test chromium
	$(PY) -m components.validate
	$(PY) -m pytest -q

validate: $(VENV)/.runtime
	$(PY) -m components.validate

# `make bench BENCH_ARGS="--runs 3"`; the load test: .venv/bin/python bench/load.py (see README "Benchmark").
bench: $(VENV)/.test chromium
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

# Rebuild static/vendor/plotly/plotly-krcn.min.js from the npm registry (needs node + npm; not needed to run or
# test: the built file is committed). See static/vendor/plotly/README.md.
PLOTLY_JS_VERSION := 4.1.1
ESBUILD_VERSION := 0.28.2
PLOTLY_BUILD := build/plotly-js
vendor-plotly:
	rm -rf $(PLOTLY_BUILD) && mkdir -p $(PLOTLY_BUILD)
	cp static/vendor/plotly/entry.js $(PLOTLY_BUILD)/
	cd $(PLOTLY_BUILD) && npm init -y >/dev/null && \
		npm install --no-audit --no-fund --ignore-scripts plotly.js@$(PLOTLY_JS_VERSION) esbuild@$(ESBUILD_VERSION) && \
		node node_modules/esbuild/bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
			--target=es2016 --define:global=window --define:define.amd=false --define:process.env.NODE_DEBUG=false \
			--legal-comments=eof \
			"--banner:js=/*! plotly.js $(PLOTLY_JS_VERSION) partial bundle (core, bar, sankey, ko locale) - MIT licence (see LICENSE) - build: static/vendor/plotly/README.md */" \
			--outfile=out/plotly-krcn.min.js
	cp $(PLOTLY_BUILD)/out/plotly-krcn.min.js static/vendor/plotly/plotly-krcn.min.js
	cp $(PLOTLY_BUILD)/node_modules/plotly.js/LICENSE static/vendor/plotly/LICENSE
	rm -rf $(PLOTLY_BUILD)
	sha256sum static/vendor/plotly/plotly-krcn.min.js

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache $(PLOTLY_BUILD)
