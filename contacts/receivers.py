"""Receivers of what cases tells this app (cases.signals), connected in apps.py."""

from django.dispatch import receiver

from cases.signals import case_resolved, customer_merged

from .models import Contact, ReceptionVisit, SurveyInvitation
from .services import survey_invite


@receiver(customer_merged, dispatch_uid="contacts.customer_merged")
def customer_merged_move(*, source, target, **_kwargs) -> dict[str, int]:
    """A merged customer's contacts, reception visits and surveys move to the record kept, in the
    merge's transaction."""
    return {
        "contacts moved": Contact.objects.filter(customer=source).update(customer=target),
        "visits moved": ReceptionVisit.objects.filter(customer=source).update(customer=target),
        "surveys moved": SurveyInvitation.objects.filter(customer=source).update(customer=target),
    }


@receiver(case_resolved, dispatch_uid="contacts.case_resolved")
def case_resolved_survey(*, case, **_kwargs) -> None:
    """A resolved case's customer is invited to the survey (once per case: reopened and resolved
    again, it is not asked twice)."""
    if not SurveyInvitation.objects.filter(case=case).exists():
        survey_invite(case=case)
