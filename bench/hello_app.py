"""The framework's floor for ``bench/bench_page.py``: a Streamlit page with one line of text.

Served with the project's ``.streamlit/config.toml``, so it pays the same server settings.
"""

import streamlit as st

st.set_page_config(page_title="Hello", layout="wide")
st.title("Hello")
st.write("The Streamlit floor: a page with one line of text.")
