"""The directory's CSV format: one file, one row per entry, a `record_type` column saying which.

Officers and absences are not in the file: they belong to staff accounts and change daily.
"""

import csv

from .models import Partner, ServiceArea, Team, Topic

COLUMNS = [
    "record_type", "slug", "name", "service_area", "team", "partner", "summary", "handles", "phone",
    "internal_phone", "email", "opening_hours", "web_url", "out_of_hours", "how_to_refer", "synonyms", "keywords",
    "adviser_script", "online_url", "is_public",
]  # fmt: skip
REQUIRED_COLUMNS = ["record_type", "slug", "name"]
# Imported in this order, so a row may refer to an entry created earlier in the same file.
RECORD_TYPES = ["service_area", "partner", "team", "topic"]
LIST_SEPARATOR = ";"

# record type -> {column: model field}
FIELD_MAP = {
    "service_area": {"slug": "slug", "name": "name", "summary": "summary", "handles": "handles",
                     "phone": "public_phone", "email": "public_email", "opening_hours": "opening_hours",
                     "web_url": "web_url", "is_public": "is_public"},
    "team": {"slug": "slug", "name": "name", "service_area": "service_area", "phone": "public_phone",
             "internal_phone": "internal_phone", "email": "email", "out_of_hours": "out_of_hours"},
    "partner": {"slug": "slug", "name": "name", "handles": "handles", "phone": "phone", "email": "email",
                "web_url": "web_url", "opening_hours": "opening_hours", "how_to_refer": "how_to_refer"},
    "topic": {"slug": "slug", "name": "name", "service_area": "service_area", "team": "team", "partner": "partner",
              "synonyms": "synonyms", "keywords": "keywords", "adviser_script": "adviser_script",
              "online_url": "online_url", "is_public": "is_public"},
}  # fmt: skip
MODELS = {"service_area": ServiceArea, "team": Team, "partner": Partner, "topic": Topic}

COLUMN_DOCS = [
    ("record_type", "Required. One of service_area, team, partner or topic."),
    ("slug", "Required. The entry's web address name (lower-case letters, numbers, hyphens). Rows are matched on "
             "it: an existing slug updates that entry, a new one adds an entry."),
    ("name", "Required. The entry's name."),
    ("service_area", "Teams and topics: the slug of their service area."),
    ("team", "Topics: the slug of the team that deals with it (or leave empty and give a partner)."),
    ("partner", "Topics: the slug of the partner organisation to send people to."),
    ("summary", "Service areas: one sentence for the A to Z."),
    ("handles", "Service areas and partners: what they deal with."),
    ("phone", "Service areas and teams: public number. Partners: their number (101 and 111 are fine)."),
    ("internal_phone", "Teams: the staff-only number."),
    ("email", "Service areas, teams and partners."),
    ("opening_hours", "Service areas and partners."),
    ("web_url", "Service areas and partners: a full web address starting https://."),
    ("out_of_hours", "Teams: what callers do outside office hours."),
    ("how_to_refer", "Partners: how advisers refer someone."),
    ("synonyms", "Topics: other names, separated by semicolons (;)."),
    ("keywords", "Topics: keywords, separated by semicolons (;)."),
    ("adviser_script", "Topics: what advisers say or do."),
    ("online_url", "Topics: where residents can do it online."),
    ("is_public", "Service areas and topics: yes or no (empty means yes)."),
]  # fmt: skip


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return f"{LIST_SEPARATOR} ".join(value)
    if value is None:
        return ""
    return str(value)


def directory_export(stream) -> None:
    """Write the whole directory to `stream` as CSV (5 queries)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    querysets = {
        "service_area": ServiceArea.objects.all(),
        "partner": Partner.objects.all(),
        "team": Team.objects.select_related("service_area"),
        "topic": Topic.objects.select_related("service_area", "team", "partner"),
    }
    for record_type in RECORD_TYPES:
        for entry in querysets[record_type]:
            row = {"record_type": record_type}
            for column, field in FIELD_MAP[record_type].items():
                value = getattr(entry, field)
                row[column] = value.slug if hasattr(value, "slug") else _cell(value)
            writer.writerow(row)
