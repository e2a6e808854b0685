"""Fixtures of the dialogue tests: units with their people, and role users."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from cms.core import roles


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db, django_user_model):
    """``make_user("anna", roles.EDITOR)``: an active user in the given role groups."""

    def make(username, *role_names, **extra):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@ekby.example", password="x", **extra
        )
        user.groups.set(Group.objects.filter(name__in=role_names))
        return user

    return make


@pytest.fixture
def people(make_user):
    """Two units, each with a manager and an editor; a communicator; an outsider."""
    from cms.snippets.factories import UnitFactory

    school_manager = make_user("chef_skola", roles.MANAGER)
    school_editor = make_user("red_skola", roles.EDITOR)
    care_manager = make_user("chef_omsorg", roles.MANAGER)
    care_editor = make_user("red_omsorg", roles.EDITOR)
    school = UnitFactory(name="Skola", managers=[school_manager], members=[school_editor])
    care = UnitFactory(name="Omsorg", managers=[care_manager], members=[care_editor])
    return {
        "school": school,
        "care": care,
        "school_manager": school_manager,
        "school_editor": school_editor,
        "care_manager": care_manager,
        "care_editor": care_editor,
        "communicator": make_user("info", roles.COMMUNICATOR),
        "director": make_user("kc", roles.DIRECTOR),
        "staff": make_user("medarbetare", roles.STAFF),
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): …`` runs what waits for a commit (dialogue e-mails are queued
    after the commit when tasks run at once, and the test's transaction never commits)."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block
