# incident-mapper: install, test, benchmark. `make test` is what CI runs.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install test lint bench browser

install:
	$(PIP) install --quiet .

# Everything the tests need on a new machine: Debian's chromium for the browser
# tests (no browser download), the package with its test extras, then the suite.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

test: browser
	$(PIP) install --quiet -e '.[test]'
	$(PYTHON) -m pytest -q -ra

lint:
	$(PYTHON) -m ruff check .

bench:
	$(PYTHON) bench/bench_geocode.py
	$(PYTHON) bench/bench_first_run.py
	$(PYTHON) bench/bench_extract.py
	$(PYTHON) bench/bench_route_export.py
	$(PYTHON) bench/bench_map.py
	$(PYTHON) bench/bench_geoparse.py
	$(PYTHON) bench/bench_merge.py
	$(PYTHON) bench/make_corpus.py 20000 -o bench/corpus/reports-20k.jsonl
	$(PYTHON) bench/bench_batch.py --corpus bench/corpus/reports-20k.jsonl
	$(PYTHON) bench/bench_pathological.py
