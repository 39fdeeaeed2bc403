"""The organisation gazetteer: canonical names with their aliases, user-extendable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

import attrs
from attrs import validators as v

__all__ = ["Gazetteer", "Organisation"]


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Organisation:
    """One organisation the parser knows by name: 长春职业技术学院, alias 长职院."""

    name: str = attrs.field(validator=v.instance_of(str))
    """Canonical full name; it becomes `Owner.name`."""
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=v.deep_iterable(v.instance_of(str))
    )
    """Other names it goes by: abbreviations, older names, names relative to the issuer (市应急局)."""
    kind: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    """Free-text category: government, school, company, research, party."""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then the aliases."""
        return (self.name, *self.aliases)


def _to_organisation(entry: Organisation | Mapping[str, Any] | str) -> Organisation:
    if isinstance(entry, Organisation):
        return entry
    if isinstance(entry, str):
        return Organisation(name=entry)
    return Organisation(name=entry["name"], aliases=tuple(entry.get("aliases", ())), kind=entry.get("kind"))


@attrs.frozen(kw_only=True)
class Gazetteer:
    """Known organisations, looked up by canonical name or alias.

    ```python
    from workplan.parse import Gazetteer, Organisation

    gazetteer = Gazetteer.default().with_entries(
        Organisation(name="长春市财政局", aliases=("市财政局",)),
        {"name": "长春光华学院", "aliases": ["光华学院"]},
    )
    assert gazetteer.resolve("市财政局").name == "长春市财政局"
    ```

    A later entry wins over an earlier one that claims the same name, so user
    entries override the shipped ones.
    """

    entries: tuple[Organisation, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=v.deep_iterable(v.instance_of(Organisation))
    )
    """The organisations, in the order given."""
    _index: dict[str, Organisation] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_index"
    )
    _pattern: re.Pattern[str] | None = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_pattern"
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, Organisation] = {}
        for organisation in self.entries:
            for name in organisation.names:
                if name:
                    index[name] = organisation
        names = sorted(index, key=len, reverse=True)  # longest first: 长春市教育局 before 市教育局
        pattern = re.compile("|".join(map(re.escape, names))) if names else None
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with workplan (``workplan/parse/gazetteer.json``)."""
        return _default()

    @classmethod
    def from_json(cls, text: str | bytes) -> Gazetteer:
        """A gazetteer from JSON ``{"entries": [{"name": …, "aliases": […], "kind": …}]}``."""
        data = json.loads(text)
        return cls(entries=tuple(_to_organisation(entry) for entry in data.get("entries", ())))

    def with_entries(self, *entries: Organisation | Mapping[str, Any] | str) -> Gazetteer:
        """A new gazetteer with ``entries`` added; each is an `Organisation`, a mapping or a name."""
        return Gazetteer(entries=(*self.entries, *map(_to_organisation, entries)))

    def extend(self, entries: Iterable[Organisation | Mapping[str, Any] | str]) -> Gazetteer:
        """Like `with_entries`, from an iterable."""
        return self.with_entries(*entries)

    def resolve(self, name: str) -> Organisation | None:
        """The organisation called ``name`` (canonical or alias), or None."""
        return self._index.get(name.strip())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.strip() in self._index

    def __len__(self) -> int:
        return len(self.entries)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterable[re.Match[str]]:
        """Every known name in ``text[start:end]``, longest match first, left to right."""
        if self._pattern is None:
            return iter(())
        return self._pattern.finditer(text, start, len(text) if end is None else end)


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    data = files("workplan.parse").joinpath("gazetteer.json").read_text("utf-8")
    return Gazetteer.from_json(data)
