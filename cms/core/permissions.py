"""Admin rights held by roles rather than by Django's model permissions.

Some admin areas belong to a few roles as a whole (the e-mail channel, the print
channels): whoever holds the role may do the listed actions on every instance, and no
role needs new grants in ``cms.core.roles``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy


def user_has_role(user, role_names) -> bool:
    """True for an active superuser or a member of one of ``role_names``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=role_names).exists()


class RolePermissionPolicy(BasePermissionPolicy):
    """``actions`` are allowed to the members of ``role_names``, on every instance."""

    def __init__(self, model, actions=("view",), role_names=()):
        super().__init__(model)
        self.actions = frozenset(actions)
        self.role_names = tuple(role_names)

    def user_has_permission(self, user, action):
        """The action is one of ``actions`` and the user holds one of the roles."""
        return action in self.actions and user_has_role(user, self.role_names)

    def user_has_permission_for_instance(self, user, action, instance):
        """As ``user_has_permission``: rights do not differ per instance."""
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        """Everything, when any of ``actions`` is allowed."""
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        """Active superusers and members of the roles."""
        if not self.actions & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=self.role_names))
            .filter(is_active=True)
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)
