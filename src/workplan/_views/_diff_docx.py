"""A diff as a Word 新旧对照表 (原文 / 修改后 / 修改说明), the side-by-side revision table bureaus circulate.

One row per goal or task, in the new plan's order (`_diff.side_by_side`): aligned items share a
row, with the character-level edit marked (deleted text struck through in 原文, inserted text
underlined in 修改后); an item only one plan has stands on its side alone. 修改说明 says what
happened to the item and counts the changes inside it (measures, targets, owners, deadlines).
The labels are Chinese by default and English with ``lang="en"`` (the catalogue,
`workplan._views._labels`). Needs the ``office`` extra (python-docx).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._diff import side_by_side
from ._docx_table import Piece, new_document, revision_table
from ._labels import check_lang, enum_label, label

if TYPE_CHECKING:
    from ..compare import PlanDiff

__all__ = ["diff_docx", "revision_rows"]


def _pieces(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The two sides of an edit: unchanged text plain, deleted text in 原文, inserted text in 修改后."""
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            left.append((old[a1:a2], ""))
            right.append((new[b1:b2], ""))
            continue
        if a2 > a1:
            left.append((old[a1:a2], "deleted"))
        if b2 > b1:
            right.append((new[b1:b2], "inserted"))
    return left, right


def _inside(path: str | None, item: str) -> bool:
    return path is not None and (path == item or path.startswith(item + "/"))


def revision_rows(delta: PlanDiff, lang: str = "zh") -> list[tuple[Sequence[Piece], Sequence[Piece], str]]:
    """The 新旧对照表 rows of ``delta``: (原文 pieces, 修改后 pieces, 修改说明 in ``lang``)."""
    check_lang(lang)
    from ..compare import ChangeKind

    rows: list[tuple[Sequence[Piece], Sequence[Piece], str]] = []
    for level, old_path, old_title, new_path, new_title in side_by_side(delta):
        if old_path and new_path:
            left, right = _pieces(old_title, new_title)
            kinds = Counter(
                enum_label(change.kind, lang)
                for change in delta
                if (
                    change.old_path == old_path
                    or change.new_path == new_path
                    or (
                        level == "task"
                        and (_inside(change.old_path, old_path) or _inside(change.new_path, new_path))
                    )
                )
            )
            note = label("list_sep", lang).join(
                label("times", lang, kind=kind, n=count) if count > 1 else kind
                for kind, count in kinds.items()
            )
            rows.append((left, right, note or label("unchanged", lang)))
        elif old_path:
            rows.append(([(old_title, "deleted")], [], enum_label(ChangeKind.REMOVED, lang)))
        else:
            rows.append(([], [(new_title, "inserted")], enum_label(ChangeKind.ADDED, lang)))
    return rows


def diff_docx(delta: PlanDiff, path: str | Path, *, lang: str = "zh") -> Path:
    """Write ``delta`` as a Word 新旧对照表 to ``path`` (atomically); return the path written.

    ``lang="en"`` writes the title, the header and the notes in English; the plans' text is as written.
    """
    from ..io import atomic_path

    check_lang(lang)
    document = new_document()
    title = document.add_paragraph()
    untitled = label("untitled_plan", lang)
    title.add_run(
        label("revision_title", lang, old=delta.old.title or untitled, new=delta.new.title or untitled)
    ).bold = True
    header = tuple(label(key, lang) for key in ("side_old", "side_new", "revision_note"))
    revision_table(document, revision_rows(delta, lang), header=header)
    target = Path(path)
    with atomic_path(target) as temporary:
        document.save(str(temporary))
    return target
