from django.contrib.auth.models import Group
from django.core.management import call_command

from portal import roles


def test_every_role_exists_with_exactly_its_permissions(db):
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == set(perms), role


def test_sync_removes_permissions_granted_by_hand(db):
    group = Group.objects.get(name=roles.COUNCILLOR)
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="change_topic"))
    roles.roles_sync()
    assert not group.permissions.filter(codename="change_topic").exists()


def test_councillor_cannot_edit_the_directory(councillor, team_manager):
    assert councillor.has_perm("directory.view_phone_guide")
    assert not councillor.has_perm("directory.change_topic")
    assert team_manager.has_perm("directory.change_topic")


def test_seed_demo_is_idempotent(council_calendar, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    from django.contrib.auth import get_user_model

    count = get_user_model().objects.count()
    call_command("seed_demo")
    assert get_user_model().objects.count() == count
    assert "wyebridge-demo-2026" in capsys.readouterr().out


def test_seed_demo_refuses_without_debug(db, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
