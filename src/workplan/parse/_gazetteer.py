"""The organisation gazetteer: canonical names with their aliases and jurisdictions, user-extendable.

Jurisdiction rule: every entry is ``national``, belongs to a named province, city or
county, or is ``relative`` (市教育局, 区财政局, 省教育厅: a body of whatever place issued the
plan). A relative name, known or not, resolves only within the issuer's own `Place`
(市教育局 in a 苏州市教育局 plan is 苏州市教育局); when the issuer's place at that level is
unknown it stays as written and is marked relative. It never resolves to another city.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import attrs
from attrs import validators as v

from .._util import package_files

__all__ = ["Gazetteer", "Organisation", "Place", "place_of"]


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
    jurisdiction: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    """``national``, a province, city or county name, or ``relative``; None when unknown."""

    @property
    def relative(self) -> bool:
        """Whether the name is relative to the issuer's place (市教育局)."""
        return self.jurisdiction == "relative"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then the aliases."""
        return (self.name, *self.aliases)


def _to_organisation(entry: Organisation | Mapping[str, Any] | str) -> Organisation:
    if isinstance(entry, Organisation):
        return entry
    if isinstance(entry, str):
        return Organisation(name=entry)
    return Organisation(
        name=entry["name"],
        aliases=tuple(entry.get("aliases", ())),
        kind=entry.get("kind"),
        jurisdiction=entry.get("jurisdiction"),
    )


_PLACE = re.compile(
    r"^(?:中共)?(?P<province>[\u4e00-\u9fff]{2,7}?(?:省|自治区))?"
    r"(?P<city>[\u4e00-\u9fff]{2,4}?市(?!场|直|属|级))?"
    r"(?P<county>[\u4e00-\u9fff]{2,4}?(?:区|县))?"
)
_RELATIVE_PREFIX = re.compile(r"^(?P<level>省|市(?!场)|区|县)")
_LEVEL = {"省": "province", "市": "city", "区": "county", "县": "county"}


@attrs.frozen(kw_only=True)
class Place:
    """Where an issuer sits: its province, city and county, each where its name says."""

    province: str | None = None
    """吉林省, or None."""
    city: str | None = None
    """苏州市, or None."""
    county: str | None = None
    """立山区, or None."""
    national: bool = False
    """Whether the issuer is a national body (教育部)."""

    def at(self, level: str) -> str | None:
        """The place name at ``province``, ``city`` or ``county``."""
        return {"province": self.province, "city": self.city, "county": self.county}[level]

    @property
    def name(self) -> str | None:
        """The most specific place known, or ``national``."""
        return self.county or self.city or self.province or ("national" if self.national else None)


def place_of(issuer: str | None) -> Place:
    """The `Place` an issuer's name states: 苏州市教育局 → 苏州市; 鞍山市立山区人民政府 → 鞍山市, 立山区."""
    if not issuer:
        return Place()
    if issuer.startswith(("教育部", "国务院", "中共中央", "国家")):
        return Place(national=True)
    match = _PLACE.match(issuer)
    if match is None or not any(match.groupdict().values()):
        return Place()
    return Place(province=match.group("province"), city=match.group("city"), county=match.group("county"))


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

    def resolve(self, name: str, place: Place | None = None) -> Organisation | None:
        """The organisation called ``name`` (canonical or alias), or None.

        With ``place`` (the issuer's), a relative name (市教育局, known or not) resolves to
        that place's body (苏州市教育局); where the place is unknown at that level it comes
        back as written with jurisdiction ``relative``. A relative name never resolves to
        another place's body.
        """
        name = name.strip()
        known = self._index.get(name)
        if known is not None and not known.relative:
            return known
        if known is None and place is None:
            return None
        prefix = _RELATIVE_PREFIX.match(known.name if known is not None else name)
        if known is None and prefix is None:
            return None
        seen = known.names if known is not None else (name,)
        base = seen[0]
        where = place.at(_LEVEL[prefix.group("level")]) if place is not None and prefix else None
        if where is None and prefix is None and place is not None:
            where = place.name  # 驻局纪检监察组: the issuer's own place
            full = base
        elif where is None:
            return Organisation(
                name=base,
                aliases=tuple(n for n in seen if n != base),
                kind=known.kind if known else None,
                jurisdiction="relative",
            )
        else:
            full = where + base[1:]
        absolute = self._index.get(full)
        if absolute is not None and not absolute.relative:
            extra = tuple(n for n in seen if n not in absolute.names)
            return attrs.evolve(absolute, aliases=(*absolute.aliases, *extra))
        return Organisation(
            name=full,
            aliases=tuple(n for n in seen if n != full),
            kind=known.kind if known else None,
            jurisdiction=where,
        )

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
    data = package_files("workplan.parse").joinpath("gazetteer.json").read_text("utf-8")
    return Gazetteer.from_json(data)
