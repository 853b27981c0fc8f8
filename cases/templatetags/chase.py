"""The chaser's steps in words, for the digest email and the "my work" page."""

from django import template
from django.utils import timezone

from core.dates import govuk_datetime

from ..models import ChaseKind, ChaseStep

register = template.Library()

_WHAT = {
    ChaseKind.WARN_ACKNOWLEDGE: "acknowledgement",
    ChaseKind.ESCALATE_ACKNOWLEDGE: "acknowledgement",
    ChaseKind.WARN_RESPOND: "reply",
    ChaseKind.ESCALATE_RESPOND: "reply",
}
_RUNGS = {"owner": "the owner", "team": "the team", "team_manager": "the team manager",
          "service_manager": "the service manager"}  # fmt: skip


@register.filter
def chase_sentence(step: ChaseStep) -> str:
    """A step in words: 'The reply is due by 3pm on Tuesday 8 December', 'The reply was due
    by ...: step 2, the team manager told', or the kind's name for the other steps."""
    when = govuk_datetime(timezone.localtime(step.due_at))
    what = _WHAT.get(ChaseKind(step.kind))
    if step.kind in (ChaseKind.WARN_ACKNOWLEDGE, ChaseKind.WARN_RESPOND):
        return f"The {what} is due by {when}"
    if what is not None:
        return f"The {what} was due by {when}: step {step.level + 1}, {_RUNGS.get(step.rung, step.rung)} told"
    return step.get_kind_display()


@register.filter
def chase_kind(kind: str) -> str:
    """A step's kind in words ("Reply missed")."""
    return str(ChaseKind(kind).label) if kind in ChaseKind.values else kind
