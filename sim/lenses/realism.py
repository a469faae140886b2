"""Realism: relative power and survival first, promises discounted under anarchy.

Assumes an anarchic system where no one enforces promises (Waltz 1979; Mearsheimer 2001):
states weigh the rival's gains, not only their own (Grieco 1988); monitors, DMZs and
guarantees add little credibility (Mearsheimer 1994); a forecast shift in power against a
state is a reason to fight now rather than later (Copeland 2000; Powell 2006); rival
alliances read as threats (Walt 1987); a rival's concession reads as weakness (Jervis 1976);
leaders answer little to their publics. Every assumption is a `Params` field ending in
`_realism`. Names: offensive/defensive realism, balance of power.
"""

from __future__ import annotations

from sim.lenses.base import Lens


class Realism(Lens):
    name = "realism"
    classifier = {"stochastic": True, "theory": "realism", "sources": ["Waltz 1979", "Grieco 1988", "Mearsheimer 2001"]}
