"""Shared check that an HTML page works offline: plotly.js inlined once, nothing fetched.

Plotly encodes numeric arrays as base64, which can spell "cdn" by chance, so the check looks
for a CDN host or path and for any http(s) URL, not for the three letters.
"""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs

PLOTLY_JS = get_plotlyjs()


def outside_plotlyjs(page: str) -> str:
    """The page without the inlined plotly.js bundle (which names URLs in its own comments)."""
    return page.replace(PLOTLY_JS, "")


def assert_offline(page: str) -> None:
    """plotly.js inlined exactly once; no <script src>, no CDN host or path, no http(s) URL."""
    assert page.count(PLOTLY_JS[:200]) == 1, "plotly.js must be inlined exactly once"
    rest = outside_plotlyjs(page)
    assert not re.search(r"<script[^>]*\bsrc\s*=", rest, re.I)
    assert "cdn." not in rest.lower() and "/cdn" not in rest.lower()
    assert "http://" not in rest and "https://" not in rest
