"""Brinkmanship dashboard: `solara run app.py` or `brink app` (binds to 127.0.0.1).

Everything lives in the `sim.dashboard` package; this file only hands Solara the page.
"""

from sim.dashboard.page import Page

page = Page

__all__ = ["Page", "page"]
