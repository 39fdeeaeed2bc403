# %% [markdown]
# # Explore the 2020 plan
#
# The Changchun Municipal Education Bureau's 2020 work priorities (长春市教育局2020年工作要点)
# ship with workplan as a dataset. This walk-through looks at its outline, its quantified
# targets and its owners, draws a map of it, and writes the bureau's task-breakdown table
# (任务分解表) as an Excel workbook.
#
# Run it as a script (`python examples/explore_2020.py`) or open `explore_2020.ipynb`.
# It needs `pip install 'workplan[excel,pandas,viz]'`.

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import workplan as wp
from workplan import viz
from workplan.cli import main

plan = wp.datasets.load("changchun-edu-2020")
print(plan.title, plan.issued)
print(plan.counts())

# %% [markdown]
# In a notebook a plan shows itself as an outline with counts; each goal folds out to its tasks.

# %%
plan  # noqa: B018

# %% [markdown]
# ## Goals, tasks and targets as tables
#
# `plan.to_frame(kind)` gives one pandas DataFrame per kind of node, indexed by path id.

# %%
goals = plan.to_frame("goals")
goals[["title", "tasks", "measures", "targets"]]

# %%
targets = plan.to_frame("targets")
targets[["metric", "value", "unit", "kind", "qualifier"]].sort_values("value", ascending=False).head(10)

# %%
targets.groupby("unit")["value"].agg(["count", "sum"]).sort_values("count", ascending=False)

# %% [markdown]
# One task in detail: its measures and their targets.

# %%
plan.get("g8/t35")

# %% [markdown]
# ## Who leads what
#
# Owners are a registry; tasks and measures refer to them with a role.

# %%
owners = plan.to_frame("owners")
owners.sort_values(["lead", "support", "partner"], ascending=False).head(8)

# %%
viz.owner_workload(plan)

# %% [markdown]
# ## The plan map: goals → tasks → lead owners

# %%
viz.plan_map(plan)

# %% [markdown]
# ## The task-breakdown table
#
# `wp.dump(plan, "plan.xlsx")` writes the table bureaus use (序号, 重点任务, 具体措施, 量化目标,
# 牵头单位, 责任单位, 完成时限). People can edit it in Excel or WPS and `wp.load` reads their
# edits back.

# %%
folder = Path(tempfile.mkdtemp())
wp.dump(plan, folder / "changchun-2020.xlsx")
again = wp.load(folder / "changchun-2020.xlsx")
print(again.counts() == plan.counts(), again.get("g8/t35").title)

# %% [markdown]
# The graph view goes to Gephi, yEd or Cytoscape as GraphML or GEXF, or as CSV node and edge lists:
# on the command line, `workplan export changchun-edu-2020 -o plan.graphml`.

# %%
main(["export", "changchun-edu-2020", "-o", str(folder / "changchun-2020.graphml")])
print(plan.graph.number_of_nodes(), "nodes,", plan.graph.number_of_edges(), "edges")
