"""Fixtures shared by every test tier (helper functions live in ``*_fixtures.py`` modules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_fixtures import pg_cluster, pg_store, pg_url  # noqa: F401 - fixtures for every tier

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue_frames() -> dict:
    """The shipped catalogue, loaded and validated once per session (treat as read-only)."""
    from layers.catalogue.load import load_catalogue

    return load_catalogue().frames


@pytest.fixture(scope="session")
def gaz():
    """The drafter's gazetteer of the small test catalogue (``draft_fixtures``)."""
    from draft_fixtures import gazetteer

    return gazetteer()


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    """An empty user data folder, which the app (and AppTest harnesses) read from the env."""
    from layers.catalogue.store import ENV_VAR

    folder = tmp_path / "userdata"
    monkeypatch.setenv(ENV_VAR, str(folder))
    return folder


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
