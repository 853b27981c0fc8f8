"""A complaint stage's service area is its case's, kept by the database: set on every write of a
stage, and followed when the case moves to another area. Filled for the stages already there."""

from django.db import migrations

FORWARD = [
    "CREATE FUNCTION cases_stage_area_set() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.service_area_id := (SELECT service_area_id FROM cases_case WHERE id = NEW.case_id); RETURN NEW; END $$;",
    "CREATE TRIGGER cases_stage_area_set BEFORE INSERT OR UPDATE ON cases_complaintstage "
    "FOR EACH ROW EXECUTE FUNCTION cases_stage_area_set();",
    "CREATE FUNCTION cases_stage_area_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE cases_complaintstage SET service_area_id = NEW.service_area_id WHERE case_id = NEW.id; RETURN NULL; END $$;",
    "CREATE TRIGGER cases_stage_area_follow AFTER UPDATE OF service_area_id ON cases_case FOR EACH ROW "
    "WHEN (OLD.service_area_id IS DISTINCT FROM NEW.service_area_id) EXECUTE FUNCTION cases_stage_area_follow();",
    "UPDATE cases_complaintstage SET case_id = case_id;",
]
BACKWARD = [
    "DROP TRIGGER cases_stage_area_follow ON cases_case;",
    "DROP FUNCTION cases_stage_area_follow();",
    "DROP TRIGGER cases_stage_area_set ON cases_complaintstage;",
    "DROP FUNCTION cases_stage_area_set();",
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_dashboard_indexes_complaint_area")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
