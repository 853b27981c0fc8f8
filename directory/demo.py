"""Demo directory data for `manage.py seed_demo`."""

from .models import ServiceArea, Team

_AREAS = {
    "Customer services": ["Customer contact centre"],
    "Waste and recycling": ["Waste collections"],
    "ICT": ["ICT service desk"],
}


def directory_seed() -> None:
    for area_name, teams in _AREAS.items():
        area, _ = ServiceArea.objects.update_or_create(
            slug=area_name.lower().replace(" ", "-"), defaults={"name": area_name, "summary": area_name}
        )
        for team_name in teams:
            Team.objects.update_or_create(
                slug=team_name.lower().replace(" ", "-"), defaults={"name": team_name, "service_area": area}
            )
