"""Teaching lessons: each a seeded experiment comparing realism and liberalism (issue 6).

`LESSONS` is the registry, numbered as in `docs/teaching/`: one module per lesson, each
defining a `LESSON` (`sim.lessons.base.Lesson`). `run_lesson` runs a lesson's experiment and
`write_exhibit` writes its offline HTML page; `brink lesson N` does both.
"""

from __future__ import annotations

from sim.lessons import concessions, guarantees, publics, security_dilemma
from sim.lessons.base import Condition, Lesson, Metric
from sim.lessons.experiment import DEFAULT_SEEDS, LessonResult, run_lesson

LESSONS: dict[int, Lesson] = {m.LESSON.number: m.LESSON for m in (security_dilemma, concessions, guarantees, publics)}


def get_lesson(number: int) -> Lesson:
    """The lesson numbered `number`; ValueError naming the valid numbers otherwise."""
    try:
        return LESSONS[number]
    except KeyError:
        choices = ", ".join(str(n) for n in LESSONS)
        raise ValueError(f"no lesson {number}; choose one of {choices} (see `brink lesson --list`)") from None


__all__ = ["DEFAULT_SEEDS", "LESSONS", "Condition", "Lesson", "LessonResult", "Metric", "get_lesson", "run_lesson"]
