"""Readable names and units for what the dashboard shows: parameters, numbers and tables.

The schema's field names (`entanglement_rate`) stay the keys; students see "Chance an ally is
drawn in: 2.0 % / month". Each unit says how the value is read, so a slider never shows a
bare number.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

# parameter -> (label, unit); the unit decides the format (see format_value)
PARAM_LABELS: dict[str, tuple[str, str]] = {
    "threat_alliance_weight": ("Threat from rival alliances", "weight"),
    "entanglement_rate": ("Chance an ally with troops is drawn in", "% / month"),
    "expansion_rate": ("Chance an alliance admits a new member", "% / month"),
    "concession_decay": ("How fast a concession loses value", "/ month"),
    "renege_base": ("Chance an untrusted rival reneges", "of 1"),
    "ceasefire_hazard": ("Chance of an incident on a bare ceasefire line", "% / month"),
    "attrition_rate": ("Losses at full fighting", "% of forces / month"),
    "fog": ("Fog of war", "spread of the battle signal"),
    "audience_cost_rate": ("How fast red lines harden", "/ month at war"),
    "shock_rate": ("Chance of a random shock", "% / month, each state"),
}


def format_value(name: str, value: float) -> str:
    """A parameter's value with its unit: `2.0 % / month`, `0.35 weight`."""
    _label, unit = PARAM_LABELS.get(name, (name, ""))
    if unit.startswith("%"):
        return f"{100 * value:.1f} {unit}"
    digits = 4 if abs(value) < 0.1 and value != 0 else 2
    return f"{value:.{digits}f} {unit}".strip()


def param_label(name: str) -> str:
    return PARAM_LABELS.get(name, (name.replace("_", " "), ""))[0]


def tidy_cell(value: Any) -> Any:
    """A table cell for people: 0.0362 not 0.03622316096978745, `a, b` not `['a', 'b']`."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return ""
        return f"{value:.3g}" if isinstance(value, float) else value
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "tolist"):  # numpy arrays in parquet list columns
        return ", ".join(str(v) for v in value.tolist())
    return value


def tidy_table(df: pd.DataFrame, percent: tuple[str, ...] = ("share", "ci_low", "ci_high")) -> pd.DataFrame:
    """A copy of `df` for display: shares as percentages, floats rounded, lists joined."""
    out = df.copy()
    for column in out.columns:
        if column in percent:
            out[column] = out[column].map(lambda v: "" if pd.isna(v) else f"{100 * v:.0f}%")
        else:
            out[column] = out[column].map(tidy_cell)
    return out
