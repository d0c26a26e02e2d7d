# Two commands for a fresh machine: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NCB_DATABASE_URL ?= sqlite:///var/ncb.db
export NCB_DATABASE_URL

.PHONY: run test lint typecheck unit bench clean postgres chromium messages console-messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c "from ncb.matching.index import compile_kernels; compile_kernels()"
	touch $(STAMP)

## run: migrate an embedded SQLite file, load the demo data once, serve on http://127.0.0.1:8000
run: $(STAMP)
	mkdir -p var
	$(BIN)/ncb init
	$(BIN)/ncb demo --if-empty
	$(BIN)/ncb serve

## postgres: make sure a PostgreSQL server binary exists (installs Debian's package when missing)
postgres:
	bash scripts/ensure-postgres.sh

## chromium: make sure Debian's chromium exists for the browser tests (installs the package when missing)
chromium:
	bash scripts/ensure-chromium.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## test: lint, type-check, then the whole suite on SQLite and on a real PostgreSQL the suite starts
test: $(STAMP) postgres chromium lint typecheck
	$(BIN)/pytest -n 2 --dist loadgroup

PORTAL := src/ncb/web/portal
## messages: extract the portal's strings into messages.pot and update the ja/en catalogues (then translate ja)
messages: $(STAMP)
	$(BIN)/pybabel extract -F $(PORTAL)/babel.cfg -k "gettext:2" -k N_ --no-location --sort-output \
		--project "NCB portal" -o $(PORTAL)/locales/messages.pot $(PORTAL)
	$(BIN)/pybabel update -i $(PORTAL)/locales/messages.pot -d $(PORTAL)/locales --no-fuzzy-matching \
		--ignore-obsolete -w 120

CONSOLE := src/ncb/web/console
## console-messages: the same for the officers' console's own catalogue (console.po)
console-messages: $(STAMP)
	$(BIN)/pybabel extract -F $(CONSOLE)/babel.cfg -k "gettext:2" -k N_ -k t --no-location --sort-output \
		--project "NCB console" -o $(CONSOLE)/locales/console.pot $(CONSOLE)
	$(BIN)/pybabel update -D console -i $(CONSOLE)/locales/console.pot -d $(CONSOLE)/locales --no-fuzzy-matching \
		--ignore-obsolete -w 120

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
