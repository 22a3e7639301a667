"""The page's layout: the map first, everything else around it or under it.

At 1600×1000 the map takes about 78 % of the window's width and 80 % of its height
(``tests/browser/test_layout.py`` measures it): the page's padding shrinks, the
map's frame is sized to the window (the component is given a fixed height, so CSS
overrides it, and the map inside fills its frame: ``layers.map.css.APP_CSS``), and
the details open as a drawer over the right of the map instead of a column beside it.
Only constants here: nothing from the data reaches this stylesheet.
"""

from __future__ import annotations

import streamlit as st

MAP_OFFSET_PX = 175  # what sits above the map: page padding, title row, tools
MIN_MAP_PX = 440

PAGE_CSS = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding: 2.6rem 1.5rem 2rem 1.5rem; max-width: none; }}
iframe[title="streamlit_folium.st_folium"] {{
  height: max({MIN_MAP_PX}px, calc(100vh - {MAP_OFFSET_PX}px)) !important; }}
.st-key-details_drawer {{ position: fixed; top: 4.2rem; right: 1.6rem; z-index: 999990;
  width: min(420px, 34vw); max-height: calc(100vh - 6rem); overflow-y: auto;
  background: #ffffff; border: 1px solid #c9d0d8; border-radius: 6px;
  box-shadow: 0 6px 24px rgba(27, 36, 48, 0.25); padding: 0.6rem 1rem 0.8rem 1rem; }}
.st-key-details_drawer h4 {{ padding-top: 0.2rem; }}
</style>"""


def apply() -> None:
    """Put the page's stylesheet in (first, and the same on every run).

    ``st.html`` with only ``<style>``: Markdown with HTML allowed made the first run fetch
    and run Streamlit's raw-HTML Markdown module while the map's message was arriving.
    """
    st.html(PAGE_CSS)
