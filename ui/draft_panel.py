"""Placeholder replaced by its owner in this change set."""

from ui.context import AppContext


def render(ctx: AppContext) -> None:
    """Draw the panel (being written)."""
