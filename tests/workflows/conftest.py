"""Fixtures for the workflow tests: an organisation with one user per role."""

import pytest

from cms.core import roles
from cms.core.factories import UserFactory
from cms.snippets.factories import UnitFactory
from cms.snippets.models import UnitLevel


@pytest.fixture
def org(site_tree):
    """Förvaltning › Verksamhet › Enhet with a manager each, and one user per role."""
    users = {
        "editor": UserFactory(username="redaktor", roles=[roles.EDITOR]),
        "editor2": UserFactory(username="redaktor2", roles=[roles.EDITOR]),
        "unit_manager": UserFactory(username="chef_enhet", roles=[roles.MANAGER]),
        "operation_manager": UserFactory(username="chef_verksamhet", roles=[roles.MANAGER]),
        "admin_manager": UserFactory(username="chef_forvaltning", roles=[roles.MANAGER]),
        "other_manager": UserFactory(username="chef_annan", roles=[roles.MANAGER]),
        "communicator": UserFactory(username="informator", roles=[roles.COMMUNICATOR]),
        "communicator2": UserFactory(username="informator2", roles=[roles.COMMUNICATOR]),
        "director": UserFactory(username="kommunchef", roles=[roles.DIRECTOR]),
        "administrator": UserFactory(username="administrator", roles=[roles.ADMINISTRATOR]),
        "staff": UserFactory(username="medarbetare", roles=[roles.STAFF]),
    }
    administration = UnitFactory(
        name="Barn- och utbildning",
        level=UnitLevel.ADMINISTRATION,
        managers=[users["admin_manager"]],
    )
    operation = UnitFactory(
        name="Förskola",
        level=UnitLevel.OPERATION,
        parent=administration,
        managers=[users["operation_manager"]],
    )
    unit = UnitFactory(
        name="Norrby förskola",
        level=UnitLevel.UNIT,
        parent=operation,
        managers=[users["unit_manager"]],
    )
    unmanaged = UnitFactory(name="Solrosen", level=UnitLevel.UNIT, parent=operation)
    other = UnitFactory(
        name="Kultur", level=UnitLevel.ADMINISTRATION, managers=[users["other_manager"]]
    )
    return {
        **users,
        "site": site_tree,
        "administration": administration,
        "operation": operation,
        "unit": unit,
        "unmanaged": unmanaged,
        "other_unit": other,
    }
