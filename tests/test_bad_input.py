"""Bad input of every category the issue found: one line on stderr, exit 2, no traceback."""

from pathlib import Path

import pytest

from tightrope.experiments.cli import main

SMALL = 'name = "small"\nreplications = 1\nroot_seed = 1\n[run]\ndays = 2\nburn_in_days = 0\n'
FAKE = "sweep_fakes:fake"


def _files(tmp: Path) -> dict[str, str]:
    """Inputs the cases refer to as {name}."""
    (tmp / "adir").mkdir()
    (tmp / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    (tmp / "broken.toml").write_text("name = \n")
    (tmp / "dup.toml").write_text('"staffing.reps" = 20\nstaffing = {reps = 3}\n')
    dup = '[fixed]\n"staffing.reps" = 20\nstaffing = {reps = 3}\n'
    (tmp / "dupexp.toml").write_text(SMALL + dup)
    (tmp / "longname.toml").write_text(SMALL.replace('"small"', '"' + "x" * 300 + '"'))
    (tmp / "small.toml").write_text(SMALL)
    (tmp / "afile").write_text("not a directory")
    huge = SMALL.replace('"small"', '"huge"') + (
        '[design]\nkind = "grid"\n[design.factors]\n'
        '"arrivals.rate" = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4]\n'
        '"service.aht" = [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5]\n'
        '"staffing.reps" = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]\n'
        '"regime.quota_stretch" = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n'
        '"service.patience" = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]\n'
    )
    (tmp / "huge.toml").write_text(huge)
    return {"tmp": str(tmp)}


CASES = {
    # run: values converted or checked before validation
    "days inf": ["run", "--set", "run.days=inf"],
    "days list": ["run", "--set", "run.days=[1,2]"],
    "days table": ["run", "--set", "run.days={a=1}"],
    "days text": ["run", "--set", "run.days=abc"],
    "days nan": ["run", "--set", "run.days=nan"],
    "days negative": ["run", "--days", "-3"],
    "set no equals": ["run", "--set", "staffing.reps"],
    "set unknown": ["run", "--set", "foo.bar=1"],
    "set out of range": ["run", "--set", "staffing.reps=-3"],
    "set bad choice": ["run", "--set", "regime.name=bogus"],
    "set bool for number": ["run", "--set", "arrivals.rate=true"],
    # run: files
    "config missing": ["run", "--config", "{tmp}/nope.toml"],
    "config directory": ["run", "--config", "{tmp}/adir"],
    "config not utf8": ["run", "--config", "{tmp}/latin1.toml"],
    "config not toml": ["run", "--config", "{tmp}/broken.toml"],
    "config duplicate": ["run", "--config", "{tmp}/dup.toml"],
    "out missing dir": ["run", "--days", "2", "--out", "{tmp}/missing/daily.parquet"],
    "out is directory": ["run", "--days", "2", "--out", "{tmp}/adir"],
    # sweep
    "sweep missing": ["sweep", "{tmp}/nope.toml"],
    "sweep directory": ["sweep", "{tmp}/adir.toml"],
    "sweep not utf8": ["sweep", "{tmp}/latin1.toml"],
    "sweep not toml": ["sweep", "{tmp}/broken.toml"],
    "sweep duplicate": ["sweep", "{tmp}/dupexp.toml"],
    "sweep long name": ["sweep", "{tmp}/longname.toml"],
    "sweep huge": ["sweep", "{tmp}/huge.toml", "--results", "{tmp}/r"],
    "sweep results is file": ["sweep", "{tmp}/small.toml", "--results", "{tmp}/afile"],
    "sweep bad runner": ["sweep", "{tmp}/small.toml", "--runner", "nope:nothing"],
    # list and collect
    "list missing dir": ["list", "--dir", "{tmp}/nope"],
    "collect unknown": ["collect", "nothing-here", "--results", "{tmp}/r"],
}


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_bad_input_is_one_line_and_exit_2(args, tmp_path, capsys):
    where = _files(tmp_path)
    code = main([a.replace("{tmp}", where["tmp"]) for a in args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and err.startswith(f"tightrope {args[0]}: error: ")


FLAG_CASES = {
    "jobs negative": ["sweep", "small", "--jobs", "-5"],
    "jobs zero": ["sweep", "small", "--jobs", "0"],
    "jobs text": ["sweep", "small", "--jobs", "many"],
    "replications zero": ["sweep", "small", "--replications", "0"],
    "list jobs negative": ["list", "--jobs", "-5"],
}


@pytest.mark.parametrize("args", FLAG_CASES.values(), ids=FLAG_CASES.keys())
def test_bad_flags_are_refused_by_the_parser(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and args[-1] in err


def test_list_names_a_file_that_is_not_utf8(tmp_path, capsys):
    _files(tmp_path)
    assert main(["list", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "latin1" in out and "not UTF-8" in out
    assert "110,000" in out  # the big grid, sized without being built


def test_out_path_is_checked_before_the_run(tmp_path, monkeypatch, capsys):
    import tightrope.model as model

    monkeypatch.setattr(model, "simulate", lambda *a, **k: pytest.fail("simulated anyway"))
    assert main(["run", "--out", str(tmp_path / "no" / "x.parquet")]) == 2
    assert "--out" in capsys.readouterr().err
