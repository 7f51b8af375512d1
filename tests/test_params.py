"""The parameter object validates every field and round-trips through dicts."""

import pytest

from tightrope.model.params import GROUPS, ParameterError, Params, parameter_table_markdown


def _bad_values(default, spec):
    if spec.choices is not None:
        return ["not-a-choice"]
    if isinstance(default, bool):
        return ["yes"]
    bad = ["text"]
    if spec.low is not None:
        bad.append(spec.low - 1)
    if spec.high is not None:
        bad.append(spec.high * 2 + 1)
    return bad


ALL_SPECS = [
    (f"{group}.{name}", default, spec)
    for group, cls in GROUPS.items()
    for name, default, spec in cls.specs()
]


@pytest.mark.parametrize(("key", "default", "spec"), ALL_SPECS, ids=[k for k, _, _ in ALL_SPECS])
def test_every_parameter_rejects_bad_values_by_name(key, default, spec):
    """Each out-of-range or mistyped value raises an error naming the parameter and range."""
    for value in _bad_values(default, spec):
        with pytest.raises(ParameterError) as info:
            Params().replace(**{key: [value] if isinstance(default, tuple) else value})
        assert key in str(info.value)
        assert "allowed" in str(info.value)
        if isinstance(default, bool):  # a switch has no numeric range to quote
            assert "allowed: true or false" in str(info.value) and "inf" not in str(info.value)


def test_table_gives_switches_true_or_false_and_numbers_their_range():
    """The paper's table says what a switch allows; no row prints an unbounded range."""
    table = parameter_table_markdown()
    assert "| screenpop.enabled | False | - | true or false |" in table
    assert "[-inf, inf]" not in table


def test_defaults_are_valid_and_documented():
    """Every default passes validation and carries unit and source."""
    Params()
    for key, _, spec in ALL_SPECS:
        assert spec.unit and spec.source and spec.doc, key


def test_dict_round_trip():
    """Nested dict and flat dotted keys both rebuild the same parameters."""
    changed = Params().replace(**{"arrivals.rate": 3.5, "arrivals.profile": [1, 2, 1]})
    assert Params.from_dict(changed.to_dict()) == changed
    flat = {k: v for k, v in changed.to_flat().items() if k != "arrivals.profile"}
    assert Params.from_dict(flat).arrivals.rate == 3.5


def test_unknown_parameter_lists_valid_names():
    """A misspelt key names itself and the valid keys of its group."""
    with pytest.raises(ParameterError, match="arrivals.rat'.*rate"):
        Params.from_dict({"arrivals": {"rat": 1}})
    with pytest.raises(ParameterError, match="unknown parameter 'nope.x'"):
        Params.from_dict({"nope.x": 1})


def test_cross_field_checks():
    """Burn-in must be shorter than the horizon."""
    with pytest.raises(ParameterError, match="run.burn_in_days"):
        Params().replace(**{"run.days": 10, "run.burn_in_days": 10})


def test_integer_fields_reject_fractions():
    """A fractional headcount is refused rather than silently truncated."""
    with pytest.raises(ParameterError, match="staffing.reps"):
        Params().replace(**{"staffing.reps": 2.5})


def test_parameter_table_lists_every_parameter():
    """The Markdown table has one row per parameter."""
    table = parameter_table_markdown()
    for key, _, _ in ALL_SPECS:
        assert f"| {key} |" in table
