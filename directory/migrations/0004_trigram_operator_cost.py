from django.db import migrations

# pg_trgm declares its similarity operators as cheap (COST 1), so on a table of a few thousand rows
# the planner prefers computing strict_word_similarity for every row over the trigram index, which
# is about 20 times slower. Telling it their real cost makes it use the index. Needs to own the
# functions (true when this database user created the extension); otherwise nothing changes.
_SET_COST = """
DO $$
BEGIN
    ALTER FUNCTION strict_word_similarity_commutator_op(text, text) COST {cost};
    ALTER FUNCTION strict_word_similarity_op(text, text) COST {cost};
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Not the owner of pg_trgm: search uses the default planner costs';
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_searchentry_result_fields")]

    operations = [
        migrations.RunSQL(_SET_COST.format(cost=100), reverse_sql=_SET_COST.format(cost=1)),
    ]
