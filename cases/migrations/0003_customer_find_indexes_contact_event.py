import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import pgtrigger.compiler
import pgtrigger.migrations
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

# A name's words in lower case, split on anything not a letter ("O'Neill": o, neill), for
# Customer.name_words (a generated column, so the function must be IMMUTABLE).
NAME_WORDS_SQL = """
CREATE FUNCTION customer_name_words(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(word), '{}')
    FROM regexp_split_to_table(lower(name), '[^[:alpha:]]+') AS word WHERE word <> ''
$$
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_attachments"),
    ]

    operations = [
        # dmetaphone, for the vocabulary's sounds-alike codes.
        CreateExtension("fuzzystrmatch"),
        migrations.RunSQL(NAME_WORDS_SQL, "DROP FUNCTION customer_name_words(text)"),
        migrations.CreateModel(
            name="CustomerNameWord",
            fields=[
                ("word", models.TextField(primary_key=True, serialize=False)),
                (
                    "sounds",
                    models.GeneratedField(
                        db_persist=True,
                        expression=models.Func(models.F("word"), function="dmetaphone"),
                        output_field=models.TextField(),
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="customer",
            name="name_words",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(models.F("name"), function="customer_name_words"),
                output_field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None),
            ),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "Created"),
                    ("routed", "Routed"),
                    ("assigned", "Assigned"),
                    ("claimed", "Claimed"),
                    ("transferred", "Transferred"),
                    ("note", "Internal note"),
                    ("public_update", "Update to the customer"),
                    ("status_changed", "Status changed"),
                    ("due_changed", "Due times changed"),
                    ("details_changed", "Details changed"),
                    ("extended", "Extension"),
                    ("escalated", "Escalated to stage 2"),
                    ("decided", "Complaint decided"),
                    ("linked", "Linked"),
                    ("merged", "Merged"),
                    ("customer_changed", "Customer record merged"),
                    ("contacted", "Customer contact"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                condition=models.Q(("postcode", ""), _negated=True), fields=["postcode"], name="customer_postcode_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=django.contrib.postgres.indexes.GinIndex(fields=["name_words"], name="customer_name_words_idx"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="customer",
            trigger=pgtrigger.compiler.Trigger(
                name="customer_name_words_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="INSERT INTO cases_customernameword (word) SELECT DISTINCT unnest(name_words) FROM written ON CONFLICT DO NOTHING; RETURN NULL;",
                    hash="006e64be3b0446b114b8fd2b3ff15946fd05a3c3",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_customer_name_words_insert_aeeae",
                    referencing="REFERENCING NEW TABLE AS written ",
                    table="cases_customer",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="customer",
            trigger=pgtrigger.compiler.Trigger(
                name="customer_name_words_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="INSERT INTO cases_customernameword (word) SELECT DISTINCT unnest(name_words) FROM written ON CONFLICT DO NOTHING; RETURN NULL;",
                    hash="f36513fd685c99fce8114797724213a189f10fdf",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_customer_name_words_update_d9243",
                    referencing="REFERENCING NEW TABLE AS written ",
                    table="cases_customer",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="customernameword",
            index=models.Index(
                django.contrib.postgres.indexes.OpClass("word", name="text_pattern_ops"), name="name_word_prefix_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="customernameword",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"), name="name_word_trgm_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="customernameword",
            index=models.Index(fields=["sounds"], name="name_word_sounds_idx"),
        ),
    ]
