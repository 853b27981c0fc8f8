"""The triggers that keep the survey tally (0006) exact, and the tally filled from the rows.

As the contact tallies' (0004, whose helpers this uses): statement-level triggers with transition
tables, one grouped upsert a statement. An answer counts under its invitation's month and keys:
the invitations' triggers count the answers they find, the answers' triggers count theirs
through their invitations, so the tally is always the invitations left-joined to the answers,
whichever of the two a transaction writes or deletes first. contacts.selectors.SURVEY_TALLY says
the same over the rows, and tests/portal/test_tallies.py compares the two.
"""

import importlib

from django.db import migrations

# Frozen helpers of the contact tallies' triggers (a migration's module name starts with a digit).
_triggers = importlib.import_module("contacts.migrations.0004_contact_tallies_triggers")

ZONE = "Europe/London"  # settings.TIME_ZONE
SATISFIED_FROM = 4  # contacts.selectors.SATISFIED_FROM
KEYS = {
    "month": f"date_trunc('month', c.sent_at AT TIME ZONE '{ZONE}')::date",
    "channel": "c.channel",
    "area_id": "coalesce(c.service_area_id, 0)",
    "customer_type": "c.customer_type",
}
COUNTS = {
    "invitations": "c.invited",
    "answers": "(c.answer_id IS NOT NULL)::int",
    "score_total": "coalesce(c.satisfaction, 0)",
    "satisfied": f"(coalesce(c.satisfaction, 0) >= {SATISFIED_FROM})::int",
    "resolved": "(c.resolved IS TRUE)::int",
}
INVITED = "s.sent_at, s.channel, s.service_area_id, s.customer_type"


def upsert(source: str) -> list[str]:
    return [_triggers.tally_upsert(table="contacts_surveytally", keys=KEYS, counts=COUNTS, source=source)]


def invitations(rows: str) -> list[str]:
    """Invitations written or deleted, with whatever answers they have now."""
    return upsert(
        f"SELECT s.sign, 1 AS invited, {INVITED}, a.id AS answer_id, a.satisfaction, a.resolved "
        f"FROM ({rows}) s LEFT JOIN contacts_surveyanswer a ON a.invitation_id = s.id"
    )


def answers(rows: str) -> list[str]:
    """Answers written or deleted, under the invitations they belong to now (none: the
    invitation's own triggers counted or will count the answer)."""
    return upsert(
        f"SELECT s.sign, 0 AS invited, {INVITED.replace('s.', 'i.')}, s.id AS answer_id, s.satisfaction, "
        f"s.resolved FROM ({rows}) s JOIN contacts_surveyinvitation i ON i.id = s.invitation_id"
    )


FORWARD = [
    *_triggers.statement_triggers(
        prefix="contacts_survey_tally", table="contacts_surveyinvitation", statements=invitations
    ),
    *_triggers.statement_triggers(
        prefix="contacts_survey_answer_tally", table="contacts_surveyanswer", statements=answers
    ),
    # Emptying the invitations empties their answers too; emptying the answers leaves the invited.
    _triggers.trigger_function("contacts_survey_tally_truncated", ["DELETE FROM contacts_surveytally;"]),
    "CREATE TRIGGER contacts_survey_tally_truncate AFTER TRUNCATE ON contacts_surveyinvitation "
    "FOR EACH STATEMENT EXECUTE FUNCTION contacts_survey_tally_truncated();",
    _triggers.trigger_function(
        "contacts_survey_answer_tally_truncated",
        ["UPDATE contacts_surveytally SET answers = 0, score_total = 0, satisfied = 0, resolved = 0;"],
    ),
    "CREATE TRIGGER contacts_survey_answer_tally_truncate AFTER TRUNCATE ON contacts_surveyanswer "
    "FOR EACH STATEMENT EXECUTE FUNCTION contacts_survey_answer_tally_truncated();",
    # The invitations already there with their answers, in the same transaction as the triggers.
    *invitations("SELECT 1 AS sign, * FROM contacts_surveyinvitation"),
]

BACKWARD = [
    *_triggers.statement_triggers_drop(prefix="contacts_survey_tally", table="contacts_surveyinvitation"),
    *_triggers.statement_triggers_drop(prefix="contacts_survey_answer_tally", table="contacts_surveyanswer"),
    "DROP TRIGGER contacts_survey_tally_truncate ON contacts_surveyinvitation;",
    "DROP FUNCTION contacts_survey_tally_truncated();",
    "DROP TRIGGER contacts_survey_answer_tally_truncate ON contacts_surveyanswer;",
    "DROP FUNCTION contacts_survey_answer_tally_truncated();",
    "DELETE FROM contacts_surveytally;",
]


class Migration(migrations.Migration):
    dependencies = [("contacts", "0006_survey_tally")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
