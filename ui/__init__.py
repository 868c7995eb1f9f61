"""Streamlit UI: one folder per lesson, shared widgets here. Logic lives in ``lib``."""
