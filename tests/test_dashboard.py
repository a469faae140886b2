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
from sim.dashboard.results import (
    ResultsError,
    list_batches,
    list_runs,
    load_batch,
    run_replicates,
    shares_by_lens,
)
from sim.dashboard.saved import _load_run, _saved_figures
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
    monkeypatch.setattr("sim.catalogue.SCENARIO_DIR", tmp_path)
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
    # one plain sentence, in months, with the numbers (symbols spelled out) kept for "expand"
    assert str(lines[0]) == (
        "Month 14 — Russia fights on against Ukraine — as a realist leader would: fight on for relative gains."
    )
    assert lines[0].details == "chance of winning 0.70; threat felt by Russia: 0.62 → 0.78"
    assert str(lines[1]) == "Month 3 — Blue joins Pact."
    assert lines[1].details == "Blue admitted"
    assert all("Step" not in str(line) and "p=" not in str(line) for line in lines)
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


def test_list_runs_finds_written_runs(tmp_path, dilemma, monkeypatch):
    from sim.output import write_run

    monkeypatch.chdir(tmp_path)
    run = write_run(dilemma.build().run(), runs_root=Path("runs"))
    assert list_runs("runs") == [run]
    assert list_runs(tmp_path / "nothing") == []
    figures = _saved_figures(_load_run(str(run)))
    assert "States and alliances" in figures[0].layout.title.text
    assert len(figures) == 2 + 7  # the map, the trust matrix and the report's seven
    assert "not a run directory" in _load_run("runs")
    assert "only from folders under runs/" in _load_run(str(tmp_path))  # nothing outside runs/ is read


def test_share_by_parameter_draws_each_outcome_with_its_interval():
    from sim.dashboard.saved import share_by_parameter

    summary = pd.DataFrame(
        {
            "lens": ["mixed"] * 4,
            "outcome": ["victory", "victory", "frozen", "frozen"],
            "fog": [0.1, 0.5, 0.1, 0.5],
            "share": [0.2, 0.6, 0.8, 0.4],
            "ci_low": [0.1, 0.5, 0.7, 0.3],
            "ci_high": [0.3, 0.7, 0.9, 0.5],
        }
    )
    fig = share_by_parameter(summary, "fog")
    victory = next(t for t in fig.data if t.name.startswith("victory"))
    assert list(victory.x) == [0.1, 0.5] and list(victory.y) == [0.2, 0.6]
    assert list(victory.error_y.array) == pytest.approx([0.1, 0.1])


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
        from sim.dashboard.plotly_widget import CARTESIAN_URL, PlotlyChart

        charts = rc.find(PlotlyChart).widgets
        assert [c for c in charts if "brink-chart-network" in c._dom_classes]
        assert {c.script for c in charts} == {CARTESIAN_URL}  # the small plotly.js bundle draws them all
        bar = {"class": "brink-phasebar"}
        assert "data-step='0'" in rc.find(attributes=bar).widget.unsafe_innerHTML
        state.step(2)
        assert "data-step='2'" in rc.find(attributes=bar).widget.unsafe_innerHTML
    finally:
        rc.close()


def test_charts_load_the_small_plotly_bundle_unless_they_need_the_full_one(monkeypatch):
    """The cartesian bundle (1.5 MB, a third of the time to start) draws scatter, bar and heatmap
    figures; another trace type or another plotly.js version falls back to the full bundle."""
    import plotly.graph_objects as go

    from sim.dashboard import plotly_widget as pw

    bundled = pw.ASSETS_DIR / pw.CARTESIAN_URL.rsplit("/", 1)[1]
    assert f"(cartesian - minified) v{pw.CARTESIAN_VERSION}" in bundled.read_text()[:200]
    lines = pw.figure_json(go.Figure([go.Scatter(y=[1, 2]), go.Bar(y=[1]), go.Heatmap(z=[[1]])]))
    assert pw.bundle_url(lines) == pw.CARTESIAN_URL
    assert pw.bundle_url(pw.figure_json(go.Figure(go.Scattergeo(lat=[0], lon=[0])))) == pw.FULL_URL
    monkeypatch.setattr(pw, "get_plotlyjs_version", lambda: "9.9.9")
    assert pw.bundle_url(lines) == pw.FULL_URL


def test_dashboard_figures_carry_the_small_shared_template():
    """Each chart's JSON is sent to every tab: no plotly built-in template (7 kB) per figure."""
    from sim.dashboard.views import RUN_VIEW, run_figure

    sim = Simulation(RunConfig(load_choice("security_dilemma")))
    for name in RUN_VIEW:
        template = run_figure(sim, sim.snapshot(), name).layout.template.to_plotly_json()
        assert len(json.dumps(template)) < 1500, name


