"""Streamlit pages (UI only) and their shared helpers."""
