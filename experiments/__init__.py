"""Shipped experiments, installed as the package `sim.data.experiments` (see pyproject.toml).

This file only makes the folder importable, so that `importlib.resources` finds the files in
a wheel and in an editable install alike; the experiments are the .toml files beside it.
"""
