"""Tidy tables out: one row per step (model), per agent per step, per event.

Snapshots are appended as numpy arrays each month and turned into DataFrames once, so
recording stays cheap for large worlds. Columns are documented in docs/model.md (Outputs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from sim.model import ConflictModel

CHECKED = ("military", "resources", "manpower", "will", "support", "trust", "threat", "war_costs", "audience")
STATE_COLUMNS = ("military", "resources", "manpower", "will", "support", "threat", "trust", "war_costs")
ALLIANCE_COLUMNS = ("cohesion", "credibility", "members", "guarantee", "aid")


class Recorder:
    def __init__(self, model: ConflictModel):
        self.model = model
        self.rows: list[dict] = []
        self.state_snaps: list[np.ndarray] = []
        self.alliance_snaps: list[np.ndarray] = []
        self.events: list[dict] = []

    def event(self, actor: str, target: str | None, kind: str, reason: str, details: str = "") -> None:
        self.events.append(
            {
                "step": self.model.steps,
                "actor": actor,
                "target": target,
                "kind": kind,
                "reason": reason,
                "details": details,
            }
        )

    def check_finite(self) -> None:
        """Every state variable finite and in range: a violation is a bug, named with its month."""
        w, month = self.model.world, self.model.steps
        values = [getattr(w, name) for name in CHECKED]
        flat = np.concatenate([v.ravel() for v in values])
        unit = np.concatenate([w.will, w.support, w.trust.ravel()])
        if np.isfinite(flat).all() and flat.min() >= -1e-9 and unit.max() <= 1 + 1e-9:
            ok = all(0.0 <= d.territory <= 1.0 and np.isfinite(d.belief_a + d.belief_b) for d in w.disputes)
            if ok:
                return
        for name, v in zip(CHECKED, values, strict=True):  # slow path: name the culprit
            bad = ~np.isfinite(v) | (v < -1e-9) | ((v > 1 + 1e-9) if name in ("will", "support", "trust") else False)
            if bad.any():
                raise FloatingPointError(f"model invariant broken at month {month}: {name} = {v[bad][:3]}")
        raise FloatingPointError(f"model invariant broken at month {month}: a dispute's territory or belief")

    def record(self) -> None:
        self.check_finite()
        m, w = self.model, self.model.world
        d = m.primary
        a = getattr(m, "assessments", {}).get(d.index)
        self.rows.append(
            {
                "step": m.steps,
                "phase": str(d.phase),
                "tension": m.tension,
                "intensity": d.fighting_intensity,
                "escalation_risk": m.escalation_risk,
                "territory": d.territory,
                "belief_a": d.belief_a,
                "belief_b": d.belief_b,
                "range_lo": a.range[0] if a else np.nan,
                "range_hi": a.range[1] if a else np.nan,
                "ripe": bool(a.ripe) if a else False,
                "deal_available": bool(a and a.deal is not None),
                "effectiveness_a": float(d.effectiveness[0]),
                "effectiveness_b": float(d.effectiveness[1]),
                "military_a": w.military[d.a],
                "military_b": w.military[d.b],
                "trust_ab": w.trust[d.a, d.b],
                "trust_ba": w.trust[d.b, d.a],
                "threat_ab": w.threat[d.a, d.b],
                "threat_ba": w.threat[d.b, d.a],
                "will_a": w.will[d.a],
                "will_b": w.will[d.b],
                "support_a": w.support[d.a],
                "support_b": w.support[d.b],
                "outcome": str(m.outcome) if m.outcome else None,
            }
        )
        off = ~np.eye(w.n, dtype=bool)
        trust_mean = (w.trust * off).sum(axis=1) / max(w.n - 1, 1)
        self.state_snaps.append(
            np.column_stack(
                [
                    w.military,
                    w.resources,
                    w.manpower,
                    w.will,
                    w.support,
                    w.threat.max(axis=1),
                    trust_mean,
                    w.war_costs,
                ]
            )
        )
        self.alliance_snaps.append(
            np.array(
                [[al.cohesion, al.credibility, len(al.members), al.guarantee, al.aid] for al in w.alliances]
            ).reshape(len(w.alliances), len(ALLIANCE_COLUMNS))
        )

    def model_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows)
        frame["outcome"] = frame["outcome"].astype("string")
        return frame

    def agent_frame(self) -> pd.DataFrame:
        m = self.model
        steps = len(self.state_snaps)
        n = m.world.n
        states = pd.DataFrame(np.concatenate(self.state_snaps), columns=list(STATE_COLUMNS))
        states.insert(0, "step", np.repeat(np.arange(steps), n))
        states.insert(1, "agent_id", np.tile([s.unique_id for s in m.states], steps))
        states.insert(2, "name", np.tile(m.world.names, steps))
        states.insert(3, "kind", "state")
        states.insert(4, "lens", np.tile([lens.name for lens in m.lenses], steps))
        publics = states[["step", "name"]].copy()
        publics["agent_id"] = np.tile([p.unique_id for p in m.publics], steps)
        publics["name"] = publics["name"] + " public"
        publics["kind"] = "public"
        publics["support"] = states["support"]
        frames = [states, publics]
        k = len(m.world.alliances)
        if k:
            al = pd.DataFrame(np.concatenate(self.alliance_snaps), columns=list(ALLIANCE_COLUMNS))
            al.insert(0, "step", np.repeat(np.arange(steps), k))
            al.insert(1, "agent_id", np.tile([a.unique_id for a in m.alliance_agents], steps))
            al.insert(2, "name", np.tile([a.name for a in m.world.alliances], steps))
            al.insert(3, "kind", "alliance")
            frames.append(al)
        out = pd.concat(frames, ignore_index=True, sort=False)
        return out.sort_values(["step", "agent_id"], kind="stable").reset_index(drop=True)

    def event_frame(self) -> pd.DataFrame:
        cols = ["step", "actor", "target", "kind", "reason", "details"]
        return pd.DataFrame(self.events, columns=cols).astype(
            {"actor": "string", "target": "string", "kind": "string", "reason": "string", "details": "string"}
        )
