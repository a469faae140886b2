"""Measures the lessons read off one run's model table (one row per month).

Pure functions of the tidy table `ConflictModel.model_table()`: A is the primary dispute's
first side, B its second (Red/Blue, Russia/Ukraine, North/South Korea, Turkey/Cyprus). Each
returns a float, NaN when the measure does not apply to the run (no war, month not reached).
"""

from __future__ import annotations

import math

import pandas as pd

from sim.lessons.base import Metric

PAUSE_PHASES = ("talks", "ceasefire")


def _months(table: pd.DataFrame) -> pd.DataFrame:
    """The months after the initial state (step 0 is the scenario as written)."""
    return table[table["step"] >= 1]


def _at(table: pd.DataFrame, column: str, step: int) -> float:
    row = table.loc[table["step"] == step, column]
    return float(row.iloc[0]) if len(row) else math.nan


def war_started(table: pd.DataFrame) -> float:
    """1 if the dispute was at war in any month, else 0 (for disputes that start as crises)."""
    return float((_months(table)["phase"] == "war").any())


def first_war_month(table: pd.DataFrame) -> float:
    """The first month at war, NaN if war never came."""
    months = _months(table)
    at_war = months.loc[months["phase"] == "war", "step"]
    return float(at_war.min()) if len(at_war) else math.nan


def first_pause_month(table: pd.DataFrame) -> float:
    """The first month of talks or a ceasefire, NaN if the fighting never paused."""
    months = _months(table)
    paused = months.loc[months["phase"].isin(PAUSE_PHASES), "step"]
    return float(paused.min()) if len(paused) else math.nan


def tension_two_years(table: pd.DataFrame) -> float:
    """Mean tension over months 1-24 (or as many as the run lasted)."""
    return float(_months(table).head(24)["tension"].mean())


def threat_a_two_years(table: pd.DataFrame) -> float:
    """A's mean perceived threat from B over months 1-24."""
    return float(_months(table).head(24)["threat_ab"].mean())


def peak_forces_a(table: pd.DataFrame) -> float:
    """A's largest force over the run, as a multiple of its initial force (arms race)."""
    return float(table["military_a"].max() / table["military_a"].iloc[0])


def deal_months(table: pd.DataFrame) -> float:
    """Share of months in which a deal inside both sides' red lines and range existed."""
    return float(_months(table)["deal_available"].astype(float).mean())


def ceasefire_breakdowns(table: pd.DataFrame) -> float:
    """How many times a ceasefire broke down into war."""
    phases = table["phase"].astype(str).tolist()
    return float(sum(a == "ceasefire" and b == "war" for a, b in zip(phases, phases[1:], strict=False)))


def outcome_month(table: pd.DataFrame) -> float:
    """The month the run ended with an outcome, NaN if still ongoing at the horizon."""
    done = table.loc[table["outcome"].notna() & (table["outcome"].astype(str) != "ongoing"), "step"]
    return float(done.min()) if len(done) else math.nan


def settled_share_a(table: pd.DataFrame) -> float:
    """A's share of the disputed ground in the settlement that ended the run: the terms it
    signed for (NaN if the run did not end in a settlement)."""
    last = table.iloc[-1]
    return float(last["territory"]) if str(last["outcome"]) == "settlement" else math.nan


def peak_escalation_risk(table: pd.DataFrame) -> float:
    """The largest monthly chance that a guarantor is drawn into the war."""
    return float(table["escalation_risk"].max())


def threat_b_month_8(table: pd.DataFrame) -> float:
    """B's perceived threat from A in month 8 (two months after ukraine_2025's guarantee)."""
    return _at(table, "threat_ba", 8)


def will_b_month_10(table: pd.DataFrame) -> float:
    """B's political will in month 10 (after ukraine_2025's month-9 election)."""
    return _at(table, "will_b", 10)


WAR_STARTED = Metric("war_started", "war broke out", war_started, unit="%")
FIRST_WAR = Metric("first_war_month", "first month at war (median)", first_war_month, agg="median", unit="month")
TENSION_24 = Metric("tension_24", "mean tension, months 1-24", tension_two_years)
THREAT_A_24 = Metric("threat_a_24", "A's threat from B, months 1-24", threat_a_two_years)
PEAK_FORCES_A = Metric("peak_forces_a", "A's peak forces (× initial)", peak_forces_a, unit="x")
DEAL_MONTHS = Metric("deal_months", "months with a deal on the table", deal_months, unit="%")
FIRST_PAUSE = Metric("first_pause", "first talks or ceasefire (median month)", first_pause_month, "median", "month")
BREAKDOWNS = Metric("breakdowns", "ceasefire breakdowns per run", ceasefire_breakdowns)
SETTLED_SHARE_A = Metric("settled_share_a", "A's share of the ground in a settlement (mean)", settled_share_a, unit="%")
OUTCOME_MONTH = Metric("outcome_month", "month of the outcome (median)", outcome_month, agg="median", unit="month")
PEAK_RISK = Metric("peak_risk", "peak monthly escalation risk", peak_escalation_risk, unit="%.1")
THREAT_B_8 = Metric("threat_b_8", "B's threat from A in month 8", threat_b_month_8)
WILL_B_10 = Metric("will_b_10", "B's political will in month 10", will_b_month_10)
