"""JSON made safe for a ``<script>``: how every element hands data to the page."""

from __future__ import annotations

import json


def js_json(data) -> str:
    """Compact JSON that is safe inside a ``<script>`` (no ``</script>`` breakout)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return script_safe(text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def script_safe(json_text: str) -> str:
    r"""JSON text that cannot end its ``<script>`` early.

    "</" and "<!--" only occur inside strings, where ``<\/`` and ``\u003c`` mean the same.
    """
    return json_text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
