"""One decision calculus for every lens: expected utility over consequences, logit choice.

Each state scores the options open to it in its phase from its own beliefs, in one currency:
shares of its stake (1 = everything it fights for). Fighting on is worth the chance of
prevailing times its own terms, plus the chance of defeat times the rival's terms, minus the
expected costs of the war still to come (Fearon 1995; Reiter 2009). A ceasefire keeps the line
held without signing anything away. A deal is worth its value if kept, times its credibility,
plus what is left if the rival reneges (Powell 2006; Walter 2002). Capitulating is worth the
rival's terms. Escalating adds coercion, the gamble of a losing side (Downs & Rocke 1994) and
the nuclear shadow (Schelling 1966). A lens is a set of assumptions (`Assumptions`) that weight
these terms. The state then picks an option by a logit rule (McKelvey & Palfrey 1995): a noisy
best response whose temperature is `decision_temperature`.
"""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np

from sim.lenses.base import ASSUMPTION_WORDS, Action, Assumptions, Decision, View
from sim.mechanisms.bargaining import credibility, relative
from sim.mechanisms.outcomes import Phase
from sim.params import Params

NOUN = {
    Action.FIGHT: "fighting on",
    Action.ATTACK: "attacking",
    Action.HOLD: "keeping the peace",
    Action.ESCALATE: "escalating",
    Action.NEGOTIATE: "the deal on the table",
    Action.CEASEFIRE: "a ceasefire",
    Action.CONCEDE: "accepting the rival's terms",
}
VERB = {
    Action.FIGHT: "fights on",
    Action.ATTACK: "attacks",
    Action.HOLD: "keeps the peace",
    Action.ESCALATE: "escalates",
    Action.NEGOTIATE: "accepts the deal on the table",
    Action.CEASEFIRE: "wants the guns silent (a ceasefire)",
    Action.CONCEDE: "accepts the rival's terms",
}


def war_cost(v: View, a: Assumptions, horizon: float) -> float:
    """Expected cost of the fighting still to come within the horizon, as the lens weighs it."""
    monthly = a.cost_weight * v.monthly_cost + a.trade_weight * v.trade_cost + a.public_weight * v.public_cost
    return monthly * min(v.duration, horizon)


def war_value(v: View, a: Assumptions, horizon: float | None = None) -> float:
    """Fighting on: the war is decided within the horizon with chance q = (2p - 1)^2 (lopsided
    wars are decided, balanced ones grind: Bennett & Stam 1996), then worth p x own terms +
    (1 - p) x the rival's; otherwise worth the line it expects to hold. Minus the costs."""
    horizon = v.horizon if horizon is None else horizon
    decided = (2.0 * v.belief - 1.0) ** 2
    end = v.belief * v.win_value + (1.0 - v.belief) * v.lose_value
    return decided * end + (1.0 - decided) * v.line_value - war_cost(v, a, horizon)


def deal_credibility(v: View, a: Assumptions, p: Params) -> float:
    """How far the side believes a deal will be kept. Signed during a ceasefire, a deal is
    trusted at least as far as the ceasefire it replaces (`truce_precedent` of the chance it
    holds over the horizon): it keeps the same line, monitors and DMZ, and settles the issue
    the ceasefire left open, and agreements that settle the issue last longer than bare
    truces (Werner 1999; Fortna 2003). Without this floor a standing ceasefire would always be
    a safer bet than the treaty that ends it, and ceasefires could hardly become settlements.
    The precedent is a track record: it counts as far as the ceasefire has already held,
    1 - exp(-months / `truce_track_record`). A truce a month old proves little; one kept for
    years shows each side the other will keep its word (Kydd 2005), and the risk that a
    ceasefire fails falls the longer it lasts (Fortna 2003; Werner & Yuen 2005)."""
    promise = credibility(
        v.trust,
        v.institutions,
        v.guarantee,
        a.power_foresight * v.forecast_shift,
        a.institution_weight,
        p.guarantee_credibility,
        p.power_shift_penalty,
        p.renege_base,
        v.rival_held >= v.rival_aim - 1e-9,
    )
    if v.phase is Phase.CEASEFIRE:
        return max(promise, p.truce_precedent * (1.0 - v.incident_risk) * track_record(v.months_in_phase, p))
    return promise


def track_record(months_held: float, p: Params) -> float:
    """How far a ceasefire held for `months_held` months counts as proof of good faith."""
    if p.truce_track_record <= 0.0:
        return 1.0
    return float(1.0 - np.exp(-months_held / p.truce_track_record))


