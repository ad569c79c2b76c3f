# The front door: `make help` lists what you can do. Every target creates .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := vn-justice-stats
PYTEST_NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
# pytest-xdist: WORKERS processes (auto: one per processor), each test module whole on one worker
# (loadscope), so that a module fixture (the report build, the bad-input corpus run) is made once
# and each notebook's cells run in order on one kernel. Not loadgroup: xdist 3.8 names a group in
# the test's id by a field pytest 9 no longer has, so groups are silently ignored.
WORKERS ?= auto
PYTEST_XDIST := -n $(WORKERS) --dist loadscope
LATEST := build/latest-venv

.DEFAULT_GOAL := help
.PHONY: help venv report test test-unit test-latest lint format lab review explore page validate notebooks bench lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed, found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	touch $@

venv: $(STAMP) ## create .venv from requirements.lock and register the Jupyter kernel

report: $(STAMP) ## execute every notebook and write reports/*.pdf (PROVINCE="Lạng Sơn": that province's profile)
	$(BIN)/python -m analysis report $(if $(PROVINCE),--province "$(PROVINCE)")

test: $(STAMP) ## lint, every test (unit and integration, in parallel) and nbval of the notebooks
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks
	$(BIN)/python -m pytest tests $(PYTEST_XDIST)
	# nbval in a run of its own: the unit tests' session points the data folder at their fixtures,
	# while the stored notebook outputs are recorded on the live data.
	$(if $(wildcard notebooks/*.ipynb),$(BIN)/python -m pytest notebooks $(PYTEST_NBVAL) $(PYTEST_XDIST))

test-unit: $(STAMP) ## the unit tests only (no process started, no kernel): the loop while working
	$(BIN)/python -m pytest tests -m "not integration" $(PYTEST_XDIST)

test-latest: ## the suite and nbval on the newest versions pyproject.toml allows (no lock): drift
	rm -rf $(LATEST) && $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(LATEST)/bin/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	grep -v '^#' requirements.lock | sort -f > build/locked-versions.txt
	$(LATEST)/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip==' | sort -f > build/latest-versions.txt
	@echo "versions that differ from requirements.lock (< locked, > newest allowed):"
	-diff build/locked-versions.txt build/latest-versions.txt | grep '^[<>]'
	$(LATEST)/bin/python -m pytest tests $(PYTEST_XDIST)
	$(if $(wildcard notebooks/*.ipynb),$(LATEST)/bin/python -m pytest notebooks $(PYTEST_NBVAL) $(PYTEST_XDIST))

lint: $(STAMP) ## ruff lint and format check only
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

format: $(STAMP) ## format and fix with ruff
	$(BIN)/ruff format analysis tests benchmarks
	$(BIN)/ruff check --fix analysis tests benchmarks

validate: $(STAMP) ## check all data under data/
	$(BIN)/python -m analysis validate

lab: $(STAMP) ## open JupyterLab at the project root (notebooks, records, reports) with the project's kernel
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

review: $(STAMP) ## review extracted candidates in JupyterLab (REVIEWER=name: your file in data/reviews/)
	$(if $(REVIEWER),VN_JUSTICE_REVIEWER='$(REVIEWER)') $(BIN)/jupyter lab notebooks/review/review.ipynb --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

explore: $(STAMP) ## explore the figures in JupyterLab: pick indicator, places, period; charts, map, CSV
	$(BIN)/jupyter lab notebooks/explore/explore.ipynb --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

page: $(STAMP) ## the explorer as a web page without code (Voilà), for readers who do not use JupyterLab
	$(BIN)/voila notebooks/explore/explore.ipynb --Voila.root_dir=$(CURDIR) $(LAB_ARGS)

notebooks: $(STAMP) ## re-execute notebooks in place, storing new outputs (review the diff!)
	$(BIN)/python -m analysis report --update-notebooks

bench: $(STAMP) ## run every benchmark under benchmarks/ and print its figures
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lock: ## re-resolve pyproject.toml's ranges into requirements.lock (needs the registry)
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' requirements.lock; build/lock-venv/bin/pip freeze --all --exclude-editable | grep -v '^pip=='; } > build/requirements.lock
	mv build/requirements.lock requirements.lock && rm -rf build/lock-venv

clean: ## remove the environment and built reports
	rm -rf $(VENV) reports/*.pdf reports/*.ipynb reports/*.html
