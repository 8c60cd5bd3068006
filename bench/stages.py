"""Where a render's CPU goes: WeasyPrint's stages and each of our own passes, for the same jobs `build` renders.

    PYTHONPATH=. .venv/bin/python bench/stages.py [--handout day-of-infusion] [--variant office] [--runs 3]

Each stage is timed with process CPU time, exclusive of the stages it calls (so the rows add up to the
whole render). WeasyPrint computes most style values lazily, when layout first asks for them: "style
(cascade)" is selector matching and the cascade; the computed values' own cost is inside "boxes" and
"layout". Prints a Markdown table; bench/run.py includes it.
"""
from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

# (row, module path, attribute, ours?) in the order of a render. Wrapped where the caller looks them up.
STAGES = [
    ("our HTML and CSS (Jinja)", "handouts.typeset.engine", "render_parts", True),
    ("parse HTML (html5lib)", "weasyprint", "HTML.__init__", False),
    ("parse CSS", "weasyprint", "CSS.__init__", False),
    ("style (cascade)", "weasyprint.document", "get_all_computed_styles", False),
    ("boxes (with lazy computed values)", "weasyprint.document", "build_formatting_structure", False),
    ("layout and line breaking", "weasyprint.document", "layout_document", False),
    ("our overflow check", "handouts.typeset.overflow", "find", True),
    ("draw", "weasyprint.document", "draw_page", False),
    ("PDF tags (WeasyPrint)", "weasyprint.pdf", "add_tags", False),
    ("font subsets", "weasyprint.pdf", "build_fonts_dictionary", False),
    ("write PDF (the rest of write_pdf)", "weasyprint.document", "Document.write_pdf", False),
    ("our text layer (glyph codes)", "handouts.typeset.text.codes", "remap", True),
    ("our structure-tree fix", "handouts.typeset.structure", "fix", True),
    ("our press finishing (print variants)", "handouts.typeset.write", "finish_press", True),
    ("our stream check", "handouts.typeset.guard", "check_streams", True),
]


class Stopwatch:
    """Exclusive CPU time per stage: a stage's time excludes the stages it calls."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._stack: list[list[float]] = []  # [start, time in called stages]

    def wrap(self, name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            self._stack.append([time.process_time(), 0.0])
            try:
                result = function(*args, **kwargs)
                if name.startswith("layout"):
                    result = list(result)  # a generator: its pages are laid out as they are taken
                return result
            finally:
                start, inner = self._stack.pop()
                elapsed = time.process_time() - start
                self.spent[name] = self.spent.get(name, 0.0) + elapsed - inner
                if self._stack:
                    self._stack[-1][1] += elapsed
        return timed


@contextlib.contextmanager
def timing(watch: Stopwatch):
    import importlib

    undo = []
    for name, module_name, attribute, _ours in STAGES:
        owner = importlib.import_module(module_name)
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, last)
        setattr(owner, last, watch.wrap(name, original))
        undo.append((owner, last, original))
    try:
        yield
    finally:
        for owner, last, original in reversed(undo):
            setattr(owner, last, original)


def measure(handouts: list[str] | None, variants: list[str], runs: int) -> dict:
    """{"rows": [(stage, ms per PDF, share, ours)], "total": ms per PDF, "docs": n} for the sample clinics'
    jobs (en and es), after one warm-up render of each (fonts, parsed themes, templates)."""
    from handouts import api
    from handouts.plan.jobs import plan
    from handouts.typeset import render_counted


    inputs = api.load_inputs()
    jobs = plan(inputs.content, inputs.clinics, handouts, None, variants)
    for job in jobs:
        render_counted(job)
    watch = Stopwatch()
    with timing(watch):
        for _ in range(runs):
            for job in jobs:
                render_counted(job)  # its render_parts, looked up in handouts.typeset, is timed
    count = len(jobs) * runs
    total = sum(watch.spent.values())
    rows = [(name, watch.spent.get(name, 0.0) * 1000 / count, watch.spent.get(name, 0.0) / total, ours)
            for name, _m, _a, ours in STAGES]
    return {"rows": rows, "total": total * 1000 / count, "docs": len(jobs)}


def table(result: dict) -> list[str]:
    ours = sum(share for _n, _ms, share, mine in result["rows"] if mine)
    lines = ["| stage (CPU per PDF, exclusive) | ms | share |", "|---|---|---|"]
    lines += [f"| {name} | {ms:.1f} | {share * 100:.1f} % |" for name, ms, share, _ in result["rows"]]
    lines += [f"| **whole render** | {result['total']:.1f} | 100 % |",
              f"| of which ours (rows starting \"our\") | {ours * result['total']:.1f} | {ours * 100:.1f} % |"]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--handout", action="append", help="default: every handout")
    parser.add_argument("--variant", action="append", help="default: office")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    result = measure(args.handout, args.variant or ["office"], args.runs)
    print(f"{result['docs']} PDFs x {args.runs} runs")
    print("\n".join(table(result)))


if __name__ == "__main__":
    main()
