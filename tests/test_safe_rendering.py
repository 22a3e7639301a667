"""No text from outside the code reaches a Streamlit call that renders Markdown.

Read from the source, so a new call is checked the day it is written: every call of a
Streamlit function that renders Markdown (notices, captions, labels, help texts, tab
and expander titles, radio options) must receive a literal written in the code, an
f-string whose every value is escaped (``md(...)``) or a number, a module constant,
or the result of a function known to escape (``layers.safe_text``, ``ui.say``, the
details panel's builder). Anything else fails here with its file and line.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Wrappers checked at their calls: the escaping ``say`` functions, and ``presses.button``,
# whose label and keywords are checked as any ``button()`` call's are.
WRAPPERS = {REPO / "ui" / "say.py", REPO / "ui" / "presses.py"}
UI_FILES = sorted(p for p in [REPO / "app.py", *(REPO / "ui").rglob("*.py")] if p not in WRAPPERS)

# Streamlit calls whose first argument (or `label`/`body`) is rendered as Markdown.
MARKDOWN_BODY = {
    "markdown", "caption", "info", "warning", "error", "success", "toast", "write", "title",
    "header", "subheader", "expander", "status", "spinner", "popover", "button",
    "download_button", "link_button", "checkbox", "toggle", "radio", "selectbox", "multiselect",
    "select_slider", "slider", "text_input", "text_area", "number_input", "date_input",
    "time_input", "file_uploader", "color_picker", "form_submit_button", "metric", "pills",
    "segmented_control", "page_link", "feedback",
}  # fmt: skip
MARKDOWN_KEYWORDS = {"label", "body", "help", "placeholder", "captions"}
MARKDOWN_OPTIONS = {"radio", "pills", "segmented_control"}  # options render Markdown too
# Functions whose result is escaped Markdown (each has its own tests with hostile text).
ESCAPING = {"md", "md_format", "details_markdown"}
# Functions whose Markdown holds only numbers and words from the code.
NUMBERS_ONLY = {"plural", "summary_line", "verdict", "table_caption"}
SAY = "say"  # ui.say: the template is code, the values are escaped by it


def _is_safe(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper() or node.id in {"None", "True", "False"}
    if isinstance(node, ast.Attribute):  # module constants: say.HINT, state.LABEL
        return node.attr.isupper()
    if isinstance(node, ast.JoinedStr):
        return all(_is_safe_value(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _is_safe(node.left) and _is_safe(node.right)
    if isinstance(node, ast.Subscript):  # LABELS[key]: a constant table
        return _is_safe(node.value)
    if isinstance(node, ast.IfExp):
        return _is_safe(node.body) and _is_safe(node.orelse)
    if isinstance(node, ast.Call):
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name == "str":  # str(x) is only safe for numbers: require a literal-safe argument
            return all(_is_safe(arg) for arg in node.args)
        return name in ESCAPING | NUMBERS_ONLY
    return False


def _is_safe_value(part: ast.AST) -> bool:
    if isinstance(part, ast.Constant):
        return True
    assert isinstance(part, ast.FormattedValue)
    if part.format_spec is not None:  # {n:,} {x:.1f}: numbers (a str would raise)
        return True
    value = part.value
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "len":
        return True
    return _is_safe(value)


def _calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def _problems(path: Path) -> list[str]:
    problems = []
    rel = path.relative_to(REPO)
    for call in _calls(path):
        name = call.func.attr
        owner = call.func.value
        if isinstance(owner, ast.Name) and owner.id == SAY and name != "notice":
            if not call.args or isinstance(call.args[0], ast.Call) or not _is_safe(call.args[0]):
                problems.append(f"{rel}:{call.lineno}: say.{name} needs a literal template")
            continue
        checked = []
        if name in MARKDOWN_BODY and call.args:
            checked.append(("first argument", call.args[0]))
        if name == "update" or name in MARKDOWN_BODY:
            checked += [
                (f"{kw.arg}=", kw.value) for kw in call.keywords if kw.arg in MARKDOWN_KEYWORDS
            ]
        for what, node in checked:
            if not _is_safe(node):
                problems.append(f"{rel}:{call.lineno}: {name}() {what} is not escaped")
        if name in MARKDOWN_OPTIONS:
            fmt = next((kw.value for kw in call.keywords if kw.arg == "format_func"), None)
            trusted = fmt is not None and (
                (isinstance(fmt, ast.Attribute) and fmt.attr == "get" and _is_safe(fmt.value))
                or (isinstance(fmt, ast.Name) and fmt.id == "md")
            )
            if not trusted:
                problems.append(f"{rel}:{call.lineno}: {name}() options need a trusted format_func")
    return problems


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_markdown_calls_receive_only_escaped_text(path):
    assert _problems(path) == []


def test_the_check_catches_an_unescaped_value(tmp_path, monkeypatch):
    """The rule itself: a raw value in a notice, a label or a help text is reported."""
    source = tmp_path / "bad.py"
    source.write_text(
        "import streamlit as st\n"
        "from ui import say\n"
        "st.warning(f'Unknown {value}')\n"
        "st.button(name)\n"
        "st.caption('ok', help=text)\n"
        "say.info(template, value=1)\n"
        "st.radio('Pick', options)\n"
        "st.warning(f'Unknown {md(value)}: {count:,} of {len(rows)}')\n"
        "st.markdown(md_format('a {b}', b=b))\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    found = _problems(source)
    assert [line.split(":")[1] for line in found] == ["3", "4", "5", "6", "7"]
