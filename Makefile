# The interface of wmo-suite: every target installs what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY := .venv/bin/python
UV := .tools/bin/uv
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# Bytecode is compiled once, by the install and the `bytecode` step: where __pycache__ is not
# written (PYTHONDONTWRITEBYTECODE, a read-only tree) each of the suite's processes would compile
# everything it imports again at every start (docs/benchmarks.md, `make run`).
export UV_COMPILE_BYTECODE := 1

SERVICES := access contracting providers finance gateway
LOCK_INPUTS := pyproject.toml uv.lock $(wildcard libs/*/pyproject.toml) $(wildcard services/*/pyproject.toml)

.PHONY: help install bytecode browser fonts k8s-tools run test lint fmt bench migrate revision openapi schemas dlq-replay ggk-send down clean

help:
	@echo "make run      start Kafka, PostgreSQL and the five services with demo data (Ctrl-C stops)"
	@echo "make test     start a separate test stack and run every test"
	@echo "make lint     ruff + mypy;  make fmt   format the code"
	@echo "make bench    run the benchmarks (docs/benchmarks.md)"
	@echo "make openapi | schemas   regenerate the committed OpenAPI and event documents"
	@echo "make revision SVC=access MSG='add x to y'   new Alembic revision (needs 'make run' up)"
	@echo "make dlq-replay SVC=gateway [DLQ_ID=...]   let that service re-apply its open dead letters"
	@echo "make ggk-send FILE=bericht.xml   send an aanbieder's bericht through the GGk simulator (Di01)"

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.installed: $(UV) $(LOCK_INPUTS)
	$(UV) sync --frozen --all-packages --python python3.11
	@touch $@

install: .venv/.installed

# The workspace's own code (installed editable, so not compiled by uv); only what changed.
bytecode: install
	$(PY) -m compileall -q -j 0 libs services deploy bench

# Debian's DejaVu fonts for the decision letter's PDF; without root or apt the letter falls back
# to the PDF library's built-in Helvetica.
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian's fonts-dejavu-core for the decision letter"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; \
		else echo "fonts-dejavu-core is missing: letters use the built-in Helvetica"; fi; }

# Debian's chromium for the console's browser test; without root or apt the test is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian's chromium for the browser test"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is missing: the browser test will be skipped"; fi; }

# helm for the chart test (tests/test_k8s.py renders deploy/k8s and validates every object):
# built from source with the Go toolchain; without Go the test is skipped.
HELM := .tools/bin/helm
HELM_VERSION := v4.3.2
k8s-tools: $(HELM)

$(HELM):
	@if command -v go >/dev/null 2>&1; then \
		echo "building helm $(HELM_VERSION) with Go"; \
		GOBIN=$(abspath .tools/bin) go install helm.sh/helm/v4/cmd/helm@$(HELM_VERSION) \
			|| echo "helm could not be built: the Kubernetes chart test will be skipped"; \
	else echo "go is missing: the Kubernetes chart test will be skipped"; fi

run: bytecode fonts
	$(PY) -m deploy.stack run

# The official contract tools (Spectral + the NLGov ADR rules, the AsyncAPI parser) from npm;
# without Node the contract linter tests are skipped.
tools/linters/node_modules/.installed: tools/linters/package.json tools/linters/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools/linters --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the contract linter tests fail until tools/linters is installed"; fi

test: bytecode browser fonts k8s-tools tools/linters/node_modules/.installed
	$(PY) -m deploy.stack test $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy libs/common/wmo_common libs/iwmo/iwmo libs/testing/wmo_testing $(foreach s,$(SERVICES),services/$(s)/wmo_$(s)) deploy bench

fmt: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

bench: bytecode
	$(PY) -m deploy.stack bench

migrate: install
	$(PY) -m deploy.stack migrate

revision: install
	@test -n "$(SVC)" -a -n "$(MSG)" || { echo "usage: make revision SVC=access MSG='add x to y'"; exit 2; }
	url=$$($(PY) -c "from deploy.stack.profiles import RUN; print(RUN.database_url('$(SVC)'))") && \
		cd services/$(SVC) && DATABASE_URL=$$url ../../.venv/bin/alembic revision --autogenerate -m "$(MSG)"

openapi: install
	$(PY) -m deploy.stack openapi

schemas: install
	$(PY) -m wmo_common.events schemas docs/events

dlq-replay: install
	@test -n "$(SVC)" || { echo "usage: make dlq-replay SVC=<service> [DLQ_ID=<id>]"; exit 2; }
	$(PY) -m wmo_common.events dlq-replay \
		$$($(PY) -c "from deploy.stack.profiles import suite_urls_from_env as u; print(u()['$(SVC)'])") \
		$(if $(DLQ_ID),--dlq-id $(DLQ_ID),)

ggk-send: install
	@test -n "$(FILE)" || { echo "usage: make ggk-send FILE=bericht.xml [AGB=<agb>]"; exit 2; }
	@$(PY) -m deploy.ggk.send "$(FILE)"

down: install
	$(PY) -m deploy.stack down
	$(PY) -m deploy.stack down --profile test

clean: down
	rm -rf .local .venv .tools
