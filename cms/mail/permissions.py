"""Who may see and handle the e-mail channel in the admin: the communicators.

Communicators (informatörer), the municipal director and administrators see
dispatches, subscribers and the suppression list; Django's model permissions are not
used, so no role needs new grants in ``cms.core.roles``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.core import roles

#: Roles that handle the e-mail channel.
MAIL_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)


def user_has_mail_role(user) -> bool:
    """True for an active superuser or a member of one of ``MAIL_ROLES``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=MAIL_ROLES).exists()


class MailPermissionPolicy(BasePermissionPolicy):
    """``actions`` are allowed to the mail roles, on every instance; nothing to others."""

    def __init__(self, model, actions=("view",)):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        """The action is one of ``actions`` and the user has a mail role."""
        return action in self.actions and user_has_mail_role(user)

    def user_has_permission_for_instance(self, user, action, instance):
        """As ``user_has_permission``: rights do not differ per instance."""
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        """Everything, when any of ``actions`` is allowed."""
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        """Active superusers and members of the mail roles."""
        if not self.actions & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=MAIL_ROLES), is_active=True)
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)
