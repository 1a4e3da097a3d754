# The two commands of the README's Quick start: `make demo` and `make test`.
# Both set up what they need: a virtualenv with pinned packages and the Kafka jars.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: soak install demo test test-unit lint bench bench-tools kafka-start kafka-stop tools clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev,rocksdb]"
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/wirestream kafka fetch >/dev/null

# Debian's docker-compose checks docker-compose.yml, and Debian's chromium loads the dashboard,
# in the test suite (no Docker engine needed).
tools:
	@{ command -v docker-compose && command -v chromium; } >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq docker-compose chromium >/dev/null; }

demo: install
	$(BIN)/wirestream demo seeds

test: install tools
	$(BIN)/pytest

test-unit: install
	$(BIN)/pytest tests/unit tests/agents

lint: install
	$(BIN)/ruff check workers tests bench
	$(BIN)/ruff format --check workers tests bench
	$(BIN)/mypy workers tests bench

# The text browsers and headless Chromium that render real pages for `python -m bench.parse`
# (each input is skipped with a note where its renderer is missing), and Go, whose module
# downloads fetch the bench's extra pages (Readability's and trafilatura's test pages).
bench-tools: tools
	@{ command -v w3m && command -v lynx && command -v elinks && command -v chromedriver && command -v go; } >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq w3m lynx elinks chromium-driver \
	      $$(command -v go >/dev/null || echo golang-go) >/dev/null; }

bench: install bench-tools
	$(BIN)/python -m bench

soak: install
	$(BIN)/python -m bench.soak --minutes 30 --rate 3

kafka-start: install
	$(BIN)/wirestream kafka start

kafka-stop:
	$(BIN)/wirestream kafka stop

clean:
	-$(BIN)/wirestream kafka stop
	rm -rf $(VENV) .run wirestream-data .pytest_cache .mypy_cache .ruff_cache
