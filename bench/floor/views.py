"""The two floors. Each does the least a view can: one INSERT, or one primary-key SELECT."""

from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import FloorRow


@csrf_exempt  # Benchmark-only endpoint, never routed unless BENCH_ENDPOINTS is on.
@require_POST
def write_floor(request):
    row = FloorRow.objects.create(note="bench")
    return HttpResponse(str(row.pk), status=201, content_type="text/plain")


@require_GET
def read_floor(request, pk: int):
    row = FloorRow.objects.filter(pk=pk).values_list("pk", "note").first()
    if row is None:
        raise Http404
    return HttpResponse(f"{row[0]} {row[1]}", content_type="text/plain")
