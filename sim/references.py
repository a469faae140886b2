"""Cross-references of a scenario: every name it uses points at something that exists and fits.

Kept apart from the schema's field types (`sim.scenario`) because these checks read the whole
scenario at once. The rule they enforce: whatever validates also runs, so the timeline never
meets an event it cannot apply (an event between two states with no dispute, a concession on
an issue that is not at stake).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.scenario import Scenario

Location = tuple[str | int, ...]


def _dispute_index(spec: Scenario, x: str, y: str | None) -> int | None:
    """The first dispute between states `x` and `y` (as the model's timeline finds it), or None."""
    for k, d in enumerate(spec.disputes):
        if y is not None and {x, y} == set(d.sides):
            return k
    return None


def cross_reference_errors(spec: Scenario) -> list[tuple[Location, str]]:
    """(field path, message) for every reference that names nothing, or nothing that fits.

    Names are unique; alliances, disputes and events name known states and alliances; a dispute
    is between two distinct states; a concession, monitoring or dmz event is between two states
    that have a dispute, and a concession names an issue of that dispute. So whatever validates
    also runs: the timeline never meets an event it cannot apply.
    """
    from sim.lenses import LENSES

    errors: list[tuple[Location, str]] = []
    names = [s.name for s in spec.states]
    known = set(names)
    for k, name in enumerate(names):
        if name in names[:k]:
            errors.append((("states", k, "name"), f"duplicate state name {name!r}"))
    if errors:  # every other check resolves names; with duplicates, those would only echo this one
        return errors
    for k in range(len(names)):
        if spec.states[k].lens is not None and spec.states[k].lens not in LENSES:
            errors.append((("states", k, "lens"), f"unknown lens {spec.states[k].lens!r} (known: {sorted(LENSES)})"))
    if spec.default_lens != "mixed" and spec.default_lens not in LENSES:
        errors.append((("default_lens",), f"unknown lens {spec.default_lens!r} (known: {sorted(LENSES)} or 'mixed')"))
    alliance_names = [a.name for a in spec.alliances]
    for k, a in enumerate(spec.alliances):
        if a.name in alliance_names[:k]:
            errors.append((("alliances", k, "name"), f"duplicate alliance name {a.name!r}"))
        for field in ("members", "candidates", "protects"):
            for j, n in enumerate(getattr(a, field)):
                if n not in known:
                    errors.append((("alliances", k, field, j), f"unknown state {n!r} (known: {sorted(known)})"))
    for k, d in enumerate(spec.disputes):
        for j, n in enumerate(d.sides):
            if n not in known:
                errors.append((("disputes", k, "sides", j), f"unknown state {n!r} (known: {sorted(known)})"))
        if d.sides[0] == d.sides[1]:
            errors.append((("disputes", k, "sides"), "a state cannot dispute with itself"))
        issue_names = [i.name for i in d.issues]
        for j, n in enumerate(issue_names):
            if n in issue_names[:j]:
                errors.append((("disputes", k, "issues", j, "name"), f"duplicate issue name {n!r}"))
    lensless = [st.name for st in spec.states if st.lens is None]
    if spec.default_lens == "mixed" and lensless:  # each state keeps its own lens: none is assumed silently
        more = f" and {len(lensless) - 5} more" if len(lensless) > 5 else ""
        named = ", ".join(repr(n) for n in lensless[:5]) + more
        errors.append(
            (("default_lens",), f"'mixed' keeps each state's own lens, but {named} "
             f"{'has' if len(lensless) == 1 else 'have'} none: set states.<k>.lens (realism or liberalism), "
             "or set default_lens to one of them")
        )  # fmt: skip
    state_kinds = {"election", "shock", "concession", "monitoring", "dmz"}
    dyad_kinds = {"concession", "monitoring", "dmz"}
    for k, e in enumerate(spec.events):
        wanted = known if e.kind in state_kinds else set(alliance_names)
        if e.actor not in wanted:
            what = "a state" if e.kind in state_kinds else "an alliance"
            errors.append((("events", k, "actor"), f"a {e.kind!r} event needs {what}, got {e.actor!r}"))
            continue
        if e.kind in {"join", "guarantee", "enter", *dyad_kinds} and e.target not in known:
            errors.append((("events", k, "target"), f"a {e.kind!r} event needs a target state, got {e.target!r}"))
            continue
        if e.target is not None and e.target not in known | set(alliance_names):
            errors.append((("events", k, "target"), f"unknown actor {e.target!r}"))
            continue
        if e.kind not in dyad_kinds:
            continue
        d = _dispute_index(spec, e.actor, e.target)
        if d is None:
            errors.append(
                (("events", k, "target"), f"a {e.kind!r} event needs a dispute between {e.actor!r} and "
                 f"{e.target!r}; the disputes are {[list(x.sides) for x in spec.disputes]}")
            )  # fmt: skip
            continue
        at_stake = [i.name for i in spec.disputes[d].issues] or ["territory"]  # the model's default issue
        if e.kind == "concession" and e.issue not in at_stake:
            errors.append(
                (("events", k, "issue"), f"a concession needs the name of an issue at stake in disputes.{d} "
                 f"({', '.join(at_stake)}), got {e.issue!r}")
            )  # fmt: skip
    return errors
