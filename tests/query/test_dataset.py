"""Queries and checks on the shipped plan parsed from the seed, and the query command."""

from __future__ import annotations

import json

import pytest

import workplan as wp
from workplan.cli import main
from workplan.query import workload

NAME = "changchun-edu-2020"
pytestmark = pytest.mark.skipif(NAME not in wp.datasets.names(), reason="the full dataset is not shipped yet")


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load(NAME)


def test_owner_query_through_an_alias(plan: wp.Plan) -> None:
    assert (
        plan.query().measures().owned_by("公安局").paths()
        == plan.query().measures().owned_by("市公安局").paths()
    )
    assert plan.query().measures().owned_by("长职院")


def test_ice_and_snow_measures(plan: wp.Plan) -> None:
    found = plan.query().measures().text("冰雪")
    assert found and all("冰雪" in measure.text for measure in found.nodes())
    assert {path.split("/")[0] for path in found.paths()} <= {f"g{goal.number}" for goal in plan.goals}


def test_percentage_targets_are_at_most_100(plan: wp.Plan) -> None:
    for target in plan.query().targets(unit="%", kind="level").nodes():
        assert target.value <= 100


def test_checks_find_no_errors_and_the_summary_covers_every_task(plan: wp.Plan) -> None:
    report = wp.check(plan)
    assert not report.errors, report.format_text()
    from workplan.checks import smart

    assert len(smart(plan)) == plan.counts()["task"]


def test_workload_rows_name_registered_owners(plan: wp.Plan) -> None:
    ids = {owner.id for owner in plan.owners}
    assert {row["owner"] for row in workload(plan)} <= ids


def test_query_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", NAME, "--kind", "measure", "--text", "冰雪", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and all(record["kind"] == "measure" and "冰雪" in record["text"] for record in records)
    assert main(["query", NAME, "--kind", "target", "--unit", "%", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("path,kind,text") and len(lines) >= 2
    assert main(["query", NAME, "--owner", "公安局", "--due-before", "2020-12-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "编号\t类型\t内容\t单位\t时限" and {line.split("\t")[1] for line in lines[1:-1]} <= {
        "目标",
        "任务",
        "措施",
    }
    assert lines[-1] == f"（共 {len(lines) - 2} 项）"
    assert main(["query", NAME, "--owner", "公安局", "--due-before", "2020-12-31", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "path\tkind\ttext\towners\tdue" and {line.split("\t")[1] for line in lines[1:-1]} <= {
        "goal",
        "task",
        "measure",
    }
    assert lines[-1] in ("(1 match)", f"({len(lines) - 2} matches)")
    assert main(["query", NAME, "--owner", "不存在的单位"]) == 2
    assert main(["query", NAME, "--due-before", "soon"]) == 2
