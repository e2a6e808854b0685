"""The editorial roles: groups from the data migration, their grants, and what they allow."""

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permissions import policy_registry

from cms.core import roles
from cms.core.factories import ImageFactory, UserFactory
from tests.pages.factories import NewsPageFactory

ROLES = roles.ROLE_NAMES


def _grants(group):
    """What ``group`` holds in the database, in the shape of ``ROLE_PERMISSIONS``."""
    return {
        "pages": sorted(
            GroupPagePermission.objects.filter(group=group).values_list(
                "permission__codename", flat=True
            )
        ),
        "pages_on": set(
            GroupPagePermission.objects.filter(group=group).values_list("page__depth", flat=True)
        ),
        "collections": sorted(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "permission__codename", flat=True
            )
        ),
        "collections_on": set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection__depth", flat=True
            )
        ),
        "model": sorted(
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        ),
    }


def _snapshot():
    """Every role's grants, by group name, with primary keys left out."""
    return {group.name: _grants(group) for group in Group.objects.order_by("name")}


@pytest.fixture
def users(db):
    """One user per role."""
    return {name: UserFactory(username=f"role-{i}", roles=[name]) for i, name in enumerate(ROLES)}


@pytest.mark.django_db
class TestRoleGroups:
    def test_exactly_the_six_roles_exist(self):
        assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)

    def test_wagtail_default_groups_are_gone(self):
        assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()

    @pytest.mark.parametrize("name", ROLES)
    def test_grants_match_the_declaration(self, name):
        declared = roles.ROLE_PERMISSIONS[name]
        held = _grants(Group.objects.get(name=name))
        assert held["pages"] == sorted(f"{p}_page" for p in declared["pages"])
        assert held["collections"] == sorted(declared["collections"])
        assert held["model"] == sorted(declared["model"])
        # Page and collection grants sit on the roots, so they cover everything.
        assert held["pages_on"] <= {1}
        assert held["collections_on"] <= {1}

    @pytest.mark.parametrize(
        ("name", "page_permissions"),
        [
            (roles.STAFF, set()),
            (roles.EDITOR, {"add_page", "change_page"}),
            (roles.MANAGER, {"add_page", "change_page"}),
            (
                roles.COMMUNICATOR,
                {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
            ),
            (
                roles.DIRECTOR,
                {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
            ),
            (
                roles.ADMINISTRATOR,
                {
                    "add_page",
                    "change_page",
                    "publish_page",
                    "bulk_delete_page",
                    "lock_page",
                    "unlock_page",
                },
            ),
        ],
    )
    def test_page_permissions_per_role(self, name, page_permissions):
        # Written out independently of roles.py, so a slip there fails here.
        assert set(_grants(Group.objects.get(name=name))["pages"]) == page_permissions

    def test_every_declared_permission_exists(self):
        for name, grants in roles.ROLE_PERMISSIONS.items():
            for spec in grants["model"]:
                app_label, codename = spec.split(".", 1)
                assert Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).exists(), (name, spec)


@pytest.mark.django_db
class TestSyncRoles:
    def test_running_twice_gives_the_same_result(self):
        before = _snapshot()
        roles.sync_roles(global_apps)
        once = _snapshot()
        roles.sync_roles(global_apps)
        assert once == before
        assert _snapshot() == once
        assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)

    def test_runs_with_the_migration_state(self):
        # As the data migration runs it: historical models, app configs without modules.
        before = _snapshot()
        state = MigrationExecutor(connection).loader.project_state(
            ("core", "0006_roles_site_identity")
        )
        roles.sync_roles(state.apps)
        assert _snapshot() == before

    def test_an_early_migration_state_grants_what_exists_then(self):
        # 0002 runs before the models of later grants exist: those are left for later.
        state = MigrationExecutor(connection).loader.project_state(("core", "0002_roles"))
        roles.sync_roles(state.apps)
        communicator = Group.objects.get(name=roles.COMMUNICATOR)
        assert communicator.permissions.filter(codename="change_topic").exists()
        assert not communicator.permissions.filter(codename="change_importantmessage").exists()

    def test_restores_a_drifted_group(self):
        editor = Group.objects.get(name=roles.EDITOR)
        editor.permissions.add(Permission.objects.get(codename="delete_unit"))
        GroupPagePermission.objects.create(
            group=editor,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename="publish_page"),
        )
        roles.sync_roles(global_apps)
        assert not editor.permissions.filter(codename="delete_unit").exists()
        assert not GroupPagePermission.objects.filter(
            group=editor, permission__codename="publish_page"
        ).exists()

    def test_keeps_wagtail_default_groups_that_still_have_members(self):
        moderators = Group.objects.create(name="Moderators")
        UserFactory(username="old-moderator").groups.add(moderators)
        Group.objects.create(name="Editors")
        roles.sync_roles(global_apps)
        assert Group.objects.filter(name="Moderators").exists()
        assert not Group.objects.filter(name="Editors").exists()

    def test_leaves_the_app_registry_intact(self):
        # post_migrate handlers skip app configs without a models module.
        before = {c.label: c.models_module for c in global_apps.get_app_configs()}
        roles.sync_roles(global_apps)
        assert {c.label: c.models_module for c in global_apps.get_app_configs()} == before


