"""Laws that tie queries to the model and to `workplan.graph` on generated plans."""

from __future__ import annotations

from hypothesis import given

import workplan as wp
from workplan.graph import work_of
from workplan.testing import plans


@given(plans())
def test_queries_agree_with_the_model_and_the_graph_helpers(plan: wp.Plan) -> None:
    everything = plan.query()
    assert everything.paths() == [path for path, _ in plan.walk()]
    for kind in ("goal", "task", "measure", "target", "owner", "document"):
        assert everything.kind(kind).paths() == [path for path, _ in plan.nodes(kind)]  # type: ignore[call-overload]
    for owner in plan.owners:
        mine = everything.kind("task", "measure").owned_by(owner.id)
        direct = set(work_of(plan, owner.id))
        assert direct <= set(mine.paths())
        assert {path for path in mine.paths() if "/m" in path} == {path for path in direct if "/m" in path}
    if plan.year is not None:
        dated = everything.kind("measure").due_between(f"{plan.year}-01-01", f"{plan.year}-12-31")
        assert set(dated.paths()) <= set(everything.measures().paths())
    filtered = everything.text("学").measures()
    assert filtered.paths() == everything.measures().text("学").paths()  # filters commute
