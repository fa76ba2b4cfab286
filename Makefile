# Two commands: `make run` starts the platform with demo data; `make test` runs the whole test suite.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint check messages bench bench-quick lock clean

# requirements.txt is the lock generated from pyproject.toml (`make lock`); never edited by hand.
$(STAMP): requirements.txt pyproject.toml
	@PYTHON=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating virtual environment with $$PYTHON"; $$PYTHON -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

run: $(STAMP)
	DEBUG=1 MFA_REQUIRED_ROLES= $(PY) manage.py migrate --noinput
	DEBUG=1 MFA_REQUIRED_ROLES= $(PY) manage.py seed_demo
	@echo ""
	@echo "  Regional clusters platform: http://127.0.0.1:8000"
	@echo ""
	DEBUG=1 MFA_REQUIRED_ROLES= EMBEDDED_SCHEDULER=1 $(PY) manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist; tests marked with one xdist_group share a worker, as the demo data
# tests do to seed it once); `make test PYTEST_WORKERS=0` runs it in one process.
PYTEST_WORKERS ?= auto
test: $(STAMP)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/compile_messages.py --check

messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l he -l ar --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) scripts/compile_messages.py

# Regenerate the lock from pyproject.toml, keeping the pins that still fit (add --upgrade to move them).
lock: $(STAMP)
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.txt pyproject.toml

bench: $(STAMP)
	$(PY) bench/run.py

bench-quick: $(STAMP)
	$(PY) bench/quick.py

clean:
	rm -rf $(VENV) var/db.sqlite3 staticfiles
