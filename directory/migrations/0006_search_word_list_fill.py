from django.db import migrations


def fill(apps, schema_editor):
    # The word list is derived data: build it with the same SQL the index uses, from the entries
    # that already exist (none on a new database).
    from directory.search_index import words_refresh

    words_refresh()


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_word_list")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
