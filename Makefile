# The two commands a newcomer needs: `make serve` and `make test`. Only python3 is required.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# `make site SOLUTIONS=off` (or serve) builds the instructor's edition: no exercise's solution.
SOLUTIONS ?= on
# Re-install only when the dependency list changes; gdtutor itself is installed editable.
STAMP  := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")

.PHONY: install serve site test lint bench audit clean dist dist-check

# The browser checks' npm packages (axe-core, lighthouse), re-installed when the lock file changes.
NODE_STAMP := node_modules/.installed-$(shell $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(open('package-lock.json','rb').read()).hexdigest()[:12])")

install: $(STAMP) $(NODE_STAMP)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the accessibility tests will skip (apt-get install -y npm)"; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable ".[dev]"
	@# The wheels a learner's fresh environment needs (gdtutor's dependencies, scikit-learn, and
	@# sybil for the test driver), at the versions just installed: the tests install from here,
	@# offline (tests/conftest.py, WHEELHOUSE).
	$(BIN)/python -m pip freeze --exclude-editable > $(VENV)/frozen.txt
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
	  --dest $(VENV)/wheelhouse --constraint $(VENV)/frozen.txt scikit-learn sybil \
	  $$($(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'])")
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: install  ## build everything and serve with live reload on 127.0.0.1:8000
	GDTUTOR_SOLUTIONS=$(SOLUTIONS) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: install  ## strict build into site/ (SOLUTIONS=off: the instructor's edition, without solutions)
	GDTUTOR_SOLUTIONS=$(SOLUTIONS) $(BIN)/mkdocs build --strict --site-dir site

test: install  ## every test: library, every code block on the site, the strict build; then lint
	$(BIN)/python -m pytest -n auto --dist loadgroup  # a page's examples share a namespace: one worker (conftest.py)
	$(BIN)/ruff check gdtutor tests hooks benchmarks conftest.py
	$(BIN)/ruff format --check gdtutor tests hooks benchmarks conftest.py

lint: install
	$(BIN)/ruff check gdtutor tests hooks benchmarks conftest.py
	$(BIN)/ruff format --check gdtutor tests hooks benchmarks conftest.py

# Every figure of README.md's "Performance" section, measured on this machine.
bench: install  ## the speed ratios and their goals; exits non-zero when a goal is missed
	$(BIN)/python benchmarks/algorithms.py
	$(BIN)/python benchmarks/site.py

audit: install  ## Lighthouse (mobile) on every page of a fresh strict build, against the goals
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf $(VENV) site .pytest_cache node_modules .cache dist

# The release (.github/workflows/release.yml): sdist and wheel, built offline with the project's
# own backend and checked by twine.
dist: install  ## sdist and wheel in dist/, checked with twine
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

# The wheel in dist/, installed with its test extra into a clean virtual environment, runs every
# page's code blocks: in a copy of the pages and tests without gdtutor's source beside them, so
# nothing but the installed wheel can be imported.
DIST_CHECK := $(abspath .cache/dist-check)
dist-check: dist  ## every page's blocks against the built wheel in a clean venv
	rm -rf $(DIST_CHECK) && mkdir -p $(DIST_CHECK)/tree
	cp -r docs tests hooks conftest.py pyproject.toml mkdocs.yml $(DIST_CHECK)/tree/
	$(PYTHON) -m venv $(DIST_CHECK)/venv
	$(DIST_CHECK)/venv/bin/python -m pip install --quiet --disable-pip-version-check "$$(ls dist/*.whl)[test]"
	cd $(DIST_CHECK)/tree && $(DIST_CHECK)/venv/bin/python -c \
	  "import gdtutor, sys; sys.exit(0 if '/site-packages/' in gdtutor.__file__ else 'gdtutor from ' + gdtutor.__file__)"
	cd $(DIST_CHECK)/tree && MPLBACKEND=Agg $(DIST_CHECK)/venv/bin/python -m pytest -q -p no:cacheprovider -n auto --dist loadgroup docs

# The site as Zensical (the successor of Material for MkDocs) builds it, checked by
# tests/test_zensical.py in a temporary copy of the project; README, "Zensical". Zensical is not
# a dependency: this target installs it into .venv the first time.
.PHONY: zensical
zensical: install  ## build the site with Zensical and check what works there, and what does not yet
	@$(BIN)/python -c "import zensical" 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check zensical
	$(BIN)/python -m pytest -p no:xdist tests/test_zensical.py
