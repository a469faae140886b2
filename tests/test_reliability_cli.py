"""Reliability at the command line: hostile flags are refused fast, a user's files are never
destroyed, and an unexpected error is one line with a hint, not a traceback (issue 14).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sim import cli

runner = CliRunner()
DEEP = "[" * 600 + "]" * 600
NESTED = "[" * 100 + "]" * 100

# Keys of [0, 1] fields (so every value below is out of range or not a number), and values none
# of which a [0, 1] number field may take.
UNIT_KEYS = ["states.Russia.will", "states.Ukraine.public.support", "disputes.0.trust", "params.fog", "fog"]
BAD_VALUES = ["true", "false", '"0.5"', "nan", "inf", "-inf", "-0.5", "1.5", "1e400", "[]", "{}", "[0.5]",
              "{ a = 1 }", NESTED, DEEP, "0.5\n[params]\nfog = 0.9", "0.5\r\nsteps = 5", "'''x'''", "",
              "0x10", "1979-05-27"]  # fmt: skip
BAD_KEYS = ["states.².will", "states.٣.will", "states.99.will", "states.-99.will", "states.Nowhere.will",
            "states.Russia.will.deeper", "nosuchkey", "states.Russia.nosuch", "disputes.0.sides.7", "a..b",
            "events.0.month.x"]  # fmt: skip


def invoke(args: list[str]) -> tuple[object, float]:
    """Run `brink ARGS` in this process; the result and the CPU seconds it took (CPU, not wall
    time: five sessions share this machine's two cores, and waiting for one is not our slowness)."""
    t0 = time.process_time()
    result = runner.invoke(cli.app, args)
    return result, time.process_time() - t0


def assert_refused(result, elapsed: float, limit: float = 1.0) -> None:
    """Exit 2, one message, no traceback, in under `limit` seconds."""
    text = result.output
    assert result.exit_code == 2, (result.exit_code, text, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text
    assert text.count("error: ") + text.count("Error") == 1, text
    assert elapsed < limit, f"took {elapsed:.2f} s"


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Import the commands' modules once, so timings measure the refusal, not Python's imports."""
    runner.invoke(cli.app, ["run", "--set", "fog=2", "-o", "/nonexistent/x"])
    runner.invoke(cli.app, ["batch", "ukraine_2025", "--range", "fog=0:1:1000000000"])
    runner.invoke(cli.app, ["batch", "ukraine_2025", "--sample", "sobol", "--n", "3", "-b", "fog=0:1"])  # SALib


hostile_set = st.one_of(
    st.tuples(st.sampled_from(UNIT_KEYS), st.sampled_from(BAD_VALUES)),
    st.tuples(st.sampled_from(BAD_KEYS), st.sampled_from(["0.5", "1", "true"])),
    st.tuples(st.sampled_from(UNIT_KEYS), st.text(max_size=12).filter(lambda s: not _is_unit_number(s))),
)


def _is_unit_number(text: str) -> bool:
    from sim.overrides import parse_value
    from sim.scenario import ScenarioError

    try:
        value = parse_value(text.strip())
    except ScenarioError:
        return False
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sets=st.lists(hostile_set, min_size=1, max_size=3), command=st.sampled_from(["run", "compare", "batch"]))
def test_hostile_set_flags_are_refused_fast(tmp_path_factory, sets, command):
    out = tmp_path_factory.mktemp("hostile") / "out"
    args = [command, "ukraine_2025", "-o", str(out)]
    for key, value in sets:
        args += ["--set", f"{key}={value}"]
    result, elapsed = invoke(args)
    assert_refused(result, elapsed)
    assert not out.exists(), "nothing is written for bad input"


hostile_batch = st.sampled_from(
    [
        ["--range", "fog=0:1:1000000000"],
        ["--sample", "lhs", "--n", "1000000", "--replicates", "1000000", "-b", "fog=0:1"],
        ["--grid", "fog=0.1,0.2", "--grid", "trust_gain=0.1,0.2", "--replicates", "300000"],
        ["--grid", f"fog={DEEP}"],
        ["--grid", f"fog={NESTED}"],
        ["--grid", "fog=0.1\n[params]"],
        ["--range", "fog=0:1:²"],
        ["--range", "fog=1:0:3"],
        ["--range", "fog=nan:1:3"],
        ["--bounds", "fog=0:1"],
        ["--sample", "sobol", "--n", "3", "-b", "fog=0:1"],
        ["--sample", "lhs", "--n", "4", "-b", "fog=0:5"],
        ["--range", "states.².will=0:1:2"],
        ["--set", "steps=5\n[params]\nfog=0.9"],
        ["--n", "0"],
        ["--replicates", "-1"],
        ["--workers", "0"],
    ]
)


@settings(max_examples=17, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(flags=hostile_batch)
def test_hostile_batch_flags_are_refused_fast(tmp_path_factory, flags):
    out = tmp_path_factory.mktemp("hostile") / "out"
    result, elapsed = invoke(["batch", "ukraine_2025", "-o", str(out), *flags])
    assert_refused(result, elapsed)
    assert not out.exists()


hostile_run = st.sampled_from(
    [
        ["-o", "/dev/null/x"],
        ["-o", "x" * 300],
        ["-o", "ok/" + "y" * 256 + "/z"],
        ["--steps", "0"],
        ["--steps", "10001"],
        ["--seed", "-1"],
        ["--lens", "nosuch"],
        ["--set", "steps"],
        ["--set", "=1"],
        ["no_such_scenario"],
        ["missing.toml"],
    ]
)


@settings(max_examples=11, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(flags=hostile_run, command=st.sampled_from(["run", "compare"]))
def test_hostile_run_flags_are_refused_fast(tmp_path_factory, flags, command):
    cwd = tmp_path_factory.mktemp("cwd")
    args = [command, *flags]
    if command == "compare" and flags[0].startswith("-"):
        args.insert(1, "ukraine_2025")
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result, elapsed = invoke(args)
    finally:
        os.chdir(before)
    assert_refused(result, elapsed)
    assert list(cwd.iterdir()) == [], "nothing is written for bad input"


def test_max_runs_raises_the_limit_and_is_checked_first():
    result, elapsed = invoke(["batch", "ukraine_2025", "--range", "fog=0:1:1000000000"])
    assert_refused(result, elapsed)
    assert "20,000,000,000 runs" in result.output and "--max-runs" in result.output
    result, elapsed = invoke(["batch", "ukraine_2025", "--range", "fog=0:1:2", "--replicates", "3",
                              "--max-runs", "11"])  # fmt: skip
    assert_refused(result, elapsed)
    assert "12 runs, above the limit of 11" in result.output


def test_hostile_experiment_file_is_refused(tmp_path):
    path = tmp_path / "exp.toml"
    path.write_text(f'scenario = "ukraine_2025"\n[set]\ndescription = {DEEP}\n', encoding="utf-8")
    result, elapsed = invoke(["batch", str(path), "-o", str(tmp_path / "out")])
    assert_refused(result, elapsed)
    assert "nested too deeply" in result.output


def test_deeply_nested_scenario_file_is_refused(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text(f'name = "x"\ndescription = {DEEP}\n', encoding="utf-8")
    for command in (["check", str(path)], ["run", str(path), "-o", str(tmp_path / "o")]):
        result, elapsed = invoke(command)
        assert_refused(result, elapsed)
        assert "nested too deeply" in result.output


def test_superscript_index_is_a_message():
    result, elapsed = invoke(["run", "--set", "states.².will=0.5"])
    assert_refused(result, elapsed)
    assert "no item '²'" in result.output


def test_multi_line_set_is_refused_not_truncated(tmp_path):
    result, elapsed = invoke(["run", "-o", str(tmp_path / "o"), "--set", "steps=5\n[params]\nfog=0.9"])
    assert_refused(result, elapsed)
    assert "must be one line" in result.output


# --- a user's files are never destroyed ---------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.py").write_text("print('mine')\n")
    monkeypatch.chdir(project)
    return project


def test_overwrite_refuses_a_directory_of_the_users_files(in_tmp):
    result, _ = invoke(["run", "--steps", "2", "-o", str(in_tmp), "--overwrite"])
    assert result.exit_code == 2 and "not a run or batch directory" in result.output
    assert (in_tmp / "main.py").read_text() == "print('mine')\n"
    result, _ = invoke(["run", "--steps", "2", "-o", "..", "--overwrite"])
    assert result.exit_code == 2
    leftovers = [p for p in in_tmp.parent.rglob(".old-*")] + [p for p in in_tmp.parent.rglob(".tmp-*")]
    assert leftovers == []
    assert sorted(p.name for p in in_tmp.parent.iterdir()) == ["project"]


def test_overwrite_refuses_a_run_directory_holding_a_users_file(in_tmp):
    assert invoke(["run", "--steps", "2", "-o", "r"])[0].exit_code == 0
    (in_tmp / "r" / "notes.txt").write_text("keep")
    result, _ = invoke(["run", "--steps", "2", "-o", "r", "--overwrite"])
    assert result.exit_code == 2
    assert (in_tmp / "r" / "notes.txt").read_text() == "keep"


def test_overwrite_replaces_a_run_or_comparison_directory(in_tmp):
    for command in ("run", "compare"):
        assert invoke([command, "ukraine_2025", "--steps", "2", "-o", command])[0].exit_code == 0
        before = (in_tmp / command).stat().st_mtime_ns
        result, _ = invoke([command, "ukraine_2025", "--steps", "3", "-o", command, "--overwrite"])
        assert result.exit_code == 0, result.output
        assert (in_tmp / command).stat().st_mtime_ns >= before
    assert sorted(p.name for p in in_tmp.iterdir()) == ["compare", "main.py", "run"]


@pytest.mark.parametrize("name", ["out[/]x", "r[bold]un[/bold]2", "[red]x"])
def test_markup_in_paths_is_printed_as_given(in_tmp, name):
    result, _ = invoke(["run", "--steps", "2", "-o", name])
    assert result.exit_code == 0, result.output
    assert f"run:     {name}\n" in result.output
    assert (in_tmp / name / "manifest.json").is_file()


def test_out_may_be_a_symlink_to_a_directory(in_tmp):
    (in_tmp / "target").mkdir()
    (in_tmp / "link").symlink_to(in_tmp / "target")
    result, _ = invoke(["run", "--steps", "2", "-o", "link"])
    assert result.exit_code == 0, result.output
    assert (in_tmp / "target" / "manifest.json").is_file() and (in_tmp / "link").is_symlink()


# --- the catch-all at the edge ------------------------------------------------------------------


def _main(monkeypatch, argv: list[str]) -> int:
    monkeypatch.setattr(sys, "argv", ["brink", *argv])
    with pytest.raises(SystemExit) as info:
        cli.main()
    return info.value.code


@pytest.fixture
def broken(monkeypatch):
    """`brink scenarios` hits a bug."""

    def boom():
        raise RuntimeError("something inside broke\nsecond line")

    monkeypatch.setattr("sim.cli.catalog.scenario_catalogue", boom)


def test_an_unexpected_error_is_one_line_and_a_hint(monkeypatch, capsys, broken):
    assert _main(monkeypatch, ["scenarios"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "File " not in err
    lines = err.strip().splitlines()
    assert lines[0] == "error: RuntimeError: something inside broke"
    assert "report it" in lines[1] and "--debug" in lines[1] and len(lines) == 2


def test_debug_shows_the_traceback(monkeypatch, broken):
    monkeypatch.setattr(sys, "argv", ["brink", "--debug", "scenarios"])
    with pytest.raises(RuntimeError, match="something inside broke"):
        cli.main()
    from sim.cli.common import DEBUG

    DEBUG["on"] = False


def test_an_expected_error_escaping_a_command_is_exit_2(monkeypatch, capsys):
    def deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("sim.cli.catalog.scenario_catalogue", deep)
    assert _main(monkeypatch, ["scenarios"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the input is nested too deeply") and "Traceback" not in err


def test_sigterm_handler_unwinds(monkeypatch):
    """After `terminate_on_sigterm`, SIGTERM raises (so cleanup runs) with exit status 143."""
    import signal

    from sim.atomic import Terminated, terminate_on_sigterm

    previous = signal.getsignal(signal.SIGTERM)
    try:
        terminate_on_sigterm()
        with pytest.raises(Terminated) as info:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
        assert info.value.code == 143
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_leftovers_of_dead_writers_are_swept_and_live_ones_kept(tmp_path):
    import subprocess

    from sim.atomic import sweep_leftovers

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    for name in (f".tmp-{dead_pid}-abc", f".old-{dead_pid}-abc", f".tmp-{os.getpid()}-live"):
        (tmp_path / name).mkdir()
    (tmp_path / f".manifest.json.{dead_pid}-xyz.tmp").write_text("half")
    (tmp_path / ".tmp-notes").mkdir()  # not one of ours: no pid in the name
    (tmp_path / "run").mkdir()
    for name, age in ((".tmp-ab12cd34", 2 * 86_400), (".tmp-ef56gh78", 60)):  # unnamed, by older versions
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (time.time() - age, time.time() - age))
    sweep_leftovers(tmp_path)
    kept = [f".tmp-{os.getpid()}-live", ".tmp-notes", "run", ".tmp-ef56gh78"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_the_next_run_sweeps_what_a_killed_run_left(in_tmp):
    import subprocess

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    runs = in_tmp / "runs"
    (runs / f".tmp-{int(dead.stdout)}-x1y2").mkdir(parents=True)
    assert invoke(["run", "--steps", "2"])[0].exit_code == 0
    assert [p.name for p in runs.iterdir() if p.name.startswith(".")] == []
