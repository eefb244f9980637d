"""Audit task sources: identical tasks, shared test pairs, and how much one set contains of another."""

from ._audit import (
    SCHEMA,
    AuditReport,
    Count,
    IdenticalTasks,
    Overlap,
    PairRef,
    SharedTestPair,
    SourceSummary,
    TaskRef,
    audit,
    audit_sources,
    task_key,
)

__all__ = [
    "SCHEMA",
    "AuditReport",
    "Count",
    "IdenticalTasks",
    "Overlap",
    "PairRef",
    "SharedTestPair",
    "SourceSummary",
    "TaskRef",
    "audit",
    "audit_sources",
    "task_key",
]
