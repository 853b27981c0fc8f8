from django.db import migrations

# The word list is derived data: fill it from the search entries that already exist (none on a
# new database). A frozen copy of the SQL directory.search_index used when this migration was
# written: migrations never import application code, which changes after them.
_FILL = """
INSERT INTO directory_searchword (word, is_public)
SELECT w, bool_or(e.is_public AND e.kind <> 'officer')
FROM directory_searchentry e, unnest(tsvector_to_array(to_tsvector('simple', e.terms))) AS w
GROUP BY w
ON CONFLICT (word) DO UPDATE SET is_public = EXCLUDED.is_public
"""


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_word_list")]

    operations = [migrations.RunSQL(_FILL, migrations.RunSQL.noop)]
