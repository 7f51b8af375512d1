"""No stale sentence: the template names only what exists and calls nothing absent that exists."""

from tightrope.analysis.claims import CLAIMS
from tightrope.analysis.levers import LEVER_PARAMETERS
from tightrope.analysis.paper import TEMPLATE
from tightrope.analysis.schema import KPIS
from tightrope.analysis.template_check import false_absences, unknown_names
from tightrope.model.params import GROUPS, parameter_table
from tightrope.model.regimes import REGIMES

PARAMETERS = [row["parameter"] for row in parameter_table()]
LEVER_GROUPS = ("coaching", "monitoring", "transition", "coldcalls", "scoreboard", "contagion")
VALUES = {*REGIMES, "mixed", "random", "sales_talent", "service_talent", "blended", "dedicated"}


def _claim_text() -> str:
    from tightrope.analysis.centre import CENTRE_BUILT_IN
    from tightrope.analysis.factorial import FACTORIAL

    claims = (*CLAIMS, FACTORIAL)
    return " ".join(" ".join(c.built_in + c.emerges) for c in claims) + " " + CENTRE_BUILT_IN


def test_template_and_claims_name_only_existing_parameters_and_kpis():
    text = TEMPLATE.read_text() + _claim_text()
    assert unknown_names(text, [*PARAMETERS, *KPIS], VALUES) == []


def test_lever_parameters_exist():
    assert set(LEVER_PARAMETERS) <= set(PARAMETERS)
    assert set(LEVER_GROUPS) <= set(GROUPS)


def test_template_calls_no_existing_lever_absent():
    levers = [*LEVER_GROUPS, "coaching", "monitoring", "scoreboard", "contagion", "avoidance"]
    assert false_absences(TEMPLATE.read_text() + _claim_text(), levers) == []


def test_the_checks_catch_stale_sentences():
    """The sentences issue 13 found in the paper, and a made-up parameter, are caught."""
    stale = (
        "this model version has no coaching lever, and service first is not a parameter. "
        "Coaching, which Stanfill also names, is not part of this model version."
    )
    assert len(false_absences(stale, ["coaching"])) == 2
    assert unknown_names("set `sales.magic_rate` and `skills.coupling_*`", PARAMETERS) == [
        "sales.magic_rate"
    ]
    assert unknown_names("`mandatory_upsell` and `csat`", KPIS, REGIMES) == []


def test_every_lever_arm_of_the_levers_sweep_is_recognised():
    """The arms are read off the real design points: each point maps to one distinct arm."""
    import pandas as pd

    from tightrope.analysis.levers import BASELINE, lever_arms
    from tightrope.experiments import paths
    from tightrope.experiments.spec import load_experiment

    exp = load_experiment(paths.experiment_file("levers"))
    rows = pd.DataFrame([p.to_flat() for p in exp.params])
    arms = lever_arms(rows)
    for regime, group in arms.groupby(rows["regime.name"]):
        assert group.is_unique, f"two points share an arm under {regime}"
        assert BASELINE in set(group)
    assert {"transition, prepared managers", "transition, unprepared managers"} <= set(arms)
    assert {"coaching", "cold calls", "outbound dialling", "call avoidance"} <= set(arms)


def test_built_in_notes_match_the_judging_regimes():
    """A regime whose reps judge the caller can misread anger: no note may say 'never'."""
    from tightrope.model.regimes import REGIMES

    assert REGIMES["discretionary_rewards"].judges
    text = _claim_text()
    assert "never pitch to an angry caller" not in text
    assert "never pitches to an angry caller" not in text
    assert "recognition acts only through morale" not in text
    assert "only a quota or commission" not in text


def test_a_lever_that_cannot_act_is_named_not_judged():
    """A lever arm repeating its comparison run for run is left out and named, not 'no effect'."""
    from tightrope.analysis import synthetic
    from tightrope.analysis.levers import inert_text, lever_arms, lever_table
    from tightrope.analysis.replication import output_columns

    runs = synthetic.levers(3)
    arms = lever_arms(runs)
    service = runs["regime.name"] == "service_only"
    base = runs[service & (arms == "no lever")].set_index("replication")
    board = runs.index[service & (arms == "scoreboard")]
    outs = output_columns(runs)
    for i in board:  # the scoreboard repeats the baseline: nobody sells under service only
        runs.loc[i, outs] = base.loc[runs.loc[i, "replication"], outs].to_numpy()
    table = lever_table(runs)
    rows = table[table["lever"].str.startswith("scoreboard")]
    assert list(rows["regime"]) == ["Mandatory upsell + quota"]
    assert table.attrs["inert"] == [("scoreboard", "Service only")]
    assert "scoreboard under service only" in inert_text(table)
    assert inert_text(lever_table(synthetic.levers(3))) == ""


def test_template_prose_types_no_result_or_design_number():
    """Numbers in the template's own prose are conventions, not design or result values.

    Design values (levels, shares, worlds, quota stretches) and results come
    through ``{{placeholders}}`` from the results, parameters or configs; a
    typed one goes stale (issue 13: a typed 10 % sales team, 24 worlds, 1.5
    and 0.8 quotas). A new number here needs a reason to be typed.
    """
    import re

    text = re.sub(r"\{\{[^}]*\}\}|<sub>.*?</sub>", " ", TEMPLATE.read_text())
    text = re.sub(r"^#+ [\d.]+", " ", text, flags=re.M)  # section headings
    text = re.sub(r"\b(?:Sections?|Figure|[Ss]eeds?) [\d.]+", " ", text)  # references
    numbers = set(re.findall(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d", text))
    allowed = {
        "000", "001", "002", "003", "004",  # seeds in lists
        "1999", "2002", "2004",  # citations
        "0", "1",  # [0, 1] ranges
        "1,000",  # per 1,000 calls
        "100",  # attrition cannot exceed 100 %
        "95",  # 95 % intervals
        "80", "20",  # the 80/20 convention (staffing.target_sl, service.sl_threshold)
        "5",  # MSER-5 and its 5-day batches (analysis.steady.BATCH)
    }  # fmt: skip
    assert numbers <= allowed, sorted(numbers - allowed)
