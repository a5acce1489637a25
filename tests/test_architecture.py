"""The structure says what the code does: every service has the same files, read models are copies
that never reach into what the service owns, and the service layer never sees HTTP."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ["access", "contracting", "providers", "finance", "gateway"]
STANDARD_FILES = ["main.py", "settings.py", "dependencies.py", "rollen.py", "scheduler.py"]
# The HTTP layer: only routers, dependencies, role aliases and the app factory may import it.
HTTP_MODULES = ("fastapi", "starlette", "wmo_common.dependencies", "wmo_common.http")
HTTP_LAYER_FILES = {"router.py", "dependencies.py", "rollen.py", "main.py"}
# Generated or schema-history files are not held to the size target.
MAX_LINES = 400
SIZE_EXEMPT = ("migrations/versions/", "iwmo/codelists.py")


def package_of(service: str) -> Path:
    return ROOT / "services" / service / f"wmo_{service}"


def modules(root: Path) -> Iterator[Path]:
    yield from sorted(root.rglob("*.py"))


def imports_of(path: Path, service: str) -> list[str]:
    package_root = package_of(service)
    relative = path.relative_to(package_root).with_suffix("")
    dotted = [f"wmo_{service}", *relative.parts]
    tree = ast.parse(path.read_text(), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = dotted[: len(dotted) - node.level]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_standard_files(service: str) -> None:
    package = package_of(service)
    missing = [name for name in STANDARD_FILES if not (package / name).is_file()]
    if not (package / "reacties.py").is_file() and not (package / "reacties").is_dir():
        missing.append("reacties.py")
    if not (package / "leesmodellen" / "__init__.py").is_file():
        missing.append("leesmodellen/")
    assert not missing, f"wmo_{service} lacks {missing} (STYLE.md §2)"


@pytest.mark.parametrize("service", SERVICES)
def test_a_read_model_never_imports_an_owned_module(service: str) -> None:
    package = package_of(service)
    allowed = {
        f"wmo_{service}.leesmodellen",
        f"wmo_{service}.db",
        f"wmo_{service}.settings",
    }
    offenders = []
    for path in modules(package / "leesmodellen"):
        for name in imports_of(path, service):
            if not name.startswith(f"wmo_{service}."):
                continue
            if not any(name == a or name.startswith(a + ".") for a in allowed):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("service", SERVICES)
def test_no_owned_module_shares_a_name_with_a_read_model(service: str) -> None:
    package = package_of(service)
    leesmodellen = package / "leesmodellen"
    copies = {p.name for p in leesmodellen.iterdir() if p.is_dir() and p.name != "__pycache__"}
    owned = {p.name for p in package.iterdir() if p.is_dir()}
    assert not copies & owned


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_layer_never_imports_the_http_layer(service: str) -> None:
    package = package_of(service)
    offenders = []
    for path in modules(package):
        if path.name in HTTP_LAYER_FILES:
            continue
        for name in imports_of(path, service):
            http = any(name == m or name.startswith(m + ".") for m in HTTP_MODULES)
            own_http = name.startswith(
                (f"wmo_{service}.dependencies", f"wmo_{service}.rollen")
            ) or (name.startswith(f"wmo_{service}.") and ".router" in name)
            if http or own_http:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("service", SERVICES)
def test_every_reaction_lives_in_reacties(service: str) -> None:
    package = package_of(service)
    handlers = [str(p.relative_to(ROOT)) for p in package.rglob("handlers.py")]
    assert not handlers, f"reactions outside reacties: {handlers}"


def test_no_code_changes_the_import_path() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for top in ("libs", "services", "deploy", "tests", "bench")
        for path in (ROOT / top).rglob("*.py")
        if "sys.path.insert" in path.read_text() and path != Path(__file__)
    ]
    assert not offenders


def test_no_hand_written_file_passes_the_size_target() -> None:
    too_big = []
    for top in ("libs", "services", "deploy", "tests", "bench"):
        for path in (ROOT / top).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            if any(part in relative for part in SIZE_EXEMPT):
                continue
            lines = len(path.read_text().splitlines())
            if lines > MAX_LINES * 1.1:
                too_big.append(f"{relative}: {lines}")
    assert not too_big, "\n".join(too_big)


def sends_an_etag(function: ast.AsyncFunctionDef | ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "set_etag"
        for node in ast.walk(function)
    )


def declares_an_etag(function: ast.AsyncFunctionDef | ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "with_etag"
        for decorator in function.decorator_list
        for node in ast.walk(decorator)
    )


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_that_sends_an_etag_declares_it(service: str) -> None:
    """A front end generates its client from OpenAPI: a header it is not told of is lost."""
    undeclared = [
        f"{path.name}:{node.name}"
        for path in package_of(service).rglob("router.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
        and sends_an_etag(node)
        and not declares_an_etag(node)
    ]
    assert undeclared == []


def plain_functions(dependant: Dependant) -> Iterator[str]:
    """The dependencies under `dependant` that are plain functions, by name."""
    for dependency in dependant.dependencies:
        call = dependency.call
        if call is not None and not (
            inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)
        ):
            yield getattr(call, "__qualname__", repr(call))
        yield from plain_functions(dependency)


@pytest.mark.parametrize("service", SERVICES)
def test_no_request_waits_for_the_thread_pool(service: str) -> None:
    """FastAPI runs a dependency that is a plain function in its thread pool: two thread
    hand-overs, about 110 us of CPU per dependency per request (docs/benchmarks.md)."""
    main = importlib.import_module(f"wmo_{service}.main")
    settings = importlib.import_module(f"wmo_{service}.settings").Settings()
    app = main.create_app(settings)
    found = {
        f"{route.path}: {name}"
        for context in iter_route_contexts(app.routes)
        if isinstance(route := context.original_route, APIRoute)
        for name in plain_functions(route.dependant)
    }
    assert not found, f"dependencies that are plain functions: {sorted(found)}"
