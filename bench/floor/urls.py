from django.urls import path

from . import views

app_name = "bench_floor"

urlpatterns = [
    path("floor/write/", views.write_floor, name="write"),
    path("floor/read/<int:pk>/", views.read_floor, name="read"),
]
