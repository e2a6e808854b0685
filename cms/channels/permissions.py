"""Who works with the print channels in the admin: the communicators.

Communicators (informatörer), the municipal director and administrators compose the
local-press page and keep the newspaper formats. An INblick edition is a page and
follows the page permissions and the staff workflow instead.
"""

from cms.core import roles
from cms.core.permissions import RolePermissionPolicy, user_has_role

#: Roles that compose printed matter.
PRINT_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)
PRINT_ACTIONS = ("view", "add", "change", "delete")


def user_can_print(user) -> bool:
    """True for an active superuser or a member of one of ``PRINT_ROLES``."""
    return user_has_role(user, PRINT_ROLES)


class PrintPermissionPolicy(RolePermissionPolicy):
    """``actions`` are allowed to the print roles, on every instance."""

    def __init__(self, model, actions=PRINT_ACTIONS):
        super().__init__(model, actions, PRINT_ROLES)
