"""ConflictModel in Mesa 3.5's own terms: Scenario objects, seed=, Reset, DataCollector, batch_run."""

from __future__ import annotations

import mesa
import pandas as pd
import pytest
from mesa.experimental.scenarios import Scenario as MesaScenario
from mesa.visualization.solara_viz import _build_model_init_kwargs

from sim import ConflictModel
from sim.mesa_native import AGENT_REPORTERS, ALLIANCE_REPORTERS, MODEL_REPORTERS, ConflictScenario
from sim.model.agents import Alliance


def table(model: ConflictModel) -> pd.DataFrame:
    return model.run().model_table()


def test_seed_is_rng_as_in_mesa():
    pd.testing.assert_frame_equal(table(ConflictModel(seed=3, steps=24)), table(ConflictModel(rng=3, steps=24)))
    assert ConflictModel(seed=3, steps=2).seed == 3
    with pytest.raises(ValueError, match="either rng or seed"):
        ConflictModel(rng=1, seed=2)


def test_a_mesa_scenario_carries_the_conflict_lens_and_overrides():
    mesa_way = ConflictModel(scenario=ConflictScenario(conflict="security_dilemma", rng=2, lens="realism",
                                                       steps=30, concession_decay=0.1))  # fmt: skip
    plain = ConflictModel("security_dilemma", lens="realism", rng=2, steps=30, concession_decay=0.1)
    assert mesa_way.spec == plain.spec and mesa_way.lens_name == "realism" and mesa_way.horizon == 30
    pd.testing.assert_frame_equal(table(mesa_way), table(plain))
    assert isinstance(plain.scenario, ConflictScenario) and plain.scenario.conflict == "security_dilemma"


def test_solaraviz_reset_rebuilds_the_model():
    model = ConflictModel("security_dilemma", lens="realism", rng=1)
    params = {"conflict": "security_dilemma", "lens": "liberalism", "rng": 5}
    kwargs = _build_model_init_kwargs(model, params, add_scenario_when_empty=True, require_model_accepts_scenario=True)
    assert isinstance(kwargs["scenario"], MesaScenario)  # what Mesa 3.5 passes on Reset
    again = type(model)(**kwargs)
    assert again.spec.name == "security_dilemma" and again.lens_name == "liberalism" and again.seed == 5
    again.step()
    assert again.steps == 1
    # a plain Mesa Scenario (no conflict named) falls back to the default scenario
    assert ConflictModel(scenario=MesaScenario(rng=1), steps=2).spec.name == "ukraine_2025"


def test_datacollector_has_model_and_agent_variables():
    model = ConflictModel("ukraine_2025", rng=1, steps=12, stop_at_outcome=False).run()
    dc = model.datacollector
    mvars = dc.get_model_vars_dataframe()
    assert list(mvars.columns) == list(MODEL_REPORTERS) and len(mvars) == 13  # step 0 and 12 months
    agents = dc.get_agent_vars_dataframe()
    assert list(agents.columns) == list(AGENT_REPORTERS)
    assert len(agents) == 13 * len(model.agents)
    last = agents.xs(12.0, level="Step").set_index("name")
    table_last = model.agent_table().query("step == 12").set_index("name")
    for state in ("Russia", "Ukraine"):
        for column in ("military", "will", "support", "threat", "trust"):
            assert last.loc[state, column] == pytest.approx(table_last.loc[state, column])
    alliances = dc.get_agenttype_vars_dataframe(Alliance)
    assert set(ALLIANCE_REPORTERS) <= set(alliances.columns) and len(alliances) > 0


def test_mesa_batch_run_works_as_documented():
    results = mesa.batch_run(
        ConflictModel,
        parameters={"scenario": "ukraine_2025", "lens": ["realism", "liberalism"], "steps": 24},
        rng=[1, 2],
        max_steps=24,
        number_processes=1,
        data_collection_period=-1,
        display_progress=False,
    )
    frame = pd.DataFrame(results)
    runs = frame.drop_duplicates("RunId")
    assert len(runs) == 4 and set(runs["lens"]) == {"realism", "liberalism"}
    assert {"outcome", "tension", "military", "name"} <= set(frame.columns)
    one = ConflictModel("ukraine_2025", lens="realism", rng=1, steps=24).run()
    row = runs[(runs["lens"] == "realism") & (runs["rng"] == 1)].iloc[0]
    assert row["outcome"] == str(one.final_outcome)
