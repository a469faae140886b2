"""One validation check: what was expected, what the model did, and whether that passes."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from sim.scenario import Scenario, validate


@dataclass(frozen=True)
class Check:
    """A named check with its expectation, the simulated value and a verdict.

    `group` is "analytic" or "facts"; `source` names the literature the expectation comes from;
    `detail` holds the numbers behind the verdict (for JSON and the HTML report).
    """

    group: str
    name: str
    expected: str
    simulated: str
    passed: bool
    source: str
    detail: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "passed", bool(self.passed))  # numpy bools from comparisons

    def as_dict(self) -> dict[str, Any]:
        return jsonable(asdict(self))


def jsonable(value: Any) -> Any:
    """Plain JSON values: numpy scalars unwrapped, tuples as lists, inf and NaN as None."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dyad(
    name: str,
    params: dict[str, Any] | None = None,
    a: dict[str, Any] | None = None,
    b: dict[str, Any] | None = None,
    dispute: dict[str, Any] | None = None,
    steps: int = 120,
    lens: str = "realism",
    alliances: list[dict[str, Any]] | None = None,
    extra_states: list[dict[str, Any]] | None = None,
) -> Scenario:
    """A minimal two-state scenario (A against B) for a check, validated by the real schema.

    Both states default to identical hybrid regimes, equal forces, no optimism and one
    divisible issue with no red lines; `a`, `b` and `dispute` override fields.
    """
    state = {"military": 1.0, "will": 0.6, "regime": "hybrid", "public": {}}
    raw = {
        "name": name,
        "steps": steps,
        "default_lens": lens,
        "params": params or {},
        "states": [
            {**state, "name": "A", **(a or {})},
            {**state, "name": "B", **(b or {})},
            *(extra_states or []),
        ],
        "alliances": alliances or [],
        "disputes": [{"sides": ["A", "B"], **(dispute or {})}],
    }
    return validate(raw, f"<{name}>")
