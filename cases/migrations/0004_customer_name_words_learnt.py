from django.db import migrations

# The vocabulary of the names already saved; the triggers of 0003 keep it from then on.
LEARN_SQL = """
INSERT INTO cases_customernameword (word)
SELECT DISTINCT unnest(name_words) FROM cases_customer
ON CONFLICT DO NOTHING
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_customer_find_indexes_contact_event"),
    ]

    operations = [
        migrations.RunSQL(LEARN_SQL, migrations.RunSQL.noop),
    ]