# --- v2: pause, safety, readable numbers, monitor, info, export -----------------------------------


def test_rewind_returns_to_the_month_the_user_saw(dilemma):
    """Pause stops on the month on screen: a run stepped past it is replayed back to it."""
    sim = Simulation(dilemma)
    sim.step(9)
    seen = sim.snapshot().model_df.copy()
    sim.step(5)
    sim.rewind(9)
    assert sim.steps == 9
    pd.testing.assert_frame_equal(sim.snapshot().model_df, seen)


def test_play_checks_for_pause_between_months(dilemma):
    """At 60 months/s a tick covers many months, but a pause is seen before the next one."""
    sim, ticks = Simulation(dilemma), []

    def keep_going() -> bool:
        ticks.append(sim.steps)
        return sim.steps < 7

    play(sim, 60, keep_going, lambda: None, sleep=lambda _: None)
    assert sim.steps == 7


@pytest.mark.parametrize("text", ["/etc/passwd", "../../etc/hostname", "pyproject.toml", "scenarios/../Makefile"])
def test_path_box_reads_only_scenarios_and_runs(text, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)
    with pytest.raises(ScenarioError, match="only opens files under scenarios/ or runs/"):
        cfg.allowed_path(text)


def test_path_box_opens_a_shipped_scenario_and_a_saved_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    copy = tmp_path / "runs" / "mine.toml"
    copy.write_bytes((SCENARIO_DIR / "security_dilemma.toml").read_bytes())
    assert cfg.allowed_path("runs/mine.toml") == copy.resolve()
    assert cfg.allowed_path(str(SCENARIO_DIR / "security_dilemma.toml")).name == "security_dilemma.toml"
    with pytest.raises(ScenarioError, match="no such file"):
        cfg.allowed_path("runs/missing.toml")


def test_symlink_out_of_runs_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    secret = tmp_path / "secret.toml"
    secret.write_text('name = "x"')
    (tmp_path / "runs" / "link.toml").symlink_to(secret)
    with pytest.raises(ScenarioError, match="only opens files"):
        cfg.allowed_path("runs/link.toml")


def test_a_world_too_large_to_animate_is_refused_with_a_message():
    states = "".join(f'[[states]]\nname = "S{i}"\nmilitary = 1.0\n' for i in range(cfg.MAX_ANIMATED_STATES + 1))
    data = f'name = "huge"\ndefault_lens = "realism"\n{states}[[disputes]]\nsides = ["S0", "S1"]\n'.encode()
    with pytest.raises(ScenarioError, match="too large to animate"):
        parse_upload("huge.toml", data)


def test_an_upload_too_large_gets_a_clear_message():
    with pytest.raises(ScenarioError, match=r"big\.toml: too large"):
        parse_upload("big.toml", b"#" * (cfg.MAX_UPLOAD_BYTES + 1))


def test_brink_app_warns_when_not_bound_to_localhost(monkeypatch):
    import sim.cli.dashboard as dashboard

    monkeypatch.setattr(dashboard.subprocess, "run", lambda *a, **k: type("R", (), {"returncode": 0})())
    exposed = CliRunner().invoke(cli_app, ["app", "--host", "0.0.0.0"])
    local = CliRunner().invoke(cli_app, ["app"])
    assert exposed.exit_code == 0 and "warning" in exposed.output and "0.0.0.0" in exposed.output
    assert "warning" not in local.output


def test_slider_values_have_units_and_readable_names():
    from sim.dashboard.labels import PARAM_LABELS, format_value

    assert set(PARAM_LABELS) == set(KEY_PARAMS)
    assert format_value("entanglement_rate", 0.02) == "2.0 % / month"
    assert format_value("threat_alliance_weight", 0.35) == "0.35 weight"
    assert all("_" not in label for label, _unit in PARAM_LABELS.values())


def test_tables_are_formatted_for_people():
    from sim.dashboard.labels import tidy_table

    df = pd.DataFrame({"share": [0.03622316096978745], "fog": [0.123456789], "lenses": [["realism", "liberalism"]]})
    row = tidy_table(df).iloc[0]
    assert (row["share"], row["fog"], row["lenses"]) == ("4%", "0.123", "realism, liberalism")


