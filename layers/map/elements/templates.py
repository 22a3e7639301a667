"""Each of branca's element templates compiled once per process, not once per element.

branca compiles a jinja2 template for every element made from a template string, and
``st_folium`` makes a figure and a map for each data group on every rerun to render
it: about 40 compiles per filter change, a sixth of its Python time (profiled). A
compiled template is immutable and its source is its only input, so the pages are
byte-identical; only the time goes.
"""

from __future__ import annotations

import functools

import branca.element
from jinja2 import Template


@functools.lru_cache(maxsize=512)
def compiled(source: str) -> Template:
    """The jinja2 template of ``source``, compiled on first use."""
    return Template(source)


def compile_once() -> None:
    """Make branca's elements share compiled templates (idempotent)."""
    branca.element.Template = compiled
