"""Closed vocabularies of the model. Values are stable wire strings."""

from __future__ import annotations

import enum

__all__ = ["DocumentRelation", "OwnerRole", "Qualifier", "Recurrence", "TargetKind"]


class TargetKind(enum.Enum):
    """What a target's number means."""

    INCREASE = "increase"
    """A count to add: 新增、增设、建设 ``80`` 所."""
    LEVEL = "level"
    """A level to reach or keep: 达到、保持、覆盖率 ``95%``."""
    DECREASE = "decrease"
    """A fall: 近视率下降 ``0.5%``."""
    RATE = "rate"
    """A growth rate: 增长 ``6.2%``."""
    RATIO = "ratio"
    """A multiple of something else: 按普通学校 ``两倍``."""


class Qualifier(enum.Enum):
    """How firmly a target's number is promised."""

    EXACT = "exact"
    """The number as stated."""
    APPROX = "approx"
    """About the number: 左右、约."""
    AT_LEAST = "at_least"
    """The number or more: 以上、不少于、不低于."""
    AT_MOST = "at_most"
    """The number or fewer: 以内、不超过、不高于."""
    STRIVE = "strive"
    """Aimed for, not promised: 力争、争取."""


class OwnerRole(enum.Enum):
    """What an organisation does on a piece of work."""

    LEAD = "lead"
    """Leads it: 牵头单位."""
    SUPPORT = "support"
    """Is responsible with the lead: 责任单位、配合."""
    PARTNER = "partner"
    """Works with the issuer from outside: 与……合作."""
    OVERSIGHT = "oversight"
    """Supervises or inspects it: 督导、监督."""


class DocumentRelation(enum.Enum):
    """What the plan does with a referenced policy document."""

    DRAFTS = "drafts"
    """Writes or issues it this period: 制定、出台、编制."""
    IMPLEMENTS = "implements"
    """Carries out a document already in force: 落实、贯彻、执行、按照."""
    REVISES = "revises"
    """Amends an existing document: 修订、修改、完善."""
    CITES = "cites"
    """Mentions it without a stated action."""


class Recurrence(enum.Enum):
    """How often recurring work is due."""

    WEEKLY = "weekly"
    """每周."""
    MONTHLY = "monthly"
    """每月."""
    QUARTERLY = "quarterly"
    """每季度."""
    SEMESTER = "semester"
    """每学期."""
    YEARLY = "yearly"
    """每年."""
