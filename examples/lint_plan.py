# %% [markdown]
# # Lint a plan
#
# `wp.check(plan)` looks for facts that span the plan: numbering, owners, targets without
# units, deadlines outside the plan's year, references that resolve. Findings are data: a
# stable code, a severity, a path and a message. This walk-through checks a short draft
# with a few mistakes in it, then the shipped 2020 plan, and writes an HTML report.
#
# Run it as a script (`python examples/lint_plan.py`) or open `lint_plan.ipynb`.
# It needs `pip install 'workplan[pandas,viz]'`.

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import workplan as wp
from workplan.cli import main

DRAFT = """长春市教育局2021年工作要点(草稿)

一、推进教育现代化
1.建设智慧校园。由市教育局牵头,新增智慧校园示范校30所,2025年底前完成全市中小学智慧校园建设。
2.加强教师培训。培训骨干教师1000人,制定《长春市教师培训管理办法》。
3.加强教师培训。新增冰雪特色校20。
二、保障民生
5.推进学生资助。资助覆盖率达到100%,上半年完成。
"""

draft = wp.parse_text(DRAFT)
print(draft.counts())

# %% [markdown]
# The report shows itself grouped by severity: errors first, then warnings, then (folded) info.

# %%
report = wp.check(draft)
report  # noqa: B018

# %%
print(report.summary())
for finding in report.errors + report.warnings:
    print(finding)

# %% [markdown]
# Findings are selected and ignored by code prefix, as with flake8.

# %%
print(wp.check(draft, select=["WP3"]).summary())
print(wp.check(draft, ignore=["WP2"]).summary())

# %% [markdown]
# ## The shipped 2020 plan
#
# A frame of findings is easy to count by rule.

# %%
plan = wp.datasets.load("changchun-edu-2020")
findings = wp.check(plan).to_frame()
findings.groupby(["severity", "code", "name"]).size().rename("findings").reset_index()

# %% [markdown]
# ## An HTML report to share
#
# `workplan report changchun-edu-2020 -o report.html` writes one self-contained page with the
# overview, goals and tasks, targets, owners, findings and the plan map.

# %%
page = Path(tempfile.mkdtemp()) / "report.html"
main(["report", "changchun-edu-2020", "-o", str(page)])
print(page.stat().st_size // 1024, "KiB")
