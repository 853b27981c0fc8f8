"""The directory's CSV format: one file, one row per entry, a `record_type` column saying which.

Officers are in it by their staff account's username: an import changes their directory profile
(team, job title, direct line, email, whether the number may be given out) but never creates or
renames an account. Absences are not in it: they change daily and are kept in the phone guide.
"""

import csv

from django.db.models import QuerySet

from .models import Officer, Partner, ServiceArea, Team, Topic

COLUMNS = [
    "record_type", "slug", "name", "service_area", "team", "partner", "summary", "handles", "phone",
    "internal_phone", "email", "opening_hours", "web_url", "out_of_hours", "how_to_refer", "synonyms", "keywords",
    "adviser_script", "online_url", "is_public", "job_title", "number_shareable",
]  # fmt: skip
REQUIRED_COLUMNS = ["record_type", "slug", "name"]
# Imported in this order, so a row may refer to an entry created earlier in the same file.
RECORD_TYPES = ["service_area", "partner", "team", "officer", "topic"]
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
    "officer": {"slug": "user", "team": "team", "job_title": "job_title", "phone": "direct_line", "email": "email",
                "number_shareable": "number_shareable"},
    "topic": {"slug": "slug", "name": "name", "service_area": "service_area", "team": "team", "partner": "partner",
              "synonyms": "synonyms", "keywords": "keywords", "adviser_script": "adviser_script",
              "online_url": "online_url", "is_public": "is_public"},
}  # fmt: skip
MODELS = {"service_area": ServiceArea, "team": Team, "partner": Partner, "officer": Officer, "topic": Topic}
# The field an imported row is matched on: an existing entry is updated, otherwise one is added.
KEY_FIELDS = {"officer": "user"}

COLUMN_DOCS = [
    ("record_type", "Required. One of service_area, team, partner, officer or topic."),
    ("slug", "Required. The entry's web address name (lower-case letters, numbers, hyphens). Rows are matched on "
             "it: an existing slug updates that entry, a new one adds an entry. Officers: the username of their "
             "staff account, which must already exist."),
    ("name", "Required. The entry's name. Officers: shown for reading only (names belong to the staff account)."),
    ("service_area", "Teams and topics: the slug of their service area."),
    ("team", "Topics: the slug of the team that deals with it (or leave empty and give a partner). Officers: the "
             "slug of their team."),
    ("partner", "Topics: the slug of the partner organisation to send people to."),
    ("summary", "Service areas: one sentence for the A to Z."),
    ("handles", "Service areas and partners: what they deal with."),
    ("phone", "Service areas and teams: public number. Partners: their number (101 and 111 are fine). "
              "Officers: their direct line."),
    ("internal_phone", "Teams: the staff-only number."),
    ("email", "Service areas, teams, partners and officers."),
    ("opening_hours", "Service areas and partners."),
    ("web_url", "Service areas and partners: a full web address starting https://."),
    ("out_of_hours", "Teams: what callers do outside office hours."),
    ("how_to_refer", "Partners: how advisers refer someone."),
    ("synonyms", "Topics: other names, separated by semicolons (;)."),
    ("keywords", "Topics: keywords, separated by semicolons (;)."),
    ("adviser_script", "Topics: what advisers say or do."),
    ("online_url", "Topics: where residents can do it online."),
    ("is_public", "Service areas and topics: yes or no (empty means yes)."),
    ("job_title", "Officers: their job title."),
    ("number_shareable", "Officers: yes if callers may be given their direct line, no if not (empty means no)."),
]  # fmt: skip


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return f"{LIST_SEPARATOR} ".join(value)
    if value is None:
        return ""
    return str(value)


def directory_export(stream, *, officers: QuerySet) -> None:
    """Write the directory to `stream` as CSV (5 queries): every service area, partner, team and
    topic, and the `officers` given (those the person exporting may edit: direct lines that may
    not be given to callers stay within the service area)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    querysets = {
        "service_area": ServiceArea.objects.all(),
        "partner": Partner.objects.all(),
        "team": Team.objects.select_related("service_area"),
        "officer": officers.select_related("user", "team"),
        "topic": Topic.objects.select_related("service_area", "team", "partner"),
    }
    for record_type in RECORD_TYPES:
        for entry in querysets[record_type]:
            row = {"record_type": record_type}
            for column, field in FIELD_MAP[record_type].items():
                value = getattr(entry, field)
                if field == "user":
                    value = value.get_username()
                row[column] = value.slug if hasattr(value, "slug") else _cell(value)
            if record_type == "officer":
                row["name"] = str(entry)
            writer.writerow(row)
