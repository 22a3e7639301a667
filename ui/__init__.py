"""Streamlit panels of the app: thin widgets over ``layers``.

``ui`` and ``app.py`` are the only code that imports Streamlit.
Each panel module has ``render(ctx)``.
"""
