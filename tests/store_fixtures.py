"""Helpers for tests of the user-data store: a valid file to import, and no catalogue."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "templates" / "events_template.geojson"
NO_CATALOGUE = {"base_ids": frozenset(), "reserved_ids": frozenset()}  # check ids alone
