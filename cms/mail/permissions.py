"""Who may see and handle the e-mail channel in the admin: the communicators.

Communicators (informatörer), the municipal director and administrators see
dispatches, subscribers and the suppression list; Django's model permissions are not
used, so no role needs new grants in ``cms.core.roles``.
"""

from cms.core import roles
from cms.core.permissions import RolePermissionPolicy, user_has_role

#: Roles that handle the e-mail channel.
MAIL_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)


def user_has_mail_role(user) -> bool:
    """True for an active superuser or a member of one of ``MAIL_ROLES``."""
    return user_has_role(user, MAIL_ROLES)


class MailPermissionPolicy(RolePermissionPolicy):
    """``actions`` are allowed to the mail roles, on every instance; nothing to others."""

    def __init__(self, model, actions=("view",)):
        super().__init__(model, actions, MAIL_ROLES)
