# One image for every service; SERVICE picks which one runs (see docker-compose.yml).
FROM python:3.11-slim AS build
ENV UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/app/.venv UV_COMPILE_BYTECODE=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
# The dependency layer: only the lock and every workspace member's pyproject, so a change to the
# code does not reinstall the third-party packages.
COPY pyproject.toml uv.lock ./
COPY libs/common/pyproject.toml libs/common/pyproject.toml
COPY libs/iwmo/pyproject.toml libs/iwmo/pyproject.toml
COPY libs/testing/pyproject.toml libs/testing/pyproject.toml
COPY services/access/pyproject.toml services/access/pyproject.toml
COPY services/contracting/pyproject.toml services/contracting/pyproject.toml
COPY services/providers/pyproject.toml services/providers/pyproject.toml
COPY services/finance/pyproject.toml services/finance/pyproject.toml
COPY services/gateway/pyproject.toml services/gateway/pyproject.toml
RUN uv sync --frozen --no-dev --all-packages --no-install-workspace
# Then the workspace itself (libraries, services, and the deploy scripts for the demo).
COPY libs libs
COPY services services
COPY deploy deploy
RUN uv sync --frozen --no-dev --all-packages
# uv compiles the third-party packages; the workspace is installed editable, so its own code is
# compiled here (the runtime user cannot write __pycache__ under /app).
RUN .venv/bin/python -m compileall -q libs services deploy

FROM python:3.11-slim
RUN useradd --system --uid 10001 wmo
WORKDIR /app
COPY --from=build /app /app
ENV PATH=/app/.venv/bin:$PATH HOST=0.0.0.0 PORT=8000 MALLOC_ARENA_MAX=2
# Numeric, so that a runtime can check it is not root (Kubernetes runAsNonRoot).
USER 10001
EXPOSE 8000
# Migrate this service's own database, then serve it.
CMD ["sh", "-c", "cd services/$SERVICE && alembic upgrade head && cd /app && exec uvicorn wmo_${SERVICE}.main:app_from_env --factory --host $HOST --port $PORT --no-access-log"]
