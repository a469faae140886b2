"""Liberalism: institutions, interdependence and accountable leaders.

Assumes that institutions make commitments credible (Keohane 1984; Fortna 2004), that states
weigh their own, absolute gains, that lost trade is a cost of war (Russett & Oneal 2001;
Gartzke 2007), that publics constrain leaders (Doyle 1986; Putnam 1988), that kept promises
rebuild trust (Kydd 2005) and that a rival's concession is an opening to reciprocate
(Axelrod 1984). The democratic peace is no rule here: it follows from these costs and
audiences. Every assumption is a `Params` field ending in `_liberalism`.
"""

from __future__ import annotations

from sim.lenses.base import Lens


class Liberalism(Lens):
    name = "liberalism"
    classifier = {
        "stochastic": True,
        "theory": "liberalism",
        "sources": ["Keohane 1984", "Russett & Oneal 2001", "Doyle 1986"],
    }
