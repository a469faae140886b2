"""The event log as a causal story: "Step 14 — Russia (realism): <reason>; threat 0.62 -> 0.78".

Built from the event table (every decision already carries its lens and reason, with the
numbers) and, for a state's own moves, the change in the threat it perceives that month from
the agent table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

LENS_PREFIX = re.compile(r"^\((?P<lens>[a-z]+)\)\s*")
THREAT_CHANGE = 0.01  # smaller changes in perceived threat are not worth a mention


@dataclass(frozen=True)
class StoryLine:
    step: int
    actor: str
    lens: str | None
    kind: str
    text: str

    @property
    def headline(self) -> str:
        who = f"{self.actor} ({self.lens})" if self.lens else self.actor
        return f"Step {self.step} — {who}"

    def __str__(self) -> str:
        return f"{self.headline}: {self.text}"


def _action(kind: str) -> str:
    """`decision:fight` -> "fights"; phases and outcomes are spelled out."""
    head, _, tail = kind.partition(":")
    if head == "decision":
        return {"hold": "holds", "attack": "attacks", "escalate": "escalates", "concede": "concedes"}.get(
            tail, f"chooses to {tail}"
        )
    if head == "phase":
        return f"phase → {tail}"
    if head == "outcome":
        return f"OUTCOME: {tail}"
    return kind


def _threat_lookup(agents_df: pd.DataFrame | None) -> dict[tuple[str, int], float]:
    if agents_df is None or agents_df.empty or "threat" not in agents_df:
        return {}
    states = agents_df[agents_df["kind"] == "state"] if "kind" in agents_df else agents_df
    return {
        (str(n), int(s)): float(t) for n, s, t in zip(states["name"], states["step"], states["threat"], strict=True)
    }


def story(
    events_df: pd.DataFrame,
    agents_df: pd.DataFrame | None = None,
    lenses: dict[str, str] | None = None,
    newest_first: bool = True,
    limit: int | None = None,
) -> list[StoryLine]:
    """The events as story lines, newest first by default.

    Args:
        events_df: the event table (step, actor, target, kind, reason).
        agents_df: the agent table, for the actor's perceived threat before and after.
        lenses: state name -> lens, to name the lens of states whose reason does not.
        limit: keep at most this many lines.
    """
    if events_df is None or events_df.empty:
        return []
    threat = _threat_lookup(agents_df)
    lenses = lenses or {}
    rows = events_df.sort_values("step", kind="stable")
    if newest_first:
        rows = rows.iloc[::-1]
    if limit is not None:
        rows = rows.head(limit)
    out = []
    for e in rows.itertuples(index=False):
        step, actor, kind = int(e.step), str(e.actor), str(e.kind)
        reason = "" if pd.isna(e.reason) else str(e.reason)
        found = LENS_PREFIX.match(reason)
        lens = found["lens"] if found else (lenses.get(actor) if kind.startswith("decision:") else None)
        reason = reason[found.end() :] if found else reason
        target = None if pd.isna(e.target) else str(e.target)
        parts = [_action(kind) + (f" ({target})" if target and kind.startswith("decision:") else "")]
        parts.append(reason)
        before, after = threat.get((actor, step - 1)), threat.get((actor, step))
        if before is not None and after is not None and abs(after - before) >= THREAT_CHANGE:
            parts.append(f"threat {before:.2f} -> {after:.2f}")
        out.append(StoryLine(step, actor, lens, kind, "; ".join(p for p in parts if p)))
    return out
