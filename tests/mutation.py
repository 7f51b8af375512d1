"""Sampled mutation testing of the model's mechanism modules (``make mutation``).

Mutants come from mutmut's mutation engine (mutmut 2: operators, numbers,
comparisons, keywords, assignments); a fixed-seed sample of them is applied
one at a time *in place* (each file is restored afterwards, also on Ctrl-C or SIGTERM),
and the behaviour tests are run against it with ``-x``. A mutant is killed when
the tests fail or time out. Docstrings and error messages are not mutated, and
the golden summaries (tests/test_golden.py) are left out of the test command:
they fail on any change of results, so they would kill every mutant without
saying whether a test *expects* the behaviour.

Usage: ``python tests/mutation.py [--sample N] [--seed S] [--budget-minutes M]``.
It prints the score and every surviving mutant as a one-line diff. Do not edit
the model while it runs: the files under test are rewritten.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = (
    "model/calls/outcomes.py",
    "model/calls/sale.py",
    "model/calls/outbound.py",
    "model/calls/kernel.py",
    "model/calls/routing.py",
    "model/agents.py",
    "model/workforce.py",
    "model/regimes.py",
    "model/customers.py",
    "model/levers/coaching.py",
    "model/levers/teamwork.py",
    "model/levers/transition.py",
)
TESTS = (
    "tests/test_mechanism_forms.py",  # unit-level and fast: most mutants fail here first
    "tests/test_mechanisms.py",
    "tests/test_invariants.py",
    "tests/test_behaviour.py",
    "tests/test_levers.py",
    "tests/test_liveness.py",
    "tests/test_callflow.py",
    "tests/test_judgement.py",
    "tests/test_kpi_definitions.py",
    "tests/test_staffing_quota.py",
)


@dataclass(frozen=True)
class Mutant:
    """One mutation: file, line and index of mutmut's mutation on that line."""

    path: str
    line: str
    index: int
    line_number: int

    def apply(self, source: str) -> str:
        """The mutated source."""
        from mutmut import Context, RelativeMutationID, mutate

        mid = RelativeMutationID(self.line, self.index, self.line_number, self.path)
        mutated, count = mutate(Context(source=source, mutation_id=mid, filename=self.path))
        assert count == 1, self
        return mutated

    def describe(self, source: str) -> str:
        """``path:line: old -> new`` for the report."""
        before, after = source.splitlines(), self.apply(source).splitlines()
        diff = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in diff.get_opcodes():
            if tag != "equal":
                old = " / ".join(line.strip() for line in before[i1:i2]) or "(nothing)"
                new = " / ".join(line.strip() for line in after[j1:j2]) or "(deleted)"
                return f"{self.path}:{i1 + 1}: {old}  ->  {new}"
        return f"{self.path}:{self.line_number + 1}: (no change)"


def quiet_lines(source: str) -> set[int]:
    """0-based lines of docstrings and raise statements (messages, not behaviour)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                lines.update(range(first.lineno - 1, first.end_lineno))
        if isinstance(node, ast.Raise):
            lines.update(range(node.lineno - 1, node.end_lineno))
    return lines


def all_mutants(modules: tuple[str, ...]) -> list[Mutant]:
    """Every mutmut mutant of ``modules`` outside docstrings and raise statements."""
    from mutmut import Context, list_mutations

    out = []
    for path in modules:
        source = (ROOT / path).read_text()
        skip = quiet_lines(source)
        for mid in list_mutations(Context(source=source, filename=path)):
            if mid.line_number not in skip:
                out.append(Mutant(path, mid.line, mid.index, mid.line_number))
    return out


def run_tests(timeout: float) -> str:
    """Run the behaviour tests once: ``passed``, ``failed`` or ``timeout``."""
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-m", "not slow", "-p", "no:cacheprovider"]
    env = {**os.environ, "TIGHTROPE_HYPOTHESIS_PROFILE": "mutation"}
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [*cmd, *TESTS], cwd=ROOT, env=env, capture_output=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return "passed" if done.returncode == 0 else "failed"


def main(argv: list[str] | None = None) -> int:
    """Sample mutants, run the tests against each, print the score and the survivors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="mutants to run (0 = all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--budget-minutes", type=float, default=28.0, help="stop after this")
    parser.add_argument("--timeout", type=float, default=300.0, help="per-mutant seconds")
    parser.add_argument("--modules", nargs="*", default=list(MODULES))
    args = parser.parse_args(argv)
    # A SIGTERM unwinds like Ctrl-C, so the file under mutation is restored.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    mutants = all_mutants(tuple(args.modules))
    sample = list(mutants)
    if args.sample and args.sample < len(sample):
        sample = random.Random(args.seed).sample(sample, args.sample)  # noqa: S311
    print(f"{len(mutants)} mutants in {len(args.modules)} modules; running {len(sample)}")
    start = time.monotonic()
    if run_tests(args.timeout) != "passed":
        print("the unmutated tests fail: fix them first")
        return 2
    killed, survived, timeouts = [], [], []
    for i, mutant in enumerate(sample, 1):
        if time.monotonic() - start > 60.0 * args.budget_minutes:
            print(f"time budget spent after {i - 1} mutants")
            break
        file = ROOT / mutant.path
        source = file.read_text()
        try:
            file.write_text(mutant.apply(source))
            outcome = run_tests(args.timeout)
        finally:
            file.write_text(source)
        {"failed": killed, "timeout": timeouts, "passed": survived}[outcome].append(mutant)
        print(f"[{i}/{len(sample)}] {outcome:8s} {mutant.describe(source)}", flush=True)
    tried = len(killed) + len(timeouts) + len(survived)
    if not tried:
        return 2
    score = (len(killed) + len(timeouts)) / tried
    minutes = (time.monotonic() - start) / 60.0
    print(
        f"\nmutation score: {score:.0%} killed ({len(killed)} failed, {len(timeouts)} timed out,"
    )
    print(f"{len(survived)} survived of {tried} sampled; seed {args.seed}; {minutes:.1f} min)")
    for mutant in survived:
        print("  survived:", mutant.describe((ROOT / mutant.path).read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
