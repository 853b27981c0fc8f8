from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for misspelt searches; btree_gist so absences can exclude overlaps per officer."""

    initial = True
    dependencies = []
    operations = [TrigramExtension(), BtreeGistExtension()]
