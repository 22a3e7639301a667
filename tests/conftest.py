"""Fixtures shared by every test tier."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue_frames() -> dict:
    """The shipped catalogue, loaded and validated once per session (treat as read-only)."""
    from layers.catalogue.load import load_catalogue

    return load_catalogue().frames


def pytest_collection_modifyitems(items) -> None:
    """Run the fast tiers first and the browser tier last: quick failures come quickly."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def bad_rows_csv(tmp_path_factory) -> Path:
    """About 18 MB of rows that are each wrong in a dozen ways (the limit is 20 MB)."""
    from hostile_inputs import bad_rows_csv_text

    path = tmp_path_factory.mktemp("hostile") / "bad_rows.csv"
    path.write_text(bad_rows_csv_text(), encoding="utf-8")
    return path
