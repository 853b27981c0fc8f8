import pytest
from django.core.exceptions import ImproperlyConfigured

from core.tallies import sql_constants


def test_constants_are_written_as_a_list_in_their_order():
    assert sql_constants(["new", "in_progress"]) == "('new', 'in_progress')"


@pytest.mark.parametrize("values", [[], ["x'); DROP TABLE cases_case; --"], ["Upper"], ["two words"]])
def test_anything_but_plain_words_is_refused(values):
    with pytest.raises(ImproperlyConfigured):
        sql_constants(values)
