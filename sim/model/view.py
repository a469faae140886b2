"""Each month's shared snapshot of a dispute, and each side's view of it.

States decide simultaneously from the same snapshot (decide, then apply). `assess` computes
what both sides face: forces and the true balance, each side's costs, the values of winning,
losing and the status quo in its own stake units, the forecast shift in power, and the
mediator's package (the Nash bargaining solution over both sides' outside options, each as
its own lens weighs them). `View` is what one side sees of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.lenses import View
from sim.lenses.calculus import ceasefire_value, deal_credibility, reserve, war_cost, war_value
from sim.mechanisms import bargaining, combat
from sim.mechanisms.alliances import patron_pressure
from sim.model.forces import forecast_odds, side_forces, true_odds
from sim.model.world import Dispute, World
from sim.params import Params

MIN_STAKE = 1e-3  # a stake worth less than this is priced as this (keeps every cost finite)


@dataclass(frozen=True)
class Assessment:
    views: tuple[View, View]  # A's and B's
    truth: float  # A's true chance of prevailing
    range: tuple[float, float]  # Fearon's range in A's share, from beliefs and lens-weighted costs
    deal: bargaining.Deal | None
    institutions_offered: bool  # the package adds monitors and a DMZ
    ripe: bool  # both sides prefer a ceasefire or the package to fighting on
    credibility: tuple[float, float]


def penalties(d: Dispute, w: World, s: int, p: Params, signing: bool = True) -> np.ndarray:
    """What each unit of shortfall below a claim costs on top of the share itself.

    Below its claim a side feels a loss (reference points: Levy 1996). Signing the shortfall away
    costs more: for homeland territory, which is hard to give up formally (Toft 2003; Hassner
    2003), with the audience cost (Fearon 1994) and with the price of ratifying it before a
    hawkish public, as far as leaders answer to it (Putnam 1988).
    """
    if not signing:
        return np.full(len(d.territorial), p.loss_aversion)
    ratification = w.hawkishness[s] * w.accountability[s]
    return p.loss_aversion * (1.0 + p.territorial_hardening * d.territorial) * (1.0 + w.audience[s] + ratification)


def monthly_cost(w: World, d: Dispute, s: int, p: Params) -> float:
    """A month of war at the dispute's intensity, in the side's stake units, weighed by its resolve."""
    opp = d.opponent(s)
    side = d.side(s)
    intensity = max(d.intensity, d.base_intensity)
    own, rival = side_forces(w, d, s), side_forces(w, d, opp)
    # attacking a rival that holds its aims means attacking a defender: its fire counts more
    defended = p.defense_advantage if (d.share_of(s) < d.aims[side] and d.share_of(opp) >= d.aims[1 - side]) else 1.0
    loss = p.attrition_rate * intensity * w.quality[opp] * d.effectiveness[1 - side] * defended * rival / max(own, 1e-9)
    drain = p.war_drain * intensity * w.resources0[s] / max(w.resources[s], 1e-9)
    air = max(0.0, (-d.air if side == 0 else d.air)) * p.air_coercion
    resolve = 0.6 / max(float(w.will[s]), 0.05)
    reference = p.attrition_rate + p.war_drain  # the unit: a month of full-intensity war between equals
    return float(
        min(
            1.0,
            (loss + drain + air) / reference / 12.0 * p.war_cost_scale / max(d.stakes[side], MIN_STAKE) * resolve,
        )
    )


def _values(
    d: Dispute, w: World, s: int, p: Params, alliance_weight: float = 0.5
) -> tuple[float, float, float, np.ndarray, np.ndarray, np.ndarray, float]:
    """Win, lose and status-quo values, the issue weights, claims and signing penalties, and
    the value of capitulating (the rival's terms, signed)."""
    side = d.side(s)
    salience = d.salience_a if side == 0 else d.salience_b
    # how much security issues weigh depends on how the lens reads alliances and threat (Walt 1987)
    wts = bargaining.weights(np.where(d.security, salience * (0.5 + alliance_weight), salience))
    claim = d.red_a if side == 0 else d.red_b
    felt = penalties(d, w, s, p, signing=False)
    pen = penalties(d, w, s, p)
    held = d.share_of(s)
    aim, rival_aim = d.aims[side], d.aims[1 - side]
    own_terms = np.where(d.front_linked, max(aim, held), 1.0)
    rival_terms = np.where(d.front_linked, 1.0 - max(rival_aim, 1.0 - held), 0.0)
    status = d.status_quo if side == 0 else 1.0 - d.status_quo
    status = np.where(d.front_linked, held, status)
    win = float(bargaining.issue_values(own_terms, wts, claim, felt).sum())
    lose = float(bargaining.issue_values(rival_terms, wts, claim, felt).sum())
    sq = float(bargaining.issue_values(status, wts, claim, felt).sum())
    concede = float(bargaining.issue_values(rival_terms, wts, claim, pen).sum())
    return win, lose, sq, wts, claim, pen, concede


def incident_risk(d: Dispute, w: World, s: int, p: Params) -> float:
    """Chance that spoilers and incidents break a ceasefire within the cost horizon (Fortna 2004)."""
    monthly = bargaining.ceasefire_breakdown(
        p.ceasefire_hazard,
        d.monitoring,
        d.dmz,
        float(w.trust[s, d.opponent(s)]),
        0.0,
        p.monitoring_protection,
        p.dmz_protection,
    )
    return 1.0 - (1.0 - monthly) ** p.cost_horizon


def forecast_line(d: Dispute, s: int, belief: float, p: Params, shift: float = 0.0) -> float:
    """Where a side expects the front after `cost_horizon` months of fighting on, from its own
    belief and the trend in power over that time (`shift` > 0: it is declining): the force ratio
    its belief implies (square law), as far as each side's supply lines reach (`supply_reach`),
    against a defender if the rival holds its aims, pushing the front as the combat mechanism
    does (no further than its aim)."""
    side = d.side(s)
    held = d.share_of(s)
    belief = min(max(belief - 0.5 * shift, 0.01), 0.99)  # the average balance over the horizon
    ratio = np.sqrt(belief / max(1.0 - belief, 1e-6))
    depth = combat.advance_depth(d.territory, d.war_start_territory)
    ratio *= combat.supply_reach(depth[side], p.supply_gradient) / combat.supply_reach(
        depth[1 - side], p.supply_gradient
    )
    rival_defends = d.share_of(d.opponent(s)) >= d.aims[1 - side] - 1e-9
    push = combat.front_push(ratio, p.defense_advantage if rival_defends else 1.0)
    if held >= d.aims[side] - 1e-9:
        push = min(push, 0.0) * 0.5  # defending: only the rival's attacks move the line
    line = held + p.front_speed * max(d.intensity, d.base_intensity) * p.cost_horizon * push
    return min(max(line, 0.0), max(held, d.aims[side]) if push > 0 else 1.0)


def _view(model, d: Dispute, s: int, truth: float, future: float, values) -> View:
    p, w = model.params, model.world
    side, opp = d.side(s), d.opponent(s)
    belief = d.belief_a if side == 0 else d.belief_b
    win, lose, sq, wts, claim, _, concede = values
    odds_now = truth if side == 0 else 1 - truth
    odds_later = future if side == 0 else 1 - future
    line = forecast_line(d, s, belief, p, odds_now - odds_later)
    status = np.where(d.front_linked, line, d.status_quo if side == 0 else 1.0 - d.status_quo)
    line_value = float(bargaining.issue_values(status, wts, claim, penalties(d, w, s, p, signing=False)).sum())
    odds_now = truth if side == 0 else 1 - truth
    odds_later = future if side == 0 else 1 - future
    guarantee = max(
        [al.guarantee * al.credibility for al in w.alliances if s in al.protects]
        + [al.credibility for al in w.alliances if s in al.members and opp not in al.members],
        default=0.0,
    )
    pressure = max(
        [patron_pressure(al.pressure, al.aid, p.patron_leverage) for al in w.alliances if s in al.protects], default=0.0
    )
    stake = max(d.stakes[side], MIN_STAKE)
    return View(
        state=w.names[s],
        opponent=w.names[opp],
        phase=d.phase,
        month=model.steps,
        months_at_war=d.months_at_war,
        months_in_phase=d.months_in_phase,
        belief=belief,
        held=d.share_of(s),
        aim=float(d.aims[side]),
        rival_aim=float(d.aims[1 - side]),
        rival_held=1.0 - d.share_of(s),
        territory_weight=float(wts[d.front_linked].sum()),
        win_value=win,
        lose_value=lose,
        line_value=line_value,
        concede_value=concede,
        status_quo_value=sq,
        monthly_cost=monthly_cost(w, d, s, p),
        trade_cost=d.trade * p.trade_loss / stake,
        public_cost=float(w.accountability[s] * (1.0 - w.support[s]) * p.public_cost / stake),
        duration=combat.expected_duration(belief, p.cost_horizon),
        horizon=float(p.cost_horizon),
        forecast_shift=float(odds_now - odds_later),
        trust=float(w.trust[s, opp]),
        institutions=d.monitoring * p.monitoring_credibility + d.dmz * p.dmz_credibility,
        guarantee=guarantee,
        incident_risk=incident_risk(d, w, s, p),
        deal=None,
        deal_value=None,
        deal_rival_value=None,
        pressure=pressure,
        resolve=float(w.will[s]),
        rival_resolve=float(w.will[opp]),
        rival_nuclear=bool(w.nuclear[opp]),
        escalation_room=max(0.0, p.escalation_intensity - d.intensity) if d.fighting else 0.0,
        threat=float(w.threat[s, opp]),
        will=float(w.will[s]),
        support=float(w.support[s]),
        broken=bool(d.effectiveness[side] < 1.0),
        rival_broken=bool(d.effectiveness[1 - side] < 1.0),
    )


def security_penalty(a, v: View, p: Params) -> float:
    """Factor on the cost of giving up a security claim: institutions stand in for it as far as
    the lens believes in them; what it concedes of future power weighs with the lens's foresight."""
    shield = max(0.0, 1.0 - a.institution_weight * (v.institutions + v.guarantee * p.guarantee_credibility))
    return shield * (1.0 + a.power_foresight * p.security_power_shift)


def brokered(d: Dispute, w: World) -> bool:
    """Whether a third party brokers the talks: a mediator, or a power that guarantees both
    sides and so has a stake in a deal and the means to police it (Touval & Zartman 1985;
    Walter 2002)."""
    return d.mediator or any(d.a in al.protects and d.b in al.protects for al in w.alliances)


def _package(model, d: Dispute, views: tuple[View, View], parts, institutions: bool):
    """The mediator's package given the views' institutions (plus its cost if it adds them)."""
    p = model.params
    assumptions = (model.assumptions[d.a], model.assumptions[d.b])
    extra = p.institution_cost if institutions else 0.0
    reserves = [reserve(v, a, p) + extra for v, a in zip(views, assumptions, strict=True)]
    # a security claim given up hurts less when monitors, a DMZ and guarantors protect instead
    # (Keohane 1984; Fortna 2004), as far as the lens believes in them
    # and hurts more the more the lens fears the shift in future power it brings (Powell 2006)
    pens = [
        part[5] * np.where(d.security, security_penalty(a, v, p), 1.0)
        for part, a, v in zip(parts, assumptions, views, strict=True)
    ]
    held = np.where(d.front_linked, d.territory, d.status_quo)
    return bargaining.nash_package(
        parts[0][3],
        parts[1][3],
        parts[0][4],
        parts[1][4],
        pens[0],
        pens[1],
        d.divisible,
        held,
        reserves[0],
        reserves[1],
        assumptions[0].relative_gains,
        assumptions[1].relative_gains,
        p.side_payment if brokered(d, model.world) else 0.0,
    )


def assess(model, d: Dispute) -> Assessment:
    p, w = model.params, model.world
    truth = true_odds(w, d)
    future = forecast_odds(w, d, p)
    parts = tuple(_values(d, w, s, p, model.assumptions[s].alliance_weight) for s in (d.a, d.b))
    views = (_view(model, d, d.a, truth, future, parts[0]), _view(model, d, d.b, truth, future, parts[1]))
    mediated = brokered(d, w)
    tabled = model.rng.random() < (p.mediated_rounds if mediated else p.direct_rounds)
    deal = _package(model, d, views, parts, institutions=False) if tabled else None
    offered = False
    if tabled and mediated and not (d.monitoring and d.dmz):
        extra = (not d.monitoring) * p.monitoring_credibility + (not d.dmz) * p.dmz_credibility
        for v in views:
            v.institutions += extra
        with_inst = _package(model, d, views, parts, institutions=True)
        if with_inst is not None and (
            deal is None or with_inst.value_a + with_inst.value_b > deal.value_a + deal.value_b
        ):
            deal, offered = with_inst, True
        else:
            for v in views:
                v.institutions -= extra
    cost = p.institution_cost if offered else 0.0
    if deal is not None:
        for v, own, rival in zip(views, (deal.raw_a, deal.raw_b), (deal.raw_b, deal.raw_a), strict=True):
            v.deal, v.deal_value, v.deal_rival_value = deal, own - cost, rival - cost
    assumptions = (model.assumptions[d.a], model.assumptions[d.b])
    c = [war_cost(v, a, p.cost_horizon) for v, a in zip(views, assumptions, strict=True)]
    outside = [
        max(ceasefire_value(v, a, p), v.deal_value if v.deal_value is not None else -np.inf) - war_value(v, a)
        for v, a in zip(views, assumptions, strict=True)
    ]
    return Assessment(
        views=views,
        truth=truth,
        range=(d.belief_a - c[0], 1.0 - d.belief_b + c[1]),
        deal=deal,
        institutions_offered=offered,
        ripe=bool(d.fighting and min(outside) > 0),
        credibility=tuple(deal_credibility(v, a, p) for v, a in zip(views, assumptions, strict=True)),
    )
