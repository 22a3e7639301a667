"""Leaflet and the basemap come from installed packages into static/, never from a CDN."""

from __future__ import annotations

import base64
import json
import os

import pytest

from layers.map import assets


@pytest.fixture
def basemap_dir(tmp_path):
    folder = tmp_path / "basemap"
    folder.mkdir()
    for name in assets.BASEMAP_FILES:
        (folder / name).write_text('{"type":"FeatureCollection","features":[]}')
    return folder


def test_copies_leaflet_images_and_basemap(tmp_path, basemap_dir):
    static = tmp_path / "static"
    written = assets.ensure_static_assets(static, basemap_dir=basemap_dir)
    assert (static / "vendor/leaflet/leaflet.js").read_bytes().startswith(b"/* @preserve")
    assert (static / "vendor/leaflet/images/layers.png").stat().st_size > 0
    for name in assets.BASEMAP_FILES:  # served in the compact form the page decodes
        served = static / "basemap" / assets.served_name(name)
        assert json.loads(served.read_text())["format"] == "briefing-basemap"
        assert served.stat().st_mode & 0o044 == 0o044  # readable by a server of another user
    assert len(written) == len(assets.static_files(basemap_dir))


def test_second_run_copies_nothing_and_a_changed_source_is_recopied(tmp_path, basemap_dir):
    static = tmp_path / "static"
    assets.ensure_static_assets(static, basemap_dir=basemap_dir)
    assert assets.ensure_static_assets(static, basemap_dir=basemap_dir) == []
    source = basemap_dir / assets.BASEMAP_WORLD
    source.write_text('{"type":"FeatureCollection","source":"v2","features":[]}')
    os.utime(source, (source.stat().st_atime, source.stat().st_mtime + 10))
    written = assets.ensure_static_assets(static, basemap_dir=basemap_dir)
    assert written == [static / "basemap" / assets.served_name(assets.BASEMAP_WORLD)]
    assert json.loads(written[0].read_text())["source"] == "v2"
    assert not [p for p in (static / "basemap").iterdir() if p.name.startswith(".")]


def test_missing_basemap_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="region_countries_10m"):
        assets.ensure_static_assets(tmp_path / "static", basemap_dir=tmp_path)


def test_the_shipped_basemap_files_exist():
    for name in assets.BASEMAP_FILES:
        assert (assets.BASEMAP_SOURCE_DIR / name).stat().st_size > 10_000


def test_static_urls_are_local():
    urls = assets.asset_urls("static")
    assert [url for _, url in urls.js] == ["/app/static/vendor/leaflet/leaflet.js"]
    assert [url for _, url in urls.css] == ["/app/static/vendor/leaflet/leaflet.css"]
    assert set(assets.basemap_urls().values()) == {
        "/app/static/basemap/region_countries_10m.json",
        "/app/static/basemap/region_countries_10m_display.json",
        "/app/static/basemap/world_countries_50m_pacific_display.json",
    }


def test_inline_assets_carry_the_files_and_their_images():
    urls = assets.asset_urls("inline")
    (_, js), (_, css) = urls.js[0], urls.css[0]
    assert js.startswith("data:text/javascript;base64,")
    assert b"L.version" in base64.b64decode(js.split(",", 1)[1]) or len(js) > 100_000
    css_text = base64.b64decode(css.split(",", 1)[1]).decode()
    assert "url(images/" not in css_text
    assert "url(data:image/png;base64," in css_text


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="asset mode"):
        assets.asset_urls("cdn")
