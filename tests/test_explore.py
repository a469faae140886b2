"""sim.explore: the parameter space, the plain outcome function, and the EMA Workbench model."""

from __future__ import annotations

import math
import pickle
import re
from pathlib import Path

import pytest

from sim.explore import OUTCOME_DOCS, OUTCOME_NAMES, ExploreFunction, ema_model, outcomes, parameter_space
from sim.params import Params
from sim.scenario import ScenarioError

DOC = Path(__file__).resolve().parent.parent / "docs" / "explore.md"


def test_parameter_space_is_the_schema():
    space = parameter_space()
    assert list(space) == list(Params.model_fields)
    decay = space["concession_decay"]
    assert decay.default == Params().concession_decay and decay.low < decay.default < decay.high
    assert decay.doc == Params.model_fields["concession_decay"].description
    with pytest.raises(ValueError):  # the schema rejects what lies beyond the bounds
        Params(concession_decay=decay.high + 0.01)
    with pytest.raises(KeyError, match="nope"):
        parameter_space(["nope"])


def test_outcomes_are_numbers_from_seeded_replicates():
    out = outcomes({"concession_decay": 0.1, "states__Russia__will": 0.9}, replicates=4, steps=60)
    assert list(out) == list(OUTCOME_NAMES) == list(OUTCOME_DOCS)
    assert all(isinstance(v, float) and math.isfinite(v) for v in out.values())
    assert math.isclose(sum(out[f"share_{o}"] for o in ("escalation", "frozen", "settlement", "victory",
                                                         "ongoing")), 1.0)  # fmt: skip
    assert outcomes({"concession_decay": 0.1, "states__Russia__will": 0.9}, replicates=4, steps=60) == out
    other = outcomes({"concession_decay": 0.1, "states__Russia__will": 0.2}, replicates=4, steps=60)
    assert other != out  # the parameter reaches the model


def test_bad_parameter_is_one_scenario_error():
    with pytest.raises(ScenarioError, match="concession_decay"):
        outcomes({"concession_decay": 7.0}, replicates=1, steps=2)


def test_function_pickles_and_calls_with_parameters_only():
    f = pickle.loads(pickle.dumps(ExploreFunction("ukraine_2025", replicates=2, steps=60)))
    got, want = f(fog=0.3), outcomes({"fog": 0.3}, scenario="ukraine_2025", replicates=2, steps=60)
    assert got == pytest.approx(want, nan_ok=True)


def test_ema_model_has_the_schema_bounds_and_every_outcome():
    pytest.importorskip("ema_workbench")
    model = ema_model(["fog", "frozen_after"], bounds={"fog": (0.1, 0.3)})
    bounds = {u.name: (u.lower_bound, u.upper_bound) for u in model.uncertainties}
    space = parameter_space(["frozen_after"])["frozen_after"]
    assert bounds == {"fog": (0.1, 0.3), "frozen_after": (space.low, space.high)}
    assert [o.name for o in model.outcomes] == list(OUTCOME_NAMES)
    with pytest.raises(ValueError, match="fog"):
        ema_model(["fog"], bounds={"fog": (-1.0, 0.5)})


def test_the_docs_example_runs_with_few_experiments(capsys):
    pytest.importorskip("ema_workbench")
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    assert len(code.strip().splitlines()) <= 14  # "in a dozen lines"
    small = code.replace("scenarios=200", "scenarios=16").replace("replicates=4", "replicates=2")
    assert small != code
    namespace: dict = {}
    exec(compile(small, str(DOC), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "share_escalation" in printed and all(lever in printed for lever in namespace["levers"])
    assert namespace["box"] is not None
    experiments = namespace["experiments"]
    assert len(experiments) == 16
    assert namespace["outcomes"]["share_frozen"].shape == (16,)
