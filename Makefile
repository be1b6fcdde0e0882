# Two commands for a fresh machine with Python 3.10+:
#   make lab    set up (first time only) and open the course in JupyterLab at the start notebook
#   make test   set up (first time only) and run the whole test suite (what CI runs)
# (ipywidgets 7, what Colab ships, goes to a side folder so the widget tests can run under it too.)
PYTHON ?= python3
# Extra pip arguments, e.g. PIP_ARGS="--extra-index-url https://download.pytorch.org/whl/cpu" on Linux
# to get the CPU-only torch instead of the default CUDA build (several GB).
PIP_ARGS ?=
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.ftrag-installed

.PHONY: setup lab test doctor labs hygiene slides site benchmark performance lower-bounds lock test-latest

$(STAMP): requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install $(PIP_ARGS) -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/ipywidgets7 ipywidgets==7.7.1 ipython_genutils==0.2.0
	$(BIN)/python -m ftrag.models fetch
	touch $(STAMP)

setup: $(STAMP)

# JupyterLab refuses to start as root (containers, CI) without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

# The whole suite in two runs: everything else on two workers (unit tests, the learner copies' stub runs, the
# lower-bound venv in CI), then, alone, the real-browser test (its waits failed under a loaded CPU) and the course
# notebooks one at a time: they train and generate with every core, and a worker beside them would oversubscribe it.
ALONE := tests/test_browser.py tests/test_notebooks.py::test_notebook_runs_top_to_bottom
test: setup
	$(BIN)/python -m pytest -n 2 $(addprefix --deselect ,$(ALONE))
	$(BIN)/python -m pytest -n 0 $(ALONE)

doctor: setup
	$(BIN)/python -m ftrag.doctor

labs: setup
	$(BIN)/python tools/make_labs.py

hygiene: setup
	$(BIN)/python tools/nbhygiene.py

# Offline reveal.js decks of the concept notebooks, with the outputs the test run kept in build/executed/ and the
# facilitator notes as speaker notes, into slides/ (reveal.js etc. from npm: docs/site/package-lock.json).
slides: setup
	$(BIN)/python tools/make_slides.py --offline --executed build/executed

# The course site, offline, into build/site/ (docs/site.md): every page with the outputs of the test run (build/executed/,
# written by `make test`; a missing notebook is run on its own), the slides in build/site/slides/. Needs npm.
# Check it in a browser: `$(BIN)/python tools/check_site.py` (tests/test_site.py).
site: setup
	$(BIN)/python tools/make_site.py

benchmark: setup
	$(BIN)/python tools/benchmark.py --cpus 2 --executed build/executed

# docs/performance.md from what the last `make test` measured (build/executed/timings.jsonl), without running again.
performance: setup
	FTRAG_RESULTS_DIR=build/results $(BIN)/python tools/benchmark.py --from-run build/executed/timings.jsonl

# The ranges of pyproject.toml, tested at both ends in side venvs (docs/testing.md); both need PyPI.
lower-bounds: setup
	$(BIN)/python tools/ranges.py lowest

test-latest: setup
	$(BIN)/python tools/ranges.py latest

# The lock: requirements.txt pins every package the install ends up with, compiled from pyproject.toml's ranges
# (requirements.in names what to compile). Pins already in the lock are kept where the ranges allow;
# `make lock UPGRADE=1` moves everything to the newest allowed release.
lock: setup
	$(BIN)/uv pip compile requirements.in --universal --python-version 3.10 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade,) -o requirements.txt

