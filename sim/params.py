"""Mechanism parameters: one typed place, with defaults, ranges and their reasoning.

Every number the mechanisms use lives here; a scenario's `[params]` table overrides any of
them, and so does `brink run --set name=value` or `ConflictModel(name=value)`. The
description of each field is the one shown in `docs/model.md` and in the dashboard's sliders.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


def P(default: float, lo: float, hi: float, doc: str):  # noqa: N802 - reads like a table row
    return Annotated[float, Field(default=default, ge=lo, le=hi, allow_inf_nan=False, description=doc)]


def N(default: int, lo: int, hi: int, doc: str):  # noqa: N802
    return Annotated[int, Field(default=default, ge=lo, le=hi, description=doc)]


class Params(BaseModel):
    """Mechanism parameters (per month unless said otherwise)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    # perception and trust (Jervis 1978; Walt 1987)
    threat_smoothing: P(0.3, 0.0, 1.0, "weight of this month's evidence in threat (exponential smoothing)")
    threat_power_weight: P(0.6, 0.0, 2.0, "threat from the rival's share of dyadic capability")
    threat_alliance_weight: P(0.5, 0.0, 2.0, "threat from rival alliances moving closer (scaled by the lens)")
    threat_buildup_weight: P(0.5, 0.0, 5.0, "threat from a rival's build-up above its peacetime forces")
    reassurance: P(0.35, 0.0, 1.0, "threat removed from a protected state by a full guarantee")
    trust_gain: P(0.015, 0.0, 0.5, "trust rebuilt per month of kept commitments (slow)")
    trust_loss: P(0.35, 0.0, 1.0, "share of trust lost when a commitment is broken (fast)")
    monitoring_trust_boost: P(1.5, 0.0, 5.0, "multiplier on trust rebuilding while monitors verify")
    # arms race (Richardson 1960)
    arms_reaction: P(0.04, 0.0, 1.0, "Richardson reaction: build-up per unit of threat x rival force")
    arms_fatigue: P(0.05, 0.0, 1.0, "Richardson fatigue: return toward peacetime force")
    # domestic politics (Putnam 1988; Fearon 1994; Mueller 1973)
    casualty_weight: P(0.6, 0.0, 20.0, "support lost per unit of monthly force loss x sensitivity")
    cost_weight: P(0.3, 0.0, 20.0, "support lost per unit of monthly resource drain x sensitivity")
    territory_weight: P(1.5, 0.0, 20.0, "support gained per unit of territory share gained")
    support_reversion: P(0.05, 0.0, 1.0, "pull of support back toward its pre-war baseline")
    will_adjustment: P(0.04, 0.0, 1.0, "speed at which leaders' will follows public support")
    election_threshold: P(0.45, 0.0, 1.0, "support below which an incumbent loses an election")
    election_swing: P(0.8, 0.0, 1.0, "how far a new leadership moves will toward the public mood")
    audience_cost_rate: P(0.002, 0.0, 0.1, "red-line hardening per month at war x hawkishness")
    audience_cost_cap: P(0.25, 0.0, 1.0, "maximum hardening of red lines from audience costs")
    territorial_hardening: P(1.0, 0.0, 10.0, "extra hardening of territorial red lines (Toft 2003; Hassner 2003)")
    # combat (Lanchester 1916; Biddle 2004 for the defender's advantage)
    attrition_rate: P(0.02, 0.0, 0.5, "Lanchester square-law attrition per month at full intensity")
    defense_advantage: P(1.6, 1.0, 5.0, "fire multiplier of the side holding its line")
    front_speed: P(0.05, 0.0, 0.5, "territory share moved per month by a full force superiority")
    combat_noise: P(0.25, 0.0, 2.0, "sd of monthly log-noise on attrition")
    front_noise: P(0.5, 0.0, 5.0, "sd of monthly noise on the front, relative to a full superiority")
    war_drain: P(0.03, 0.0, 0.5, "resources spent per month at full intensity")
    recovery: P(0.01, 0.0, 0.5, "monthly recovery of resources and regeneration of forces")
    fog: P(0.12, 0.0, 1.0, "sd of the battlefield signal about the true chance of winning")
    belief_learning: P(0.12, 0.0, 1.0, "weight of each month's battlefield signal in beliefs")
    optimism_persistence: P(0.5, 0.0, 1.0, "share of a leader's optimism that survives battlefield evidence")
    # bargaining (Fearon 1995; Powell 2006; Zartman 2000)
    cost_horizon: N(12, 1, 120, "months of fighting a side prices in when bargaining")
    ripeness_window: N(4, 1, 60, "months the front must stall for a mutually hurting stalemate")
    stalemate_tolerance: P(0.02, 0.0, 1.0, "front movement over the window still counted as stalemate")
    decisive_shift: P(0.05, 0.0, 1.0, "front movement over the window that counts as decisive")
    concession_value: P(0.3, 0.0, 1.0, "goodwill of a concession offered at the war's start")
    concession_decay: P(0.05, 0.0, 1.0, "monthly decay rate of a concession's value (exp(-lambda t))")
    credibility_threshold: P(0.35, 0.0, 1.0, "credibility a deal needs before it is signed")
    monitoring_credibility: P(0.2, 0.0, 1.0, "credibility added by international monitoring")
    dmz_credibility: P(0.15, 0.0, 1.0, "credibility added by a demilitarised zone")
    guarantee_credibility: P(0.25, 0.0, 1.0, "credibility added by a full third-party guarantee")
    power_shift_penalty: P(2.0, 0.0, 20.0, "credibility lost per unit of expected monthly power shift")
    talks_intensity: P(0.5, 0.0, 1.0, "fighting intensity while talks go on, relative to war")
    talks_patience: N(8, 1, 120, "months of talks without a deal before they collapse")
    concession_step: P(0.25, 0.0, 1.0, "how far an exhausted side lowers a blocking red line")
    concession_cooldown: N(6, 0, 120, "months before a side that conceded considers conceding again")
    # ceasefires (Fortna 2004)
    ceasefire_hazard: P(0.06, 0.0, 1.0, "monthly chance a bare ceasefire breaks down")
    monitoring_protection: P(0.5, 0.0, 1.0, "share of ceasefire hazard removed by monitoring")
    dmz_protection: P(0.4, 0.0, 1.0, "share of ceasefire hazard removed by a demilitarised zone")
    frozen_after: N(12, 1, 240, "months a ceasefire must hold, dispute unresolved, to count as frozen")
    # alliances, guarantees, escalation (Snyder 1984; Leeds 2003)
    expansion_rate: P(0.02, 0.0, 1.0, "monthly chance a threatened candidate is admitted")
    entanglement_rate: P(0.025, 0.0, 1.0, "monthly chance a troop-backed guarantor is drawn in at full intensity")
    escalation_step: P(0.15, 0.0, 1.0, "intensity added when a side escalates")
    deescalation: P(0.03, 0.0, 1.0, "monthly relaxation of intensity toward its base")
    escalation_intensity: P(0.95, 0.0, 1.0, "intensity at which the war counts as widened")
    # outcomes
    collapse_military: P(0.25, 0.0, 1.0, "forces (share of initial) below which a side collapses")
    collapse_will: P(0.08, 0.0, 1.0, "political will below which a side capitulates")
    shock_rate: P(0.02, 0.0, 1.0, "monthly chance of a random shock per state")
