"""The view room: everything a person reads, on top of every other package.

HTML (notebook displays, the report page, the diff page), text, Markdown,
GitHub annotations, and the tables handed to pandas all live here, so that
file formats (`workplan.io`) stay formats and nothing below renders.

The objects keep their methods (`Plan._repr_html_`, `Report.to_frame`,
`PlanDiff.render`, …); each imports the view it needs inside its body. That is
the only upward import the layer test (`tests/test_layers.py`) allows.

Modules:
    _tables    one rule for cells: `Decimal`, dates and owner lists, for frames and JSON rows
    _frames    a plan's nodes as DataFrames (`Plan.to_frame`)
    _html      notebook displays and the self-contained report page
    _findings  a check report as text with carets, and as GitHub annotations
    _diff      a diff as text, Markdown, HTML and JSON
    _labels    the label catalogue: every word a person reads, Chinese first (``lang="en"`` on request)
    _docx_table  Word tables for people: marked runs and the 新旧对照表 (revision table) builder
    _series    continuity tables and timelines as text, Markdown, JSON and CSV
"""
