"""Installable anywhere: the shipped data comes from the package, a user's folder is searched first.

The wheel itself is exercised end to end by `make wheel-check` (CI): built, installed into a
fresh venv and used from an empty directory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sim.catalogue as scenario_mod
import sim.cli as cli
from sim.data import shipped_dir, shipped_experiments
from sim.scenario import SCENARIO_ENV, ScenarioError, available_scenarios, resolve_path, scenario_catalogue

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
runner = CliRunner()


def brink(*args: str):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


def test_every_subpackage_is_listed_for_the_wheel():
    """A new sim/ subpackage missing from pyproject's explicit list would be left out of the wheel."""
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("__init__.py")}
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    mapped = {"sim.data.scenarios", "sim.data.scenarios.history", "sim.data.experiments", "sim.dashboard.assets"}
    assert listed - on_disk == mapped  # top-level folders installed as packages (package-dir)


def test_the_top_level_folders_are_what_the_package_ships():
    # the editable install maps sim.data.* onto the repository's top-level folders
    assert shipped_dir("scenarios").resolve() == ROOT / "scenarios"
    assert shipped_dir("experiments").resolve() == ROOT / "experiments"
    on_disk = {p.stem for p in (ROOT / "scenarios").rglob("*.toml")}
    assert set(available_scenarios()) == on_disk
    assert set(shipped_experiments()) == {p.stem for p in (ROOT / "experiments").glob("*.toml")}
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    # third-party code lives in vendor/, out of sim/, and is installed as sim.dashboard.assets
    from sim.dashboard.plotly_widget import ASSETS_DIR, CARTESIAN_VERSION

    assert ASSETS_DIR.resolve() == ROOT / "vendor" / "plotly"
    assert (ASSETS_DIR / f"plotly-cartesian-{CARTESIAN_VERSION}.min.js").exists()


def test_user_folder_is_searched_first_and_named(tmp_path, monkeypatch):
    shipped = available_scenarios()["security_dilemma"]
    (tmp_path / "mine.toml").write_bytes(shipped.read_bytes())
    (tmp_path / "ukraine_2025.toml").write_bytes(shipped.read_bytes())  # hides the shipped one
    monkeypatch.setenv(SCENARIO_ENV, str(tmp_path))
    catalogue = scenario_catalogue()
    assert list(catalogue)[:2] == ["mine", "ukraine_2025"]
    assert catalogue["mine"].source == str(tmp_path) and catalogue["korea_1950"].source == "shipped"
    assert resolve_path("ukraine_2025") == tmp_path / "ukraine_2025.toml"
    assert catalogue["korea_1950"].label == "history/korea_1950"


def test_scenarios_option_lists_the_source_of_each(tmp_path, monkeypatch):
    monkeypatch.setenv(SCENARIO_ENV, "")  # restored after the test, which --scenarios changes
    (tmp_path / "mine.toml").write_bytes(available_scenarios()["security_dilemma"].read_bytes())
    result = brink("--scenarios", tmp_path, "scenarios", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)["scenarios"]}
    assert rows["mine"]["source"] == str(tmp_path.resolve())
    assert rows["ukraine_2025"]["source"] == "shipped"
    assert rows["ukraine_2025"]["steps"] > 0 and rows["mine"]["error"] is None
    result = brink("--scenarios", tmp_path, "check", "mine", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["ok"] is True


def test_missing_user_folder_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setenv(SCENARIO_ENV, "")  # restored after the test, which --scenarios changes
    result = brink("--scenarios", tmp_path / "nope", "run", "ukraine_2025")
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope'}: BRINK_SCENARIOS / --scenarios: no such folder" in result.stderr
    assert "Traceback" not in result.output


def test_empty_catalogue_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(SCENARIO_ENV, "")  # restored after the test, which --scenarios changes
    monkeypatch.setattr(scenario_mod, "SCENARIO_DIR", tmp_path)
    with pytest.raises(ScenarioError, match="no scenarios found"):
        scenario_catalogue()
    result = brink("scenarios")
    assert result.exit_code == 2 and "no scenarios found" in result.stderr


def test_shipped_experiment_runs_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no experiments/ folder here
    result = brink("batch", "frozen_sweep", "--replicates", "1", "--steps", "6", "--backend", "serial",
                   "--out", "b", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["out_dir"] == str((tmp_path / "b").resolve())


def test_python_dash_m_sim_is_the_cli():
    out = subprocess.run([sys.executable, "-m", "sim", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("brink ")


def test_shell_completion_offers_commands_and_scenario_names(tmp_path):
    brink_exe = Path(sys.executable).with_name("brink")

    def complete(words: str) -> list[str]:
        env = {"PATH": str(brink_exe.parent), "_BRINK_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1), "HOME": str(tmp_path)}  # fmt: skip
        out = subprocess.run([brink_exe], env=env, capture_output=True, text=True, timeout=60)
        return out.stdout.split()

    assert "scenarios" in complete("brink sce")
    assert complete("brink run ukr") == ["ukraine_2022", "ukraine_2025"]
    # the script `brink --install-completion` installs for bash (asked for by name: detecting the
    # shell from the process tree fails under make or CI, where the parent is sh or python)
    env = {"PATH": str(brink_exe.parent), "_BRINK_COMPLETE": "source_bash", "HOME": str(tmp_path)}
    show = subprocess.run([brink_exe], env=env, capture_output=True, text=True, timeout=60)
    assert "_BRINK_COMPLETE=complete_bash" in show.stdout
