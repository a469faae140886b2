"""Samplers: shapes, bounds, determinism and bad input (sim.experiments.sampling)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.experiments.sampling import (
    SAMPLE_METHODS,
    check_bounds,
    declared_range,
    design_size,
    grid_points,
    parse_bounds,
    parse_range,
    salib_problem,
    sample_points,
)

BOUNDS = {"fog": (0.05, 0.4), "concession_decay": (0.01, 0.2), "trust_gain": (0.0, 0.1)}
N = {"lhs": 10, "sobol": 8, "morris": 4}


def test_grid_points_is_the_cartesian_product_in_key_order():
    assert grid_points({"a": [1, 2], "b": ["x", "y", "z"]}) == [
        {"a": 1, "b": "x"},
        {"a": 1, "b": "y"},
        {"a": 1, "b": "z"},
        {"a": 2, "b": "x"},
        {"a": 2, "b": "y"},
        {"a": 2, "b": "z"},
    ]
    assert grid_points({}) == [{}]
    assert grid_points({"a": []}) == []


def test_parse_range_includes_both_ends():
    assert parse_range("0:1:5") == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert parse_range("0.3:0.3:1") == [0.3]
    assert parse_range("-1:1:2") == [-1.0, 1.0]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("0:1", "lo:hi:n"),
        ("0:1:2:3", "lo:hi:n"),
        ("a:1:3", "numbers"),
        ("0:1:x", "whole number"),
        ("0:1:2.5", "whole number"),
        ("0:1:0", "at least 1"),
        ("1:0:3", "greater than hi"),
        ("0:1:1", "both ends"),
        ("nan:1:3", "finite"),
    ],
)
def test_parse_range_rejects_bad_text(text, needle):
    with pytest.raises(ValueError, match=needle):
        parse_range(text)


def test_parse_bounds():
    assert parse_bounds("0.01:0.2") == (0.01, 0.2)
    for bad in ("0.2:0.01", "1:1", "1", "a:b", "0:inf"):
        with pytest.raises(ValueError, match="bounds"):
            parse_bounds(bad)


@pytest.mark.parametrize("method", SAMPLE_METHODS)
def test_shapes_bounds_and_order(method):
    points = sample_points(method, BOUNDS, N[method], seed=7)
    assert len(points) == design_size(method, len(BOUNDS), N[method])
    for point in points:
        assert list(point) == list(BOUNDS)
        for key, (lo, hi) in BOUNDS.items():
            assert lo <= point[key] <= hi


def test_design_sizes_follow_salib():
    assert len(sample_points("lhs", BOUNDS, 10, 0)) == 10
    assert len(sample_points("sobol", BOUNDS, 8, 0)) == 8 * (2 * 3 + 2)
    assert len(sample_points("morris", BOUNDS, 4, 0)) == 4 * (3 + 1)


@pytest.mark.parametrize("method", SAMPLE_METHODS)
def test_same_seed_same_points_other_seed_other_points(method):
    a = sample_points(method, BOUNDS, N[method], seed=1)
    assert a == sample_points(method, BOUNDS, N[method], seed=1)
    assert a != sample_points(method, BOUNDS, N[method], seed=2)


def test_lhs_fills_every_stratum():
    points = sample_points("lhs", {"fog": (0.0, 1.0)}, 10, seed=3)
    strata = sorted(int(p["fog"] * 10) for p in points)
    assert strata == list(range(10))


def test_morris_moves_one_parameter_per_step():
    d = len(BOUNDS)
    points = sample_points("morris", BOUNDS, 3, seed=5)
    for t in range(3):
        traj = points[t * (d + 1) : (t + 1) * (d + 1)]
        for before, after in zip(traj, traj[1:], strict=False):
            assert sum(before[k] != after[k] for k in BOUNDS) == 1


def test_integer_parameters_are_rounded():
    points = sample_points("lhs", {"cost_horizon": (6, 24), "fog": (0.0, 0.3)}, 20, seed=0)
    assert all(isinstance(p["cost_horizon"], int) and 6 <= p["cost_horizon"] <= 24 for p in points)
    assert not all(float(p["fog"]).is_integer() for p in points)


@pytest.mark.parametrize(
    ("method", "bounds", "n", "needle"),
    [
        ("grid", BOUNDS, 4, "unknown sample method"),
        ("sobol", BOUNDS, 6, "power of 2"),
        ("sobol", {}, 4, "at least one --bounds"),
        ("lhs", {"fog": (0.3, 0.1)}, 4, "fog"),
        ("lhs", BOUNDS, 0, "at least 1"),
        ("morris", BOUNDS, 1, "at least 2"),
    ],
)
def test_bad_sampling_input(method, bounds, n, needle):
    with pytest.raises(ValueError, match=needle):
        sample_points(method, bounds, n, seed=0)


def test_salib_problem():
    assert salib_problem({"a": (0, 1), "b": (2.0, 3.5)}) == {
        "num_vars": 2,
        "names": ["a", "b"],
        "bounds": [[0.0, 1.0], [2.0, 3.5]],
    }


def test_check_bounds_against_declared_ranges():
    assert declared_range("fog") == (0.0, 1.0)
    assert declared_range("states.Russia.will") is None
    check_bounds(BOUNDS)
    check_bounds({"states.Russia.will": (0.5, 1.0)}, scenario="ukraine_2025")
    with pytest.raises(ValueError, match="fog=0:2: outside the declared range 0..1"):
        check_bounds({"fog": (0.0, 2.0)})
    with pytest.raises(ValueError, match="nonsense: unknown parameter"):
        check_bounds({"nonsense": (0.0, 1.0)})
    with pytest.raises(ValueError, match="states.Russia.will"):
        check_bounds({"states.Russia.will": (0.5, 1.5)}, scenario="ukraine_2025")
    with pytest.raises(ValueError, match="no bounds"):
        check_bounds({})


@settings(max_examples=25, deadline=None)
@given(
    lo=st.floats(-100, 100, allow_nan=False),
    width=st.floats(1e-3, 100),
    n=st.integers(2, 12),
    seed=st.integers(0, 2**32 - 1),
)
def test_lhs_stays_in_any_bounds(lo, width, n, seed):
    points = sample_points("lhs", {"x": (lo, lo + width), "y": (0.0, 1.0)}, n, seed)
    assert len(points) == n
    assert all(lo <= p["x"] <= lo + width for p in points)
