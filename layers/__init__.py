"""Briefing-map core: load, validate, filter and render the sourced catalogue.

Never imports Streamlit: the app (``app.py``) and the command line
(``python -m layers``) are thin layers over this package.
"""
