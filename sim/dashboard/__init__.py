"""The browser dashboard (`brink app`, `solara run app.py`), built on Solara with plotly charts.

Layers, each testable on its own: `config` (what the user chose, slider ranges from the
schema, uploaded scenarios), `session` (the run controller and play loop), `story` (the event
log as a causal story), `results` (ensembles, batch directories, saved runs), `views` (the
shared `sim.report` figures arranged for the page), then the Solara side: `state` (reactives
and actions), `components` and `panels`, and `page`.
"""
