"""Dashboard logic without a browser: configuration, the run controller, the story, results,
the network figure, the `brink app` command and the app's import and first render."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sim.cli import app as cli_app
from sim.cli.dashboard import server_env, solara_command
from sim.dashboard import config as cfg
from sim.dashboard import state
from sim.dashboard.config import KEY_PARAMS, PER_STATE, SLIDERS, RunConfig, load_choice, parse_upload
from sim.dashboard.panels import _load_run, _saved_figures
from sim.dashboard.results import (
    ResultsError,
    list_batches,
    list_runs,
    load_batch,
    run_replicates,
    shares_by_lens,
)
from sim.dashboard.session import Simulation, compare, play
from sim.dashboard.story import story
from sim.params import Params
from sim.report.compare import first_divergence
from sim.report.figures import run_figures
from sim.report.network import network_figure, primary_trust_matrix, topology_at, trust_matrix_figure
from sim.scenario import SCENARIO_DIR, ScenarioError


@pytest.fixture(scope="module")
def dilemma() -> RunConfig:
    return RunConfig(load_choice("security_dilemma"), seed=3)


# --- configuration --------------------------------------------------------------------------


@pytest.mark.parametrize("name", KEY_PARAMS)
def test_slider_ranges_come_from_the_schema(name):
    s, info = SLIDERS[name], Params.model_fields[name]
    bounds = {type(m).__name__: m for m in info.metadata}
    assert (s.low, s.high) == (bounds["Ge"].ge, bounds["Le"].le)
    assert 0 < s.step <= (s.high - s.low) / 50
    assert s.description == info.description
    assert s.low <= getattr(Params(), name) <= s.high


def test_scenario_choices_include_subfolders(tmp_path, monkeypatch):
    (tmp_path / "history").mkdir()
    for path in SCENARIO_DIR.glob("*.toml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "history" / "crimea_2014.toml").write_bytes((SCENARIO_DIR / "security_dilemma.toml").read_bytes())
    monkeypatch.setattr("sim.scenario.SCENARIO_DIR", tmp_path)
    labels = list(cfg.scenario_choices())
    assert "ukraine_2025" in labels and labels[-1] == "history/crimea_2014"
    assert cfg.load_choice("history/crimea_2014").name == "security_dilemma"


def test_shipped_scenarios_are_all_offered():
    assert {p.stem for p in SCENARIO_DIR.rglob("*.toml")} == {label.split("/")[-1] for label in cfg.scenario_choices()}


def test_upload_accepts_a_valid_scenario():
    spec = parse_upload("mine.toml", (SCENARIO_DIR / "security_dilemma.toml").read_bytes())
    assert spec.name == "security_dilemma"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.toml", b"name = [unclosed", "bad.toml: not valid TOML"),
        ("bad.toml", b'name = "x"\nsteps = 5\nbogus = 1\n', "bad.toml: bogus: unknown key"),
        ("bad.toml", b"\xff\xfe", "bad.toml: cannot read"),
        ("notes.txt", b"name = 'x'", "expected a .toml scenario file"),
    ],
)
def test_upload_rejects_bad_files_with_a_clear_message(name, data, message):
    with pytest.raises(ScenarioError, match=re.escape(message)):
        parse_upload(name, data)


def test_per_state_lenses_and_parameters_reach_the_model(dilemma):
    config = RunConfig(
        dilemma.scenario,
        lens=PER_STATE,
        state_lenses={"Red": "liberalism", "Blue": "realism"},
        params={"concession_decay": 0.2},
    )
    model = config.build()
    assert [lens.name for lens in model.lenses[:2]] == ["liberalism", "realism"]
    assert model.params.concession_decay == 0.2
    assert RunConfig(dilemma.scenario, lens="realism").build().lens_name == "realism"


# --- the run controller ------------------------------------------------------------------------


def test_simulation_steps_and_caches_its_snapshot(dilemma):
    sim = Simulation(dilemma)
    first = sim.snapshot()
    assert first.step == 0 and sim.snapshot() is first
    assert sim.step(5) == 5
    snap = sim.snapshot()
    assert snap is not first and snap.step == 5 and len(snap.model_df) == 6
    assert snap.names[:2] == ("Red", "Blue") and snap.trust.shape == (3, 3)
    assert snap.phase in {"crisis", "war", "talks", "ceasefire", "settled"}


def test_same_seed_same_run(dilemma):
    a, b = (Simulation(dilemma).run_to_end().snapshot() for _ in range(2))
    pd.testing.assert_frame_equal(a.model_df, b.model_df)
    assert a.finished and a.outcome == b.outcome


def test_play_runs_to_the_end_and_refreshes_at_a_bounded_rate(dilemma):
    sim, refreshes, slept = Simulation(dilemma), [], []
    months = play(sim, 60, lambda: True, lambda: refreshes.append(sim.steps), sleep=slept.append)
    assert sim.finished and months == sim.steps
    assert len(refreshes) < months  # several months per refresh at 60 months/s
    assert all(s <= 0.3 for s in slept)


def test_play_stops_when_paused(dilemma):
    sim, calls = Simulation(dilemma), []
    play(sim, 2, lambda: len(calls) < 3, lambda: calls.append(1), sleep=lambda _: None)
    assert sim.steps == 3 and not sim.finished


def test_compare_marks_the_first_divergence(dilemma):
    result = compare(dilemma)
    assert result.left.lenses["Red"] == "realism" and result.right.lenses["Red"] == "liberalism"
    assert result.divergence == first_divergence([result.left.model_df, result.right.model_df])


# --- the story ------------------------------------------------------------------------------------


def test_story_reads_as_a_causal_chain():
    events = pd.DataFrame(
        {
            "step": [3, 14],
            "actor": ["Pact", "Russia"],
            "target": ["Blue", "Ukraine"],
            "kind": ["join", "decision:fight"],
            "reason": ["Blue admitted", "(realism) fight on for relative gains: p=0.70"],
        }
    )
    agents = pd.DataFrame(
        {"step": [13, 14], "name": ["Russia", "Russia"], "kind": ["state", "state"], "threat": [0.62, 0.78]}
    )
    lines = story(events, agents)
    assert (
        str(lines[0]) == "Step 14 — Russia (realism): chooses to fight (Ukraine); "
        "fight on for relative gains: p=0.70; threat 0.62 -> 0.78"
    )
    assert str(lines[1]) == "Step 3 — Pact: join; Blue admitted"
    assert [line.step for line in story(events, agents, newest_first=False, limit=1)] == [3]
    assert story(events.iloc[0:0]) == []


def test_story_of_a_real_run_names_every_lens(dilemma):
    snap = Simulation(dilemma).run_to_end().snapshot()
    decisions = [line for line in story(snap.events_df, snap.agents_df) if line.kind.startswith("decision:")]
    assert decisions and all(line.lens in {"realism", "liberalism"} for line in decisions)


# --- network and trust figures ---------------------------------------------------------------------


def test_topology_replays_joins_and_phases(dilemma):
    scenario = dilemma.scenario.model_dump(mode="json")
    events = pd.DataFrame(
        {
            "step": [3, 34, 57],
            "actor": ["Pact", "Red", "Red"],
            "target": ["Blue", "Blue", "Blue"],
            "kind": ["join", "war", "outcome:frozen"],
            "reason": ["", "", ""],
        }
    )
    start = topology_at(scenario, events, step=0)
    assert start.alliances["Pact"]["candidate"] == {"Blue"} and start.disputes[0]["phase"] == "crisis"
    later = topology_at(scenario, events, step=40)
    assert "Blue" in later.alliances["Pact"]["member"] and later.disputes[0]["phase"] == "war"
    assert topology_at(scenario, events).disputes[0]["outcome"] == "frozen"


def test_network_figure_sizes_nodes_by_military(dilemma):
    snap = Simulation(dilemma).snapshot()
    fig = network_figure(snap.agents_df, snap.events_df, snap.scenario, names=snap.names)
    nodes = fig.data[-1]
    sizes = dict(zip(nodes.text, nodes.marker.size, strict=True))
    assert set(sizes) == {"Red", "Blue", "Green"} and sizes["Green"] > sizes["Red"]  # Green has twice the forces
    assert "month 0" in fig.layout.title.text
    assert network_figure(snap.agents_df, None, snap.scenario, colour_by="trust").data


def test_trust_matrix_figure_blanks_the_diagonal():
    m = pd.DataFrame(np.full((2, 2), 0.4), index=["A", "B"], columns=["A", "B"])
    z = trust_matrix_figure(m).data[0].z
    assert z[0][0] is None and z[0][1] == 0.4
    model = pd.DataFrame({"step": [0, 1], "trust_ab": [0.3, 0.2], "trust_ba": [0.1, 0.5]})
    assert primary_trust_matrix(model, ["A", "B"]).loc["B", "A"] == 0.5


def test_run_figures_add_the_network_when_given_the_scenario(dilemma):
    snap = Simulation(dilemma).run_to_end().snapshot()
    plain = run_figures(snap.model_df, snap.agents_df, snap.events_df, snap.names)
    with_map = run_figures(snap.model_df, snap.agents_df, snap.events_df, snap.names, snap.scenario)
    assert len(with_map) == len(plain) + 1 and "States and alliances" in with_map[1].layout.title.text


# --- ensembles and saved results ---------------------------------------------------------------------


def test_replicates_report_progress_and_shares_per_lens(dilemma):
    progress = []
    runs = run_replicates(dilemma, ["realism", "liberalism"], 3, progress.append)
    assert len(runs) == 6 and progress[-1] == 100.0
    shares = shares_by_lens(runs)
    assert set(shares["lens"]) == {"realism", "liberalism"}
    assert shares.groupby("lens")["share"].sum().round(9).eq(1).all()
    assert (shares["ci_low"] <= shares["share"]).all() and (shares["share"] <= shares["ci_high"]).all()


def test_replicates_stop_when_cancelled(dilemma):
    assert run_replicates(dilemma, ["realism"], 5, keep_going=lambda: False).empty


def write_batch(path, summary=True):
    path.mkdir()
    (path / "experiment.json").write_text(json.dumps({"scenario": "security_dilemma", "replicates": 2}))
    rows = [
        {
            "point": p,
            "lens": lens,
            "concession_decay": 0.05 * (p + 1),
            "outcome": o,
            "count": 1,
            "n": 2,
            "share": 0.5,
            "ci_low": 0.1,
            "ci_high": 0.9,
        }
        for p in (0, 1)
        for lens in ("realism", "liberalism")
        for o in ("frozen", "escalation")
    ]
    if summary:
        pd.DataFrame(rows).to_parquet(path / "summary.parquet")
    outcomes = pd.DataFrame(
        {
            "run_id": [0, 1],
            "point": [0, 0],
            "replicate": [0, 1],
            "lens": ["realism"] * 2,
            "seed": [1, 2],
            "outcome": ["frozen", "escalation"],
            "outcome_step": [10, 20],
            "error": [None, "boom"],
        }
    )
    outcomes.to_parquet(path / "outcomes.parquet")
    return path


def test_load_batch_reads_a_brink_batch_directory(tmp_path):
    batch = load_batch(write_batch(tmp_path / "b"))
    assert batch.points == [0, 1] and batch.varied == ["concession_decay"]
    assert batch.point_label(1) == "point 1: concession_decay=0.1"
    assert len(batch.point_shares(0)) == 4 and batch.errors == 1
    assert list_batches(tmp_path) == [tmp_path / "b"]


def test_load_batch_explains_what_is_wrong(tmp_path):
    with pytest.raises(ResultsError, match="no such directory"):
        load_batch(tmp_path / "missing")
    with pytest.raises(ResultsError, match="no experiment.json"):
        load_batch(tmp_path)
    with pytest.raises(ResultsError, match="no summary.parquet"):
        load_batch(write_batch(tmp_path / "half", summary=False))
    broken = write_batch(tmp_path / "broken")
    (broken / "summary.parquet").write_text("not parquet")
    with pytest.raises(ResultsError, match="summary.parquet: cannot read"):
        load_batch(broken)


def test_list_runs_finds_written_runs(tmp_path, dilemma):
    from sim.output import write_run

    run = write_run(dilemma.build().run(), runs_root=tmp_path)
    assert list_runs(tmp_path) == [run]
    assert list_runs(tmp_path / "nothing") == []
    figures = _saved_figures(_load_run(str(run)))
    assert "States and alliances" in figures[0].layout.title.text
    assert len(figures) == 2 + 7  # the map, the trust matrix and the report's seven
    assert "not a run directory" in _load_run(str(tmp_path))


# --- the command and the app ----------------------------------------------------------------------------


def test_brink_app_binds_to_localhost_offline():
    command = solara_command("127.0.0.1", 8765)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert {"--production", "--no-open", "--no-check-version"} <= set(command)
    assert server_env({})["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    result = CliRunner().invoke(cli_app, ["app", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output


def test_brink_app_falls_back_to_the_page_module_without_app_py(monkeypatch, tmp_path):
    """An install without the source checkout's app.py serves the same page as a module."""
    import sim.cli.dashboard as dashboard

    monkeypatch.setattr(dashboard, "APP", tmp_path / "app.py")
    command = dashboard.solara_command("127.0.0.1", 8765)
    assert command[command.index("run") + 1] == "sim.dashboard.page"
    assert importlib.import_module("sim.dashboard.page").Page is not None


def test_app_imports_and_renders():
    import solara

    spec = importlib.util.spec_from_file_location("brink_app", Path(__file__).parent.parent / "app.py")
    app = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(app)
    box, rc = solara.render(app.page(), handle_error=False)
    try:
        rc.find(class_="brink-chart brink-chart-network").assert_single()
        bar = {"class": "brink-phasebar"}
        assert "data-step='0'" in rc.find(attributes=bar).widget.unsafe_innerHTML
        state.step(2)
        assert "data-step='2'" in rc.find(attributes=bar).widget.unsafe_innerHTML
    finally:
        rc.close()