@pytest.mark.django_db
class TestWhatRolesAllow:
    """The grants seen through Wagtail's own permission policies, on a real page."""

    PUBLISHERS = {roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR}
    EDITORS = {roles.EDITOR, roles.MANAGER} | PUBLISHERS

    @pytest.fixture
    def news(self, site_tree):
        return NewsPageFactory(parent=site_tree["news"])

    @pytest.mark.parametrize("name", ROLES)
    def test_who_can_publish_and_edit_a_page(self, users, news, name):
        permissions = news.permissions_for_user(users[name])
        assert permissions.can_publish() is (name in self.PUBLISHERS)
        assert permissions.can_edit() is (name in self.EDITORS)
        assert permissions.can_unpublish() is (name in self.PUBLISHERS)

    @pytest.mark.parametrize("name", ROLES)
    def test_who_can_add_a_news_item(self, users, site_tree, name):
        permissions = site_tree["news"].permissions_for_user(users[name])
        assert permissions.can_add_subpage() is (name in self.EDITORS)

    @pytest.mark.parametrize("name", ROLES)
    def test_only_the_administrator_changes_units_and_users(self, users, name):
        user = users[name]
        allowed = name == roles.ADMINISTRATOR
        for perm in ("snippets.change_unit", "snippets.add_unit", "auth.change_user"):
            assert user.has_perm(perm) is allowed, perm

    @pytest.mark.parametrize("name", ROLES)
    def test_admin_access(self, client, users, name):
        user = users[name]
        assert user.has_perm("wagtailadmin.access_admin") is (name != roles.STAFF)
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
        assert (response.status_code == 200) is (name != roles.STAFF)

    @pytest.mark.parametrize("name", ROLES)
    def test_media_permissions(self, users, name):
        user = users[name]
        image_policy = policy_registry.get_by_type(get_image_model())
        document_policy = policy_registry.get_by_type(get_document_model())
        can_add = name in {
            roles.EDITOR,
            roles.MANAGER,
            roles.COMMUNICATOR,
            roles.ADMINISTRATOR,
        }
        assert image_policy.user_has_permission(user, "add") is can_add
        assert document_policy.user_has_permission(user, "add") is can_add
        # Writers may edit and delete their own uploads, only the keepers of the library
        # anyone's (Wagtail lets whoever may change an image delete it too).
        someone_elses = ImageFactory()
        keeper = name in {roles.COMMUNICATOR, roles.ADMINISTRATOR}
        for action in ("change", "delete"):
            assert (
                image_policy.user_has_permission_for_instance(user, action, someone_elses) is keeper
            ), action
        if can_add:
            own = ImageFactory(uploaded_by_user=user)
            assert image_policy.user_has_permission_for_instance(user, "delete", own)
        can_choose = name != roles.STAFF
        assert image_policy.user_has_permission(user, "choose") is can_choose

    @pytest.mark.parametrize("name", ROLES)
    def test_topics_are_kept_by_communicators(self, users, name):
        allowed = name in {roles.COMMUNICATOR, roles.ADMINISTRATOR}
        assert users[name].has_perm("snippets.change_topic") is allowed
