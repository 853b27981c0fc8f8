"""PLACEHOLDER: being written."""

from django.http import Http404


def customer_list(request, **kwargs):
    raise Http404


def customer_create(request, **kwargs):
    raise Http404


def customer_detail(request, **kwargs):
    raise Http404


def customer_update(request, **kwargs):
    raise Http404


def customer_merge(request, **kwargs):
    raise Http404


def customer_history(request, **kwargs):
    raise Http404


def enquiry_list(request, **kwargs):
    raise Http404


def enquiry_create(request, **kwargs):
    raise Http404


def enquiry_detail(request, **kwargs):
    raise Http404
