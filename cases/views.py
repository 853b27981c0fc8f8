"""PLACEHOLDER: being written."""

from django.http import Http404


def queues(request, **kwargs):
    raise Http404


def my_cases(request, **kwargs):
    raise Http404


def case_create(request, **kwargs):
    raise Http404


def triage(request, **kwargs):
    raise Http404


def queue(request, **kwargs):
    raise Http404


def claim_next(request, **kwargs):
    raise Http404


def case_detail(request, **kwargs):
    raise Http404


def case_note(request, **kwargs):
    raise Http404


def case_update(request, **kwargs):
    raise Http404


def case_claim(request, **kwargs):
    raise Http404


def case_assign(request, **kwargs):
    raise Http404


def case_transfer(request, **kwargs):
    raise Http404


def case_status(request, **kwargs):
    raise Http404


def case_resolve(request, **kwargs):
    raise Http404


def case_close(request, **kwargs):
    raise Http404


def case_reopen(request, **kwargs):
    raise Http404


def case_edit(request, **kwargs):
    raise Http404


def case_extend(request, **kwargs):
    raise Http404


def case_escalate(request, **kwargs):
    raise Http404


def case_link(request, **kwargs):
    raise Http404


def case_merge(request, **kwargs):
    raise Http404
