"""Official ARC scoring and the Kaggle submission format."""

from ._score import MAX_ATTEMPTS, Score, TaskScore, score, score_task
from ._submission import (
    ATTEMPT_KEYS,
    PLACEHOLDER,
    Attempts,
    Submission,
    check_submission,
    read_submission,
    submission_from_json,
    submission_to_json,
    submitted_attempts,
    write_submission,
)

__all__ = [
    "ATTEMPT_KEYS",
    "PLACEHOLDER",
    "Attempts",
    "MAX_ATTEMPTS",
    "Score",
    "Submission",
    "TaskScore",
    "check_submission",
    "read_submission",
    "score",
    "score_task",
    "submission_from_json",
    "submission_to_json",
    "submitted_attempts",
    "write_submission",
]
