# %% [markdown]
# # Compare two years
#
# `wp.diff(old, new)` matches goals, tasks, measures and targets across two plans (by key,
# then exact text, then similarity, since task numbers shift) and lists typed changes. The
# 2021 text used here is **hypothetical**: it was made by editing the 2020 plan for this
# example and is not a document of the Changchun Municipal Education Bureau.
#
# Run it as a script (`python examples/compare_years.py`) or open `compare_years.ipynb`.
# It needs `pip install 'workplan[pandas,viz]'`.

# %%
# %matplotlib inline
from pathlib import Path

import workplan as wp
from workplan import viz

try:
    EXAMPLES = Path(__file__).resolve().parent
except NameError:  # in a notebook, which runs in the examples folder
    EXAMPLES = Path.cwd()

plan_2020 = wp.datasets.load("changchun-edu-2020")
plan_2021 = wp.parse_text(
    (EXAMPLES / "changchun-edu-2021-HYPOTHETICAL-draft.txt").read_text(encoding="utf-8")
)
print(plan_2020.counts())
print(plan_2021.counts())

# %% [markdown]
# A diff shows itself as counts by kind of change, then the changes, target changes first.

# %%
delta = wp.diff(plan_2020, plan_2021)
print(delta.counts())
delta  # noqa: B018

# %%
changes = delta.to_frame()
changes.groupby(["level", "kind"]).size().rename("changes").reset_index()

# %% [markdown]
# ## How the targets moved

# %%
changes[changes["kind"] == "target_changed"][["old_path", "subject", "old", "new", "direction", "delta"]]

# %%
viz.target_changes(delta)

# %% [markdown]
# ## Over several years
#
# `wp.timeline` follows tasks, targets and documents through a sequence of plans.

# %%
years = wp.timeline([plan_2020, plan_2021])
years.to_frame("target", wide=True).head(10)