def test_state_monitor_shows_the_clicked_state(dilemma):
    from sim.dashboard.monitor import state_monitor

    sim = Simulation(dilemma)
    sim.step(30)
    snap = sim.snapshot()
    mon = state_monitor(snap, "Blue")
    values = dict(mon.rows)
    now = snap.agents_df[(snap.agents_df["name"] == "Blue") & (snap.agents_df["step"] == 30)].iloc[0]
    assert values["will to fight"] == f"{now['will']:.2f}" and values["lens"] == snap.lenses["Blue"]
    assert "its belief it would win" in values and mon.last_decision.startswith("month ")
    assert state_monitor(snap, "Nowhere") is None


def test_scenario_info_gives_description_sides_and_sources():
    from sim.dashboard.info import scenario_info

    path = SCENARIO_DIR / "ukraine_2025.toml"
    info = scenario_info(load_choice("ukraine_2025"), path)
    assert info.start == "2025-12" and "Russia vs Ukraine" in info.sides
    assert any("IISS" in line or "reference article" in line for line in info.background) or info.background
    assert info.notice and info.try_


def test_trust_threat_chart_and_csv_export(dilemma):
    from sim.dashboard import views

    sim = Simulation(dilemma)
    sim.step(12)
    snap = sim.snapshot()
    fig = views.trust_threat(snap)
    assert len(fig.data) == 4 and all(len(t.x) == 13 for t in fig.data)
    csv = views.figure_csv(fig).splitlines()
    assert csv[0] == "series,x,y" and len(csv) == 1 + 4 * 13
    assert views.states_csv(snap).splitlines()[0].startswith("step,")


def test_a_crowded_worlds_trust_matrix_keeps_readable_cells(dilemma):
    from sim.dashboard import views

    snap = Simulation(dilemma).snapshot()
    names = [f"S{i}" for i in range(12)]
    crowded = snap.__class__(**{**snap.__dict__, "trust": pd.DataFrame(np.eye(12), index=names, columns=names)})
    fig = views.trust(crowded)
    assert fig.layout.width >= 12 * 40  # cells keep a readable size; the box scrolls


def test_cancelled_ensemble_is_labelled_partial(dilemma):
    """A stopped ensemble keeps its runs, fewer than asked for: the view labels it partial."""
    calls = []
    runs = run_replicates(dilemma, ["realism", "liberalism"], 5, calls.append, keep_going=lambda: len(calls) < 3)
    assert 0 < len(runs) < 10


def test_a_run_exports_as_the_folder_brink_run_writes(tmp_path, dilemma):
    import io
    import zipfile

    from sim.dashboard.export import run_zip, save_run
    from sim.output import load_run

    sim = Simulation(dilemma).run_to_end()
    folder = save_run(sim, runs_root=tmp_path)
    again = save_run(sim, runs_root=tmp_path)
    assert folder != again  # never over an existing folder
    loaded = load_run(folder)
    assert loaded["manifest"]["seed"] == dilemma.seed and len(loaded["model_df"]) == sim.steps + 1
    names = zipfile.ZipFile(io.BytesIO(run_zip(sim))).namelist()
    assert {n.split("/", 1)[1] for n in names} >= {p.name for p in folder.iterdir() if p.is_file()}


def test_tabs_on_the_same_run_share_figures_and_others_do_not(dilemma):
    """A class opening the default page builds its figures once; another seed gets its own."""
    from dataclasses import replace

    from sim.dashboard import views

    one, two, other = Simulation(dilemma), Simulation(dilemma), Simulation(replace(dilemma, seed=dilemma.seed + 1))
    assert one.key() == two.key() != other.key()
    built = []

    def make():
        built.append(1)
        return views.trust_threat(one.snapshot())

    first = views.shared((one.key(), 0, "trust-threat"), make)
    assert views.shared((two.key(), 0, "trust-threat"), make) is first and len(built) == 1
    views.shared((other.key(), 0, "trust-threat"), make)
    assert len(built) == 2


def test_the_scenario_editor_checks_like_brink_check_and_runs_the_result():
    from sim.dashboard.editor import check

    text = (SCENARIO_DIR / "security_dilemma.toml").read_text()
    spec, problems = check(text)
    assert problems == "" and spec.name == "security_dilemma"
    changed = text.replace("military = 1.0", "military = 2.5", 1)
    assert check(changed)[0].states[0].military == 2.5
    spec, problems = check(text.replace("military = 1.0", "military = -1", 1))
    assert spec is None and "edited.toml: states.0.military" in problems
    assert "not valid TOML" in check("name = ")[1]
