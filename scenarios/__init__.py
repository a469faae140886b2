"""Shipped scenarios, installed as the package `sim.data.scenarios` (see pyproject.toml).

This file only makes the folder importable, so that `importlib.resources` finds the files in
a wheel and in an editable install alike; the scenarios are the .toml files beside it.
"""
