"""plotly.js's cartesian bundle (npm `plotly.js-cartesian-dist-min`, MIT; licence beside it),
installed as the package `sim.dashboard.assets` (see pyproject.toml) and served by the dashboard.

Third-party code is kept out of `sim/`; this file only makes the folder importable, so that
`importlib.resources` finds the bundle in a wheel and in an editable install alike.
"""
