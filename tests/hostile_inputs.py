"""Hostile inputs built in code (sizes and shapes that hurt), shared by several test files."""

from __future__ import annotations

CSV_HEADER = (
    "id,name,aliases,exercise_id,exercise,kind,start,end,time_precision,participants,aircraft,"
    "units,staging_base,home_base,summary,notes,basis,confidence,place_precision,source_title,"
    "source_publisher,source_url,source_published,source_retrieved,latitude,longitude,wkt"
)
BAD_ROW = (
    "BAD ID {i},name,,bad id,ex,nokind,2025-13-45,yesterday,never,ZZZZ,B-52H:two:,,nowhere,"
    "nowhere,summary,,,sure,where,t,p,ftp://x,someday,,999,999,"
)


def bad_rows_csv_text(rows: int = 120_000) -> str:
    """About 18 MB of CSV rows that are each wrong in a dozen ways (the limit is 20 MB)."""
    body = "\n".join(BAD_ROW.format(i=i) for i in range(rows))
    return f"{CSV_HEADER}\n{body}\n"


def deep_json(depth: int = 50_000) -> bytes:
    """JSON nested deeper than any parser's recursion limit."""
    return b"[" * depth + b"]" * depth


def huge_number_json() -> bytes:
    """A FeatureCollection with a 5,000-digit number in it."""
    return (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"count": ' + b"9" * 5000 + b'}, "geometry": null}]}'
    )