def broken_deal(v: View, a: Assumptions, p: Params, fight: float) -> float:
    """Where a broken promise leaves a side: back at war, or, for a deal signed in a crisis,
    back in the standoff (no one need attack to renege), minus the betrayal."""
    return (hold_value(v, a, p) if v.phase is Phase.CRISIS else fight) - p.betrayal_cost


def deal_value(v: View, a: Assumptions, p: Params, fight: float) -> float | None:
    """kappa * U(deal) + (1 - kappa) * (where a broken deal leaves it): a promise is worth its credibility."""
    if v.deal_value is None:
        return None
    own = relative(v.deal_value, v.deal_rival_value, a.relative_gains)
    own += a.trade_weight * v.trade_cost * p.cost_horizon  # a settlement restores trade; a truce does not
    kappa = deal_credibility(v, a, p)
    return kappa * own + (1.0 - kappa) * broken_deal(v, a, p, fight)


def reserve(v: View, a: Assumptions, p: Params) -> float:
    """The least a deal must be worth (if kept) to beat the best option without it:
    kappa*U + (1 - kappa)*(fighting on - betrayal) >= best alternative."""
    fight = war_value(v, a)
    if v.phase is Phase.CRISIS:
        best = max(hold_value(v, a, p), fight)
    else:
        best = max(fight, ceasefire_value(v, a, p))
    kappa = max(deal_credibility(v, a, p), 0.02)
    return (best - (1.0 - kappa) * broken_deal(v, a, p, fight)) / kappa


def ceasefire_value(v: View, a: Assumptions, p: Params) -> float:
    """An interim arrangement: the line held, claims kept alive, minus the armed watch and the
    fear that the pause helps a rising rival (foresight). Unlike a deal it asks no one to give
    anything up, so it holds unless spoilers and incidents break it over the horizon (Fortna
    2004); then the war resumes from worse."""
    watch = p.armed_peace_cost * a.cost_weight * v.monthly_cost * p.cost_horizon
    kept = 1.0 - v.incident_risk
    calm = v.status_quo_value - watch - a.power_foresight * max(0.0, v.forecast_shift)
    return kept * calm + (1.0 - kept) * (war_value(v, a) - p.betrayal_cost)


def hold_value(v: View, a: Assumptions, p: Params) -> float:
    """Peace in a crisis: the status quo, minus the fear a threat inspires."""
    return v.status_quo_value - p.threat_fear * v.threat - a.power_foresight * max(0.0, v.forecast_shift)


def option_values(v: View, a: Assumptions, p: Params) -> dict[Action, float]:
    """Every option open in the view's phase, with its expected utility (stake units)."""
    fight = war_value(v, a)
    pressed = v.pressure if v.deal_value is not None else 0.0  # the patron withholds aid from a refusal
    values: dict[Action, float] = {}
    if v.phase is Phase.CRISIS:
        values[Action.HOLD] = hold_value(v, a, p) - pressed
        values[Action.ATTACK] = fight + a.power_foresight * max(0.0, v.forecast_shift) - pressed
    elif v.phase is Phase.CEASEFIRE:
        values[Action.CEASEFIRE] = ceasefire_value(v, a, p) - pressed
        values[Action.FIGHT] = fight - pressed
    else:
        values[Action.FIGHT] = fight - pressed
        values[Action.CEASEFIRE] = ceasefire_value(v, a, p) - pressed
        values[Action.CONCEDE] = v.concede_value - p.defeat_punishment
        if v.escalation_room > 0:
            extra = 1.5 * a.cost_weight * v.monthly_cost * v.duration
            coercion = p.escalation_gain * max(0.0, v.resolve - v.rival_resolve)
            gamble = p.gamble_weight * max(0.0, 0.3 - v.belief)
            values[Action.ESCALATE] = fight + coercion + gamble - extra - p.nuclear_cost * v.rival_nuclear - pressed
    deal = deal_value(v, a, p, fight)
    if deal is not None:
        values[Action.NEGOTIATE] = deal
    return values


