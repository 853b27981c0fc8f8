"""core.db: the constraint a database error names."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.db import constraint_name, rows_update


def _refused(sql: str) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    return caught.value


@pytest.mark.django_db
def test_the_constraint_is_named_by_the_database():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE t (n integer NOT NULL CONSTRAINT t_n_positive CHECK (n > 0))")
    assert constraint_name(_refused("INSERT INTO t VALUES (-1)")) == "t_n_positive"


@pytest.mark.django_db
def test_errors_naming_no_constraint_give_none():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE t (n integer NOT NULL)")
    assert constraint_name(_refused("INSERT INTO t VALUES (NULL)")) is None
    assert constraint_name(IntegrityError("raised by hand")) is None


@pytest.mark.django_db
def test_rows_update_saves_the_fields_given_in_batches(django_assert_num_queries):
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"u{n}", first_name="Old", email=f"u{n}@x.test") for n in range(5)])
    when = timezone.now().replace(microsecond=0)
    for n, user in enumerate(users):
        user.first_name, user.is_active, user.last_login, user.email = f"New {n}", n % 2 == 0, when, "not saved"
    with django_assert_num_queries(2):  # 5 rows, 3 a statement
        rows_update(model=User, entries=users, fields=["first_name", "is_active", "last_login"], batch_size=3)
    stored = {u.username: u for u in User.objects.filter(username__startswith="u")}
    assert [(stored[f"u{n}"].first_name, stored[f"u{n}"].is_active) for n in range(5)] == [
        ("New 0", True), ("New 1", False), ("New 2", True), ("New 3", False), ("New 4", True)
    ]  # fmt: skip
    assert stored["u1"].last_login == when and stored["u1"].email == "u1@x.test"
