"""Reading a loaded row's values: blank or not, one value or many.

Frames keep values as the files gave them (``None`` or NaN for a missing optional
field, lists as lists, numpy arrays from Parquet); every output reads them this way.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def is_blank(value) -> bool:
    """True for None, NaN, NA, empty strings and empty lists."""
    if isinstance(value, str | list | tuple | dict):
        return len(value) == 0
    if hasattr(value, "__len__"):  # numpy arrays from Parquet-backed frames
        return len(value) == 0
    return bool(pd.isna(value))


def as_list(value) -> list:
    """A field's value as a list: blank → ``[]``, one text or object → ``[it]``."""
    if is_blank(value):
        return []
    return [value] if isinstance(value, str | Mapping) else list(value)
