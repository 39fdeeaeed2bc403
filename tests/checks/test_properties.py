"""Property tests: checking never crashes, findings point at real nodes, SMART covers every task."""

from __future__ import annotations

from hypothesis import given

import workplan as wp
from workplan.checks import all_rules, smart
from workplan.testing import plans


@given(plans())
def test_check_never_crashes_and_findings_name_real_nodes(plan: wp.Plan) -> None:
    report = wp.check(plan, select=["WP"])
    known = {rule.code for rule in all_rules()}
    for finding in report:
        assert finding.code in known
        assert finding.path == "" or finding.path in plan
    # generated plans refer only to registered owners and documents, and to existing nodes
    assert not {finding.code for finding in report} & {"WP202", "WP502", "WP603"}
    assert len(smart(plan)) == plan.counts()["task"]
