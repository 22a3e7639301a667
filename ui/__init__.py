"""Streamlit panels of the app: thin widgets over ``layers`` (the only package that
imports Streamlit besides ``app.py``). Each panel module has ``render(ctx)``."""
