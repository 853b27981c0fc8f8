"""PLACEHOLDER: being written."""

from django.http import Http404


def rule_list(request, **kwargs):
    raise Http404


def rule_create(request, **kwargs):
    raise Http404


def rule_test(request, **kwargs):
    raise Http404


def rule_update(request, **kwargs):
    raise Http404


def rule_delete(request, **kwargs):
    raise Http404


def rule_history(request, **kwargs):
    raise Http404