def carry_shocks(previous: np.ndarray | None, persistence: float, rng: np.random.Generator) -> np.ndarray:
    """A state's idiosyncratic taste for each option (standard Gumbel, one per `Action`): each
    carries over to the next month with chance `persistence`, else it is drawn afresh. Every
    month's shocks are standard Gumbel, so each single choice is still a logit (McKelvey &
    Palfrey 1995); persistence only makes the private reasons behind choices last (serially
    correlated unobservables: Heckman 1981; Keane & Wolpin 1997), so a state that chose a
    ceasefire does not redraw its mind every month."""
    fresh = rng.gumbel(size=len(Action))
    if previous is None or persistence <= 0.0:
        return fresh
    return np.where(rng.random(len(Action)) < persistence, previous, fresh)


SHOCK_INDEX = {act: k for k, act in enumerate(Action)}  # each option's place in a shock vector


def shocked_pick(values: dict[Action, float], temperature: float, shocks: np.ndarray) -> Action:
    """argmax of value + temperature x Gumbel shock: a logit choice (random utility form)."""
    return max(values, key=lambda k: values[k] / temperature + shocks[SHOCK_INDEX[k]])


def logit_pick(values: dict[Action, float], temperature: float, u: float) -> Action:
    """Quantal response: P(option) proportional to exp(value / temperature); `u` in [0, 1)."""
    acts = list(values)
    x = np.array([values[k] for k in acts]) / temperature
    prob = np.exp(x - x.max())
    cum = np.cumsum(prob / prob.sum())
    return acts[min(int(np.searchsorted(cum, u, side="right")), len(acts) - 1)]


def tipping_assumption(v: View, lens_name: str, a: Assumptions, p: Params, chosen: Action) -> str | None:
    """The assumption whose value under the other theory would change the best option most."""
    other = "liberalism" if lens_name == "realism" else "realism"
    base = option_values(v, a, p)
    best = max(base, key=base.get)
    if best is not chosen:
        return None
    runner = sorted(base.values())[-2] if len(base) > 1 else base[best]
    margin = base[best] - runner
    swing, name = 0.0, None
    for f in fields(a):
        swapped = replace(a, **{f.name: float(getattr(p, f"{f.name}_{other}"))})
        if getattr(swapped, f.name) == getattr(a, f.name):
            continue
        alt = option_values(v, swapped, p)
        alt_runner = max((x for k, x in alt.items() if k is not best), default=alt[best])
        loss = margin - (alt[best] - alt_runner)  # how much the best option's lead shrinks
        if loss > swing:
            swing, name = loss, f.name
    return name


def explain(
    v: View, lens_name: str, a: Assumptions, p: Params, chosen: Action, values: dict[Action, float]
) -> tuple[str, str | None]:
    """A sentence a student can read: the choice, the two best alternatives, the tipping assumption."""
    ranked = sorted(values, key=values.get, reverse=True)
    alts = [k for k in ranked if k is not chosen][:2]
    alt_text = " or ".join(f"{NOUN[k]} ({values[k]:+.2f})" for k in alts)
    if ranked[0] is chosen:
        body = f"{v.state} {VERB[chosen]}: it values {NOUN[chosen]} at {values[chosen]:+.2f}"
        body += f", more than {alt_text}" if alts else ""
    else:
        body = (
            f"{v.state} {VERB[chosen]} although {NOUN[ranked[0]]} scores higher "
            f"({values[ranked[0]]:+.2f} against {values[chosen]:+.2f}): choices are noisy (quantal response)"
        )
    tipped = tipping_assumption(v, lens_name, a, p, chosen) if ranked[0] is chosen else None
    if tipped:
        words = ASSUMPTION_WORDS[tipped][0 if lens_name == "realism" else 1]
        body += f" ({lens_name}: {words})"
    return body, tipped


def choose(
    v: View,
    lens,
    p: Params,
    rng: np.random.Generator,
    explain_choice: bool = True,
    assumptions: Assumptions | None = None,
    shocks: np.ndarray | None = None,
) -> Decision:
    """Score the options and pick one: by the state's carried-over taste shocks if given
    (`carry_shocks`), else by a fresh logit draw."""
    a = lens.assumptions(p) if assumptions is None else assumptions
    values = option_values(v, a, p)
    if shocks is None:
        chosen = logit_pick(values, p.decision_temperature, float(rng.random()))
    else:
        chosen = shocked_pick(values, p.decision_temperature, shocks)
    numbers = {str(k): round(float(x), 4) for k, x in values.items()}
    if not explain_choice:
        return Decision(chosen, "", values=numbers)
    reason, tipped = explain(v, lens.name, a, p, chosen, values)
    return Decision(chosen, reason, values=numbers, tipped_by=tipped)
