"""Generated worlds (used by the benchmarks) are valid, seeded and runnable."""

from sim import ConflictModel
from sim.generate import generated_world


def test_generated_world_is_valid_and_seeded():
    a, b = generated_world(30, 3, seed=5), generated_world(30, 3, seed=5)
    assert a.content_hash() == b.content_hash()
    assert a.content_hash() != generated_world(30, 3, seed=6).content_hash()
    assert len(a.states) == 30 and len(a.alliances) == 3 and len(a.disputes) == 15


def test_generated_world_runs_to_the_horizon():
    m = ConflictModel(generated_world(20, 2, seed=1, steps=6), rng=1, stop_at_outcome=False).run()
    assert m.steps == 6
    assert len(m.agent_table().query("kind == 'state'")) == 20 * 7
