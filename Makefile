# The two commands a newcomer needs: `make serve` and `make test`. Only python3 is required.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install only when the dependency list changes; gdtutor itself is installed editable.
STAMP  := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")

.PHONY: install serve site test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: install  ## build everything and serve with live reload on 127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: install  ## strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

test: install  ## every test: library, every code block on the site, the strict build; then lint
	$(BIN)/python -m pytest
	$(BIN)/ruff check gdtutor tests hooks conftest.py
	$(BIN)/ruff format --check gdtutor tests hooks conftest.py

lint: install
	$(BIN)/ruff check gdtutor tests hooks conftest.py
	$(BIN)/ruff format --check gdtutor tests hooks conftest.py

clean:
	rm -rf $(VENV) site .pytest_cache
