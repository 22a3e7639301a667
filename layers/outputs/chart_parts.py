"""What both timeline charts share: the kinds' colours and the band of the date window."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from layers.catalogue.schema import EVENT_KINDS

# The views that hold the selections. Named, because Altair otherwise names each by a
# hash of its chart, data included: a repr of the whole frame, about a third of the
# chart's build time on every filter change.
BARS_VIEW = "bars"
BRUSH_VIEW = "under_bars"  # the timeline's invisible bars under the visible ones
ONE_DAY = timedelta(days=1)


def kind_colour_scale(frame: pd.DataFrame) -> alt.Scale:
    """Kind labels → the map's colours, listing only the kinds present (short legend)."""
    present = dict(zip(frame["kind_label"], frame["colour"], strict=True))
    domain = [EVENT_KINDS[k] for k in EVENT_KINDS if EVENT_KINDS[k] in present]
    domain += [label for label in present if label not in domain]
    return alt.Scale(domain=domain, range=[present[label] for label in domain])


def window_band(window: tuple[date | None, date | None], x_scale: alt.Scale) -> alt.Chart:
    """A light band behind the bars marking the window; a single edge when one end is open."""
    start, end = window
    x = alt.X("start:T", scale=x_scale)
    if start is not None and end is not None:
        band = pd.DataFrame({"start": [utc(start)], "end": [utc(end + ONE_DAY)]})
        return alt.Chart(band).mark_rect(color="#f2c14e", opacity=0.25).encode(x=x, x2="end:T")
    edge = utc(start) if start is not None else utc(end + ONE_DAY)
    edge_frame = pd.DataFrame({"start": [edge]})
    return alt.Chart(edge_frame).mark_rule(color="#c99a06", strokeWidth=2).encode(x=x)


def utc(day: date) -> pd.Timestamp:
    """Midnight UTC of ``day``: the charts' time scale is UTC."""
    return pd.Timestamp(day).tz_localize("UTC")
