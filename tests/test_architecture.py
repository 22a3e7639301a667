"""The layout the README's "Architecture" section describes, checked from the source.

The core (``layers/``) never imports Streamlit and only its ``cli`` package parses
arguments; nothing in the core imports the command line; every module stays short;
each subpackage says what it holds and offers it; and importing a subpackage costs
nothing until a name is used (the app's first paint does not wait for altair).
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "layers"
CLI = CORE / "cli"
MAX_LINES = 300
SUBPACKAGES = sorted(
    p.parent.relative_to(REPO).as_posix().replace("/", ".")
    for p in CORE.rglob("__init__.py")
    if p.parent != CORE and "__pycache__" not in p.parts
)


def _modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


CORE_MODULES = [p for p in _modules(CORE) if CLI not in p.parents and p.name != "__main__.py"]


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_core_imports_neither_streamlit_nor_the_command_line(path):
    imported = _imported(path)
    assert not {n for n in imported if n.split(".")[0] == "streamlit"}
    assert not {n for n in imported if n == "layers.cli" or n.startswith("layers.cli.")}
    assert "argparse" not in imported
    assert "sys.argv" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [*_modules(CORE), *_modules(REPO / "ui"), REPO / "app.py"],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_every_module_is_at_most_300_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)}: {lines} lines"


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_each_subpackage_says_what_it_holds_and_offers_it(package):
    module = importlib.import_module(package)
    assert module.__doc__ and len(module.__doc__.strip()) > 40
    if package == "layers.cli":
        assert module.__all__ == ["COMMANDS", "build_parser", "main"]
        return
    assert module.__all__, package
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_importing_the_subpackages_imports_no_heavy_library():
    code = (
        "import json, sys\n"
        f"for name in {SUBPACKAGES!r}:\n"
        "    __import__(name)\n"
        "heavy = ('altair', 'dateparser', 'folium', 'geopandas', 'playwright', 'streamlit')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
