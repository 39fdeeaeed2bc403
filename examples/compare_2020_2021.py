"""Compare the shipped 2020 plan with a HYPOTHETICAL 2021 draft made by editing its text.

Run: python examples/compare_2020_2021.py [--html diff.html] [--json diff.json]

The 2021 text (examples/changchun-edu-2021-HYPOTHETICAL-draft.txt) is invented for
this example: it is not a document of the Changchun Municipal Education Bureau.
See docs/diff.md for a walk-through of the output.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import workplan as wp
from workplan.compare import Status

DRAFT = Path(__file__).with_name("changchun-edu-2021-HYPOTHETICAL-draft.txt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", help="also write the side-by-side HTML page here")
    parser.add_argument("--json", help="also write the JSON diff here")
    args = parser.parse_args()

    plan_2020 = wp.datasets.load("changchun-edu-2020")
    plan_2021 = wp.parse_text(DRAFT.read_text(encoding="utf-8"))

    delta = wp.diff(plan_2020, plan_2021)
    print(delta.render("text"))

    print("What happened to the 2020 commitments:")
    table = wp.continuity(plan_2020, plan_2021)
    for kind, by_status in table.counts().items():
        print(f"  {kind:<9} " + ", ".join(f"{count} {status}" for status, count in sorted(by_status.items())))
    print()
    for row in table:
        if row.kind != "task" and row.status is not Status.CONTINUED:
            print(f"  {row.status.value:<10} {row.kind:<8} {row.subject}  {row.note}")

    print("\nTargets by year:")
    years = wp.timeline([plan_2020, plan_2021])
    metric = {entry.thread: entry.subject for entry in years.of_kind("target")}
    for thread, values in years.values("target").items():
        if len(set(values.values())) > 1:
            print(
                f"  {metric[thread]}: " + "  →  ".join(f"{year}: {value}" for year, value in values.items())
            )

    if args.html:
        Path(args.html).write_text(delta.render("html"), encoding="utf-8")
        print(f"\nwrote {args.html}")
    if args.json:
        Path(args.json).write_text(delta.render("json"), encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
