"""Combat: Lanchester attrition, a front that moves with the force ratio, breakpoints, learning.

Lanchester's square law for aimed fire (Lanchester 1916): dA/dt = -beta*B, dB/dt = -alpha*A,
so alpha*A^2 - beta*B^2 is invariant and the side with the larger alpha*A^2 wins. The model
steps it weekly inside each month, so a war of three or ten weeks is a real result.

The defender's advantage belongs to the side defending its ground, not to the weaker side
(Biddle 2004; Mearsheimer 1989's 3:1 rule): it multiplies the defender's fire and its weight in
the front ratio. The front moves continuously with the log of the effective force ratio
(`front_push`): no dead zone, diminishing returns at large ratios.

Armies break rather than being ground to zero (Biddle 2004; Reiter 2009; Clausewitz's
culminating point): a side that loses `break_loss` of its forces within a few weeks, or whose
will collapses, fights at a fraction of its effectiveness until it recovers, and the front
runs. An attack weakens as it advances into the rival's ground (Boulding 1962's loss-of-strength
gradient), so offensives culminate short of total conquest unless their edge is large.
Fighting reveals information (Wagner 2000; Slantchev 2003): each side's belief about its chance
of prevailing moves toward a noisy signal of the balance of forces and of the front itself.
"""

from __future__ import annotations

import math


def lanchester_step(a: float, b: float, alpha: float, beta: float, dt: float = 1.0) -> tuple[float, float]:
    """One Euler step of the square law; forces never go below zero."""
    return max(0.0, a - beta * b * dt), max(0.0, b - alpha * a * dt)


def square_law_winner(a: float, b: float, alpha: float, beta: float) -> int:
    """0 if A wins the square-law duel, 1 if B does, -1 at the exact threshold."""
    lhs, rhs = alpha * a * a, beta * b * b
    return 0 if lhs > rhs else 1 if rhs > lhs else -1


def fighting_strength(quality: float, forces: float) -> float:
    """Square-law fighting strength: per-unit fire effectiveness times forces squared."""
    return quality * forces * forces


def win_probability(strength_a: float, strength_b: float) -> float:
    """A's chance of prevailing in the end, from the two square-law strengths."""
    total = strength_a + strength_b
    return 0.5 if total <= 0 else strength_a / total


def combat_power(
    quality: float, forces: float, effectiveness: float, defending: bool, defense_advantage: float
) -> float:
    """Effective combat power on the front: quality x forces x morale, times the defender's edge."""
    return quality * forces * effectiveness * (defense_advantage if defending else 1.0)


def front_push(power_a: float, power_b: float) -> float:
    """Direction and strength of the push on the front in [-1, 1]: tanh of the log power ratio.

    Continuous in the ratio (no dead zone); a 3:1 edge gives 0.8 of the fastest push.
    """
    if power_a <= 0 and power_b <= 0:
        return 0.0
    if power_b <= 0:
        return 1.0
    if power_a <= 0:
        return -1.0
    return math.tanh(math.log(power_a / power_b))


def advance_depth(territory: float, start: float) -> tuple[float, float]:
    """How deep each side has advanced into the ground the other held when the war began, as a
    share of that ground: (A's depth, B's depth), each in [0, 1]."""
    a = max(0.0, territory - start) / max(1.0 - start, 1e-9)
    b = max(0.0, start - territory) / max(start, 1e-9)
    return min(a, 1.0), min(b, 1.0)


def supply_reach(depth: float, gradient: float) -> float:
    """Share of its combat power an attacker projects at `depth` into the rival's ground:
    Boulding's (1962) loss-of-strength gradient, linear in the distance from its base. The
    attack weakens as it advances and the defender falls back on its own supply lines, so
    an offensive culminates short of total conquest unless its edge is large (Clausewitz,
    On War VII.5: the culminating point of the attack)."""
    return 1.0 - gradient * min(max(depth, 0.0), 1.0)


def front_shift(push: float, speed: float, intensity: float, dt: float, noise: float = 0.0) -> float:
    """Change in A's share of the disputed territory over `dt` months."""
    return speed * intensity * dt * (push + noise)


def breaks(
    losses_in_window: float, forces_at_window_start: float, will: float, break_loss: float, collapse_will: float
) -> bool:
    """Does an army break? Concentrated losses or collapsed will (Biddle 2004; Reiter 2009)."""
    if forces_at_window_start <= 0:
        return True
    return losses_in_window / forces_at_window_start >= break_loss or will < collapse_will


def update_belief(belief: float, signal: float, learning: float) -> float:
    """Move a belief toward what the fighting revealed (Bayesian-flavoured smoothing)."""
    return min(max(float(belief + learning * (signal - belief)), 0.01), 0.99)


def revealed_odds(balance: float, shift: float, full_push: float, weight: float) -> float:
    """What a month of fighting shows A about its chance of prevailing: the balance of forces
    (`balance`, the square law), and with weight `weight` the front itself. A front that moved
    `shift` toward B at the rate `full_push` of an overwhelming push reads as certain victory,
    one that did not move as an even war, one that ran back as defeat. Belligerents learn from
    battlefield outcomes, not from force counts alone (Slantchev 2003; Reiter 2009), so an
    attacker stalled by a dug-in defender sees here what the square law hides."""
    if weight <= 0.0 or full_push <= 0.0:
        return balance
    moved = min(max(shift / full_push, -1.0), 1.0)
    return (1.0 - weight) * balance + weight * 0.5 * (1.0 + moved)


def expected_duration(p: float, horizon: float) -> float:
    """Months a side expects the war still to last: longest when evenly matched
    (Bennett & Stam 1996: duration falls with the capability ratio)."""
    return 1.0 + horizon * 4.0 * p * (1.0 - p)
