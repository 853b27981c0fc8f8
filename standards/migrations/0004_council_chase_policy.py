from django.db import migrations

# The council's chasing rules until a service manager changes them: warn 4 working hours before a
# due time, then tell the owner, the team manager and the service manager a working day apart;
# a holding update promises a reply within 5 working days.
LADDER = ["owner", "team_manager", "service_manager"]


def create(apps, schema_editor):
    ChasePolicy = apps.get_model("standards", "ChasePolicy")
    if not ChasePolicy.objects.filter(service_area__isnull=True).exists():
        ChasePolicy.objects.create(
            service_area=None,
            warn_lead_hours=4,
            ladder=LADDER,
            escalate_every_hours=8,
            update_after_days=5,
            remind_after_days=5,
            away_handback_hours=8,
            handback_priority="high",
        )


def remove(apps, schema_editor):
    apps.get_model("standards", "ChasePolicy").objects.filter(service_area__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0003_chase_policy")]

    operations = [migrations.RunPython(create, remove)]
