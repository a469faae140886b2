"""Mechanism parameters: one typed place, with defaults, ranges and their reasoning.

Every number the mechanisms and the lenses use lives here; a scenario's `[params]` table
overrides any of them, and so do `brink run --set name=value`, `ConflictModel(name=value)` and
`brink sensitivity`. The description of each field is the one shown in `docs/model.md` and in
the dashboard's sliders. Descriptions start with the source in brackets, or "[calibrated]"
where the value was set once, on the generated population of wars (`sim.population`), for
every scenario alike.

Lens assumptions come in pairs, `<assumption>_realism` and `<assumption>_liberalism`: setting
the two equal removes the difference between the theories that the assumption is responsible
for (the ablation tests do exactly that).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


def P(default: float, lo: float, hi: float, doc: str):  # noqa: N802 - reads like a table row
    return Annotated[float, Field(default=default, ge=lo, le=hi, allow_inf_nan=False, strict=False, description=doc)]


def N(default: int, lo: int, hi: int, doc: str):  # noqa: N802
    return Annotated[int, Field(default=default, ge=lo, le=hi, description=doc)]


class Params(BaseModel):
    """Mechanism parameters (per month unless said otherwise)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    # perception and trust (Jervis 1978; Walt 1987)
    threat_smoothing: P(0.3, 0.0, 1.0, "[Walt 1987] weight of this month's evidence in threat (smoothing)")
    threat_power_weight: P(0.6, 0.0, 2.0, "[Walt 1987] threat from the rival's share of dyadic capability")
    threat_alliance_weight: P(0.5, 0.0, 2.0, "[Jervis 1978] threat from rival alliances moving closer")
    threat_buildup_weight: P(0.5, 0.0, 5.0, "[Richardson 1960] threat from a rival's build-up above peacetime forces")
    war_threat: P(0.18, 0.0, 1.0, "[calibrated] threat added by fighting at full intensity")
    reassurance: P(0.35, 0.0, 1.0, "[Snyder 1984] threat removed from a protected state by a full guarantee")
    trust_gain: P(0.02, 0.0, 0.5, "[Kydd 2005] trust rebuilt per month of kept commitments (slow)")
    trust_loss: P(0.35, 0.0, 1.0, "[Kydd 2005] share of trust lost when a commitment is broken (fast)")
    monitoring_trust_boost: P(1.5, 0.0, 5.0, "[Fortna 2004] multiplier on trust rebuilding while monitors verify")
    # arms race (Richardson 1960)
    arms_reaction: P(0.04, 0.0, 1.0, "[Richardson 1960] build-up per unit of threat x rival force")
    arms_fatigue: P(0.05, 0.0, 1.0, "[Richardson 1960] return toward peacetime forces")
    # domestic politics (Putnam 1988; Fearon 1994; Mueller 1973; Croco 2011)
    casualty_weight: P(0.6, 0.0, 20.0, "[Mueller 1973] support lost per unit of monthly force loss x sensitivity")
    cost_weight: P(0.3, 0.0, 20.0, "[Gartner 2008] support lost per unit of monthly resource drain x sensitivity")
    territory_weight: P(1.5, 0.0, 20.0, "[calibrated] support gained per unit of territory share gained")
    support_reversion: P(0.05, 0.0, 1.0, "[Mueller 1973] pull of support back toward its pre-war baseline")
    will_adjustment: P(0.04, 0.0, 1.0, "[Putnam 1988] speed at which leaders' will follows public support")
    election_threshold: P(0.45, 0.0, 1.0, "[Croco 2011] support below which an incumbent loses an election")
    election_swing: P(0.8, 0.0, 1.0, "[Croco 2011] how far a new leadership moves will toward the public mood")
    audience_cost_rate: P(0.02, 0.0, 0.5, "[Fearon 1994] audience cost added per month at war x hawkishness")
    audience_cost_fade: P(0.03, 0.0, 1.0, "[Fearon 1994; Croco 2011] monthly fading of audience costs")
    audience_cost_cap: P(1.0, 0.0, 5.0, "[Fearon 1994] largest audience cost (extra weight on conceded claims)")
    loss_aversion: P(0.5, 0.0, 5.0, "[Levy 1996; Kahneman & Tversky 1979] weight of a claim signed away")
    reference_drift: P(
        0.04, 0.0, 1.0, "[Levy 1996; Schelling 1960] monthly drift of territorial claims toward the line held"
    )
    territorial_hardening: P(1.5, 0.0, 10.0, "[Toft 2003; Hassner 2003] extra weight of territorial claims signed away")
    # combat (Lanchester 1916; Biddle 2004; Reiter 2009)
    attrition_rate: P(
        0.035,
        0.0,
        0.5,
        "[Lanchester 1916; Dupuy 1990; calibrated] square-law attrition per month at full intensity "
        "(forces lost: casualties, prisoners, equipment)",
    )
    defense_advantage: P(
        1.5, 1.0, 5.0, "[Biddle 2004; Mearsheimer 1989] force multiplier of the side defending its ground"
    )
    supply_gradient: P(
        0.3,
        0.0,
        1.0,
        "[Boulding 1962; Clausewitz 1832; calibrated] share of an attacker's power on the front lost by taking all "
        "the ground its rival held when the war began (loss-of-strength gradient)",
    )
    front_speed: P(0.12, 0.0, 1.0, "[calibrated] territory share moved per month by an overwhelming force ratio")
    combat_noise: P(0.25, 0.0, 2.0, "[calibrated] sd of weekly log-noise on attrition")
    front_noise: P(0.15, 0.0, 5.0, "[calibrated] sd of weekly noise on the front, relative to an overwhelming push")
    war_drain: P(0.03, 0.0, 0.5, "[COW NMC] resources spent per month at full intensity")
    recovery: P(0.02, 0.0, 0.5, "[calibrated] monthly regeneration of forces (x capacity) and recovery of resources")
    manpower_cost: P(0.5, 0.0, 5.0, "[calibrated] mobilisable manpower used up per unit of forces lost")
    break_loss: P(
        0.2, 0.0, 1.0, "[Biddle 2004; Reiter 2009] share of forces lost within the break window that breaks an army"
    )
    break_window: N(8, 1, 52, "[Biddle 2004] weeks over which losses are counted for a breakpoint")
    broken_effectiveness: P(0.35, 0.0, 1.0, "[Biddle 2004] fighting effectiveness of a broken army")
    opening_campaign: N(
        2,
        0,
        1000,
        "[Reiter 2009; calibrated] months a new war's opening campaign runs before talks or a ceasefire can stop it",
    )
    rout_speed: P(4.0, 1.0, 20.0, "[Biddle 2004] factor on front speed while an army is broken (pursuit)")
    rally_weeks: N(8, 1, 104, "[Clausewitz: culminating point] weeks a broken army needs to recover")
    air_coercion: P(0.04, 0.0, 1.0, "[Pape 1996] monthly costs one-sided air power imposes at full superiority")
    fog: P(0.1, 0.0, 1.0, "[Slantchev 2003] sd of the battlefield signal about the true chance of winning")
    belief_learning: P(
        0.2, 0.0, 1.0, "[Slantchev 2003; Reiter 2009] weight of each month's battlefield signal in beliefs"
    )
    front_signal: P(
        0.3,
        0.0,
        1.0,
        "[Slantchev 2003; Reiter 2009; calibrated] weight of the front's movement, beside the balance of forces, "
        "in what a month of fighting reveals about the chance of prevailing",
    )
    optimism_persistence: P(0.3, 0.0, 1.0, "[Blainey 1973; Johnson 2004] share of optimism that survives evidence")
    # decisions (McKelvey & Palfrey 1995; Fearon 1995)
    decision_temperature: P(0.03, 0.001, 1.0, "[McKelvey & Palfrey 1995] logit temperature of choices (stake units)")
    preference_persistence: P(
        0.8,
        0.0,
        0.99,
        "[Heckman 1981; Keane & Wolpin 1997] monthly chance a state's private taste for an option (its logit "
        "shock) carries over: the reasons behind a choice last; 0 = drawn afresh every month",
    )
    war_cost_scale: P(
        1.0,
        0.01,
        5.0,
        "[calibrated] stake units one year of a typical war month (3% forces, 3% resources) costs, per unit of stake",
    )
    cost_horizon: N(12, 1, 120, "[Bennett & Stam 1996] months of a balanced war a side prices in")
    betrayal_cost: P(0.15, 0.0, 2.0, "[Powell 2006] loss (stake units) when the other side reneges on a deal")
    armed_peace_cost: P(0.1, 0.0, 2.0, "[Fortna 2004] cost of an armed ceasefire, as a share of a war month's cost")
    threat_fear: P(0.2, 0.0, 2.0, "[Jervis 1978] value lost in a crisis per unit of threat (insecurity)")
    trade_loss: P(0.05, 0.0, 1.0, "[Russett & Oneal 2001] monthly welfare lost per unit of trade when at war")
    public_cost: P(0.05, 0.0, 1.0, "[Putnam 1988] monthly cost to accountable leaders per unit of war opposition")
    defeat_punishment: P(
        0.3,
        0.0,
        3.0,
        "[Goemans 2000; Croco 2011] what leaders who accept defeat expect to lose themselves (stake units)",
    )
    imposed_loss: P(
        0.3,
        0.05,
        1.0,
        "[Reiter 2009] share of its stake a side gives up, against what it holds, above which a deal is imposed",
    )
    decisive_loss: P(
        2 / 3,
        0.1,
        1.0,
        "[Reiter 2009] share of its pre-war ground a side must lose for a ceasefire to count as its defeat",
    )
    decisive_ground: P(
        0.15,
        0.0,
        1.0,
        "[Reiter 2009] ... and the least share of the whole disputed region it must lose for that (a definition)",
    )
    talks_intensity: P(0.5, 0.0, 1.0, "[Pillar 1983] fighting intensity while talks go on, relative to war")
    concession_value: P(0.3, 0.0, 1.0, "[article; Fearon 1994] goodwill of a concession at the war's start")
    concession_decay: P(0.05, 0.0, 1.0, "[article] monthly decay rate of a concession's goodwill exp(-lambda t)")
    escalation_gain: P(0.1, 0.0, 2.0, "[Schelling 1966] coercive value of escalation per unit of resolve advantage")
    gamble_weight: P(0.15, 0.0, 2.0, "[Downs & Rocke 1994] value a losing side puts on the gamble of escalation")
    nuclear_cost: P(1.0, 0.0, 10.0, "[Schelling 1966; Jervis 1989] expected cost of escalating against a nuclear power")
    # credibility (Fortna 2004; Walter 2002; Powell 2006)
    monitoring_credibility: P(0.2, 0.0, 1.0, "[Fortna 2004] credibility added by international monitoring")
    dmz_credibility: P(0.15, 0.0, 1.0, "[Fortna 2004] credibility added by a demilitarised zone")
    guarantee_credibility: P(0.3, 0.0, 1.0, "[Walter 2002] credibility added by a full third-party guarantee")
    security_power_shift: P(
        1.0,
        0.0,
        5.0,
        "[Powell 2006; Fearon 1995] extra weight of a security claim given up, per unit of foresight: "
        "it shifts future power",
    )
    renege_base: P(0.4, 0.0, 1.0, "[Fortna 2004] chance an untrusted rival reneges on a deal without institutions")
    truce_precedent: P(
        1.0,
        0.0,
        1.0,
        "[Werner 1999; Fortna 2003] share of a standing ceasefire's chance of holding that a deal replacing it "
        "is trusted at least (0: a deal is trusted on promises alone)",
    )
    truce_track_record: P(
        24.0,
        0.0,
        120.0,
        "[Fortna 2003; Kydd 2005; calibrated] months over which a ceasefire's precedent builds up, "
        "1 - exp(-months held / this) (0: it counts in full at once)",
    )
    power_shift_penalty: P(3.0, 0.0, 20.0, "[Powell 2006] credibility lost per unit of forecast shift in power")
    mediated_rounds: P(
        0.5, 0.0, 1.0, "[Bercovitch 1996; Frazier & Dixon 2006] monthly chance a mediator tables a package"
    )
    direct_rounds: P(0.15, 0.0, 1.0, "[Pillar 1983] monthly chance the sides table a package without a mediator")
    side_payment: P(
        0.1, 0.0, 1.0, "[Touval & Zartman 1985] most a mediator adds (aid, recognition) to close a deal, stake units"
    )
    institution_cost: P(0.02, 0.0, 0.5, "[Fortna 2004] sovereignty cost (stake units) of monitors and a DMZ in a deal")
    # ceasefires (Fortna 2003, 2004)
    ceasefire_hazard: P(
        0.02,
        0.0,
        1.0,
        "[Fortna 2004] monthly chance of an incident that tests a bare ceasefire (spoilers, clashes on the line)",
    )
    monitoring_protection: P(0.5, 0.0, 1.0, "[Fortna 2004] share of ceasefire hazard removed by monitoring")
    dmz_protection: P(0.4, 0.0, 1.0, "[Fortna 2004] share of ceasefire hazard removed by a demilitarised zone")
    frozen_after: N(
        48, 1, 600, "[Fortna 2004; Fazal 2013] months a ceasefire without agreement must hold to count as frozen"
    )
    # alliances, third parties, escalation (Snyder 1984; Leeds 2003; Pressman 2008)
    expansion_rate: P(0.02, 0.0, 1.0, "[Walt 1987] monthly chance a threatened candidate is admitted")
    entanglement_rate: P(
        0.03, 0.0, 1.0, "[Snyder 1984; Leeds 2003] monthly chance a full troop-backed guarantor enters"
    )
    nuclear_restraint: P(0.3, 0.0, 1.0, "[Schelling 1966] factor on a guarantor's entry against a nuclear power")
    patron_leverage: P(0.3, 0.0, 2.0, "[Pressman 2008] value (stake units) of a patron's aid withheld from a client")
    escalation_step: P(0.15, 0.0, 1.0, "[Schelling 1966] intensity added when a side escalates")
    deescalation: P(0.1, 0.0, 1.0, "[calibrated] monthly relaxation of intensity toward its base")
    escalation_intensity: P(0.95, 0.0, 1.0, "[Smoke 1977] intensity at which deliberate escalation widens the war")
    # outcomes
    collapse_military: P(0.2, 0.0, 1.0, "[Reiter 2009] forces (share of pre-war) below which a side collapses")
    collapse_will: P(0.08, 0.0, 1.0, "[Goemans 2000] political will below which a side collapses")
    shock_rate: P(0.02, 0.0, 1.0, "[calibrated] monthly chance of a random shock per state")
    # lens assumptions (issue 11): each a pair, realism then liberalism
    relative_gains_realism: P(0.5, 0.0, 2.0, "[Grieco 1988] weight on the rival's gain from a deal (realism)")
    relative_gains_liberalism: P(0.0, 0.0, 2.0, "[Keohane 1984] weight on the rival's gain from a deal (liberalism)")
    institution_weight_realism: P(
        0.3, 0.0, 2.0, "[Mearsheimer 1994] how far monitors, DMZs, guarantees make promises credible (realism)"
    )
    institution_weight_liberalism: P(1.0, 0.0, 2.0, "[Keohane 1984; Fortna 2004] same, liberalism")
    power_foresight_realism: P(1.0, 0.0, 3.0, "[Copeland 2000; Powell 2006] weight on forecast power shifts (realism)")
    power_foresight_liberalism: P(0.4, 0.0, 3.0, "[Powell 2006] weight on forecast power shifts (liberalism)")
    alliance_weight_realism: P(1.0, 0.0, 2.0, "[Walt 1987] rival alliance moves read as threat (realism)")
    alliance_weight_liberalism: P(
        0.4, 0.0, 2.0, "[Russett & Oneal 2001] rival alliance moves read as threat (liberalism)"
    )
    trade_weight_realism: P(0.0, 0.0, 5.0, "[Waltz 1979] lost trade counted as a cost of war (realism)")
    trade_weight_liberalism: P(
        1.0, 0.0, 5.0, "[Russett & Oneal 2001; Gartzke 2007] lost trade counted as a cost of war (liberalism)"
    )
    public_weight_realism: P(0.4, 0.0, 2.0, "[Morgenthau 1948] how far leaders answer to their public (realism)")
    public_weight_liberalism: P(
        1.0, 0.0, 2.0, "[Doyle 1986; Putnam 1988] how far leaders answer to their public (liberalism)"
    )
    trust_growth_realism: P(0.3, 0.0, 3.0, "[Mearsheimer 2001] factor on trust rebuilt by kept promises (realism)")
    trust_growth_liberalism: P(
        1.0, 0.0, 3.0, "[Keohane 1984; Kydd 2005] factor on trust rebuilt by kept promises (liberalism)"
    )
    cost_weight_realism: P(0.8, 0.0, 3.0, "[Mearsheimer 2001] weight of the costs of war (realism)")
    cost_weight_liberalism: P(1.2, 0.0, 3.0, "[Keohane & Nye 1977] weight of the costs of war (liberalism)")
    concession_reading_realism: P(-0.5, -1.0, 1.0, "[Jervis 1976] a rival's concession read as weakness (<0) (realism)")
    concession_reading_liberalism: P(
        1.0, -1.0, 1.0, "[Axelrod 1984] a rival's concession reciprocated (>0) (liberalism)"
    )
