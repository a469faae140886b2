"""The parameter table of `docs/model.md`, generated from `sim.params.Params`.

`parameter_table()` builds a Markdown table from the fields of `Params`: name, default, the
range allowed by the field's `ge`/`le` (or `gt`/`lt`) bounds, its description and its source
from `SOURCES`. Most numbers are calibrated choices, not estimates from data, and `SOURCES`
says so: a literature source names where a mechanism's form comes from, "value calibrated"
that the number itself was chosen to give plausible monthly dynamics.

    python -m sim.paramdoc            # print the table
    python -m sim.paramdoc --write    # rewrite the block in docs/model.md in place
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim.params import Params

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "model.md"
START = "<!-- params:start -->"
END = "<!-- params:end -->"
MISSING = "**no source recorded**"

CAL = "calibrated"
SOURCES: dict[str, str] = {
    # perception and trust
    "threat_smoothing": f"{CAL} (exponential smoothing; no literature value)",
    "threat_power_weight": f"Walt 1987 (aggregate power as a source of threat); value {CAL}",
    "threat_buildup_weight": f"Richardson 1960 (arming read as hostile intent); Jervis 1978; value {CAL}",
    "threat_alliance_weight": f"Walt 1987 (proximity); Jervis 1978 (security dilemma); value {CAL}",
    "reassurance": f"Snyder 1984; Walter 2002 (guarantees reassure the protected); value {CAL}",
    "trust_gain": f"{CAL}, slow by design (reference article: rebuilding trust takes generations)",
    "trust_loss": f"{CAL}, fast by design (reference article; Jervis 1978)",
    "monitoring_trust_boost": f"Fortna 2004 (monitoring reassures); value {CAL}",
    # arms race
    "arms_reaction": f"Richardson 1960 (reaction coefficients k, l); value {CAL}",
    "arms_fatigue": f"Richardson 1960 (fatigue coefficients a, b); value {CAL}",
    # domestic politics
    "casualty_weight": f"Mueller 1973 (casualties erode support); value {CAL}",
    "cost_weight": CAL,
    "territory_weight": CAL,
    "support_reversion": f"{CAL} (rally effects decay: Mueller 1973)",
    "will_adjustment": f"Putnam 1988 (the domestic level constrains leaders); value {CAL}",
    "election_threshold": CAL,
    "election_swing": CAL,
    "audience_cost_rate": f"Fearon 1994 (audience costs grow with escalation); value {CAL}",
    "audience_cost_cap": CAL,
    "territorial_hardening": f"Toft 2003; Hassner 2003 (territory as indivisible); value {CAL}",
    # combat
    "attrition_rate": f"Lanchester 1916 (square law); monthly rate {CAL}",
    "defense_advantage": f"Biddle 2004 (the defender's advantage); value {CAL}",
    "front_speed": CAL,
    "combat_noise": CAL,
    "front_noise": CAL,
    "war_drain": CAL,
    "recovery": CAL,
    "fog": f"Wagner 2000; Slantchev 2003 (fighting reveals information); value {CAL}",
    "optimism_persistence": f"{CAL} (motivated misperception; cf. Johnson 2004 on overconfidence)",
    "belief_learning": f"Slantchev 2003 (beliefs converge through fighting); value {CAL}",
    # bargaining
    "cost_horizon": f"Fearon 1995 (costs of war c_A, c_B); horizon {CAL}",
    "ripeness_window": f"Zartman 2000 (mutually hurting stalemate); window {CAL}",
    "stalemate_tolerance": f"Zartman 2000; value {CAL}",
    "decisive_shift": f"Zartman 2000; reference article (shifts trigger talks); value {CAL}",
    "concession_value": f"reference article (early concessions weigh more); value {CAL}",
    "concession_decay": f"reference article; Fearon 1994 (positions harden); value {CAL}",
    "credibility_threshold": f"Walter 2002 (credible commitment); value {CAL}",
    "monitoring_credibility": f"Fortna 2004; value {CAL}",
    "dmz_credibility": f"Fortna 2004; value {CAL}",
    "guarantee_credibility": f"Walter 2002 (third-party enforcement); value {CAL}",
    "power_shift_penalty": f"Powell 2006 (commitment problem under shifting power); value {CAL}",
    "talks_intensity": CAL,
    "talks_patience": CAL,
    "concession_step": CAL,
    "concession_cooldown": CAL,
    # ceasefires
    "ceasefire_hazard": f"Fortna 2004 (about half of ceasefires fail, ~); monthly value {CAL}",
    "monitoring_protection": f"Fortna 2004 (monitors make peace last); value {CAL}",
    "dmz_protection": f"Fortna 2004 (demilitarised zones make peace last); value {CAL}",
    "frozen_after": f"{CAL} (definition of a frozen conflict; cf. Fazal 2013)",
    # alliances, guarantees, escalation
    "expansion_rate": f"Walt 1987 (threatened states balance); value {CAL}",
    "entanglement_rate": f"Snyder 1984 (entrapment); value {CAL}",
    "escalation_step": CAL,
    "deescalation": CAL,
    "escalation_intensity": f"{CAL} (definition of a widened war)",
    # outcomes
    "collapse_military": f"{CAL} (definition of defeat)",
    "collapse_will": f"{CAL} (definition of capitulation)",
    "shock_rate": CAL,
}


def _number(x: float | int) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _bounds(metadata: list) -> str:
    """The closed or open interval allowed by pydantic's ge/gt/le/lt constraint objects."""
    lo = hi = None
    lo_open = hi_open = False
    for m in metadata:
        if getattr(m, "ge", None) is not None:
            lo = m.ge
        elif getattr(m, "gt", None) is not None:
            lo, lo_open = m.gt, True
        elif getattr(m, "le", None) is not None:
            hi = m.le
        elif getattr(m, "lt", None) is not None:
            hi, hi_open = m.lt, True
    left = "(−∞" if lo is None else f"{'(' if lo_open else '['}{_number(lo)}"
    right = "∞)" if hi is None else f"{_number(hi)}{')' if hi_open else ']'}"
    return f"{left}, {right}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def parameter_table() -> str:
    """The Markdown table of every field of `Params` (no trailing newline)."""
    rows = [
        "| Parameter | Default | Range | Meaning (per month unless said otherwise) | Source |",
        "|---|---|---|---|---|",
    ]
    for name, field in Params.model_fields.items():
        kind = " (int)" if field.annotation is int else ""
        rows.append(
            f"| `{name}` | {_number(field.default)} | {_bounds(field.metadata)}{kind} "
            f"| {_cell(field.description or '')} | {_cell(SOURCES.get(name, MISSING))} |"
        )
    return "\n".join(rows)


def block(text: str) -> str | None:
    """The text between the markers in `text`, or None if the markers are missing."""
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0]


def write(path: Path = DOC_PATH) -> bool:
    """Rewrite the block between the markers in `path`; return True if it changed."""
    text = path.read_text(encoding="utf-8")
    if block(text) is None:
        raise SystemExit(f"{path}: markers {START} ... {END} not found")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    new = f"{head}{START}\n{parameter_table()}\n{END}{tail}"
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        changed = write()
        print(f"{DOC_PATH}: parameter table {'refreshed' if changed else 'already up to date'}")
        return 0
    if args:
        print("usage: python -m sim.paramdoc [--write]", file=sys.stderr)
        return 2
    print(parameter_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
