"""Combat: Lanchester attrition, the front line, and learning from the battlefield.

Lanchester's square law for aimed fire (Lanchester 1916): dA/dt = -beta*B, dB/dt = -alpha*A,
so alpha*A^2 - beta*B^2 is invariant and the side with the larger alpha*A^2 wins. Each month
applies one Euler step at the war's intensity with seeded log-normal noise on each side's
fire. The weaker side, holding its line, gets a defender's fire advantage (Biddle 2004),
which turns superiority into diminishing returns and stalemates. Fighting reveals information (Wagner 2000; Slantchev
2003): each side's belief about its chance of winning moves toward a noisy signal of the
truth, so beliefs converge as the war goes on.
"""

from __future__ import annotations

import numpy as np


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
    """A's chance of prevailing, from the two fighting strengths."""
    total = strength_a + strength_b
    return 0.5 if total == 0 else strength_a / total


def fire_rates(
    quality_a: float, quality_b: float, strength_a: float, strength_b: float, defense_advantage: float
) -> tuple[float, float]:
    """Lanchester's (alpha, beta) with the defender's advantage given to the weaker side.

    At exact parity nobody is pushed back, so neither side gets the advantage.
    """
    alpha = quality_a * (defense_advantage if strength_a < strength_b else 1.0)
    beta = quality_b * (defense_advantage if strength_b < strength_a else 1.0)
    return alpha, beta


def front_shift(
    strength_a: float, strength_b: float, defense_advantage: float, intensity: float, speed: float, noise: float
) -> float:
    """Change in A's share of the disputed territory this month.

    Only the stronger side can advance, and only as far as its strength beats the defender's
    advantaged strength: push = (S - D s) / (S + D s) for attacker strength S and defender
    strength s. Below a strength ratio of D the front holds, which is where stalemates and
    diminishing returns come from. Noise moves it either way.
    """
    attack, defence = max(strength_a, strength_b), defense_advantage * min(strength_a, strength_b)
    push = 0.0 if attack + defence == 0 else max(0.0, (attack - defence) / (attack + defence))
    direction = 1.0 if strength_a > strength_b else -1.0 if strength_b > strength_a else 0.0
    return speed * intensity * (direction * push + noise)


def update_belief(belief: float, signal: float, learning: float) -> float:
    """Move a belief toward what the fighting revealed (Bayesian-flavoured smoothing)."""
    return float(np.clip(belief + learning * (signal - belief), 0.01, 0.99))


def war_cost(loss_rate: float, drain_rate: float, will: float, horizon: int) -> float:
    """Expected cost of fighting on for `horizon` months, as a share of the stake.

    Costs weigh more on a side whose political will is low (Fearon's c rises as resolve falls).
    """
    return float(min(2.0, (loss_rate + drain_rate) * horizon / max(will, 0.05)))
