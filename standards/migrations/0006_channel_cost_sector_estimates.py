from decimal import Decimal

from django.db import migrations

# Every channel gets a row; four start with a published sector estimate, said where it is from,
# until the council enters its own. The others are not costed: no published figure was found.
SOURCE = (
    "Sector estimate: PwC's study of 19 London and South East councils, as quoted in "
    "3C Consultants' white paper \u201cChannel shift: realising the benefits\u201d. Enter your own."
)
ESTIMATES = {"face_to_face": "10.53", "phone": "3.39", "letter": "12.10", "web": "0.08"}
CHANNELS = ["phone", "email", "web", "letter", "face_to_face", "web_chat", "social_media", "councillor"]


def create(apps, schema_editor):
    ChannelCost = apps.get_model("standards", "ChannelCost")
    for channel in CHANNELS:
        estimate = ESTIMATES.get(channel)
        ChannelCost.objects.get_or_create(
            channel=channel,
            defaults={"cost": Decimal(estimate) if estimate else None, "source": SOURCE if estimate else ""},
        )


def remove(apps, schema_editor):
    apps.get_model("standards", "ChannelCost").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0005_channel_cost")]

    operations = [migrations.RunPython(create, remove)]
