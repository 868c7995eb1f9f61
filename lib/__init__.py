"""DL Playground's logic: UI-free, usable from a notebook or a script."""
