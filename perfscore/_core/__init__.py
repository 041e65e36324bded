"""The scoring core: the pack model, the engine, scorecards, exact numbers and diagnostics.

Imports no YAML and no view: loading and printing live at the edges.
"""
