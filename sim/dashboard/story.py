"""The event log as a story a student can read: "Month 14 — Russia fights on against Ukraine."

Each event becomes one plain sentence; the numbers behind it (the model's reason text, with
its symbols spelled out, and the change in the threat the actor perceives that month) are
kept apart as `details`, shown when a line is expanded. Built from the event table (every
decision carries its lens and reason) and the agent table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

LENS_PREFIX = re.compile(r"^\((?P<lens>[a-z]+)\)\s*")
THREAT_CHANGE = 0.01  # smaller changes in perceived threat are not worth a mention
# The model's reason texts use short symbols; the expanded line spells them out.
GLOSSARY = (
    (re.compile(r"\bp=(?=\d)"), "chance of winning "),
    (re.compile(r"\bholds (?=\d)"), "share of the disputed land held "),
    (re.compile(r"\bcost (?=\d)"), "cost of the war so far "),
    (re.compile(r"\bthreat (?=\d)"), "threat felt "),
)
DECISIONS = {
    "fight": "fights on against {target}",
    "attack": "attacks {target}",
    "escalate": "escalates against {target}",
    "hold": "holds its position against {target}",
    "concede": "gives ground to {target}",
    "negotiate": "proposes talks with {target}",
    "ceasefire": "agrees to stop fighting {target}",
}
PHASES = {
    "war": "war breaks out",
    "talks": "talks begin",
    "ceasefire": "the guns fall silent (ceasefire)",
    "settled": "the conflict ends",
    "crisis": "a crisis starts",
    "peace": "peace holds",
}
LEANING = {"realism": "realist", "liberalism": "liberal", "constructivism": "constructivist"}
OTHER = {
    "concession": "{actor} makes a concession to {target}",
    "election": "{actor} holds an election",
    "shock": "a shock hits {actor}",
    "guarantee": "{actor} guarantees {target}'s security",
    "join": "{target} joins {actor}",
    "aid": "{actor} sends aid to {target}",
    "monitoring": "monitors arrive between {actor} and {target}",
    "dmz": "a demilitarised zone separates {actor} and {target}",
    "incident": "an incident on the ceasefire line between {actor} and {target} tests the truce",
}


@dataclass(frozen=True)
class StoryLine:
    step: int
    actor: str
    lens: str | None
    kind: str
    text: str  # one plain sentence
    details: str = ""  # the numbers behind it

    @property
    def headline(self) -> str:
        return f"Month {self.step}"

    def __str__(self) -> str:
        return f"{self.headline} — {self.text}"


def plain_numbers(reason: str) -> str:
    """The model's reason text with its short symbols spelled out."""
    for pattern, words in GLOSSARY:
        reason = pattern.sub(words, reason)
    return reason


def sentence(kind: str, actor: str, target: str | None, lens: str | None, reason: str) -> tuple[str, str]:
    """(plain sentence, numbers) for one event."""
    head, _, tail = kind.partition(":")
    why, _, numbers = reason.partition(": ")
    other = target or "its rival"
    if head == "decision":
        verb = DECISIONS.get(tail, f"chooses to {tail} ({{target}})").format(target=other)
        leaning = LEANING.get(lens or "", lens)
        view = f" — as a {leaning} leader would: {why}" if lens else (f" — {why}" if why else "")
        return f"{actor} {verb}{view}.", numbers
    if head == "phase":
        what = PHASES.get(tail, f"the conflict moves to {tail}")
        return f"{what[0].upper()}{what[1:]}: {why}." if why else f"{what[0].upper()}{what[1:]}.", numbers
    if head == "outcome":
        return f"Outcome: {tail.upper()} — {why}.", numbers
    if head in OTHER:
        text = OTHER[head].format(actor=actor, target=other)
        return f"{text[0].upper()}{text[1:]}.", reason
    return f"{actor}: {kind}.", reason


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
        text, numbers = sentence(kind, actor, target, lens, reason)
        details = [plain_numbers(numbers)] if numbers else []
        before, after = threat.get((actor, step - 1)), threat.get((actor, step))
        if before is not None and after is not None and abs(after - before) >= THREAT_CHANGE:
            details.append(f"threat felt by {actor}: {before:.2f} → {after:.2f}")
        out.append(StoryLine(step, actor, lens, kind, text, "; ".join(details)))
    return out
