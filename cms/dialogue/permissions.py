"""Who may see and handle feedback cases and news tips.

Visibility follows units, not Django model permissions: a unit's cases are seen by
that unit's managers and members who use the admin, and every case by communicators,
the municipal director and administrators (see ``FeedbackQuerySet.visible_to``).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.core import roles

from .models import ALL_CASES_ROLES, TIP_TRIAGE_ROLES, Feedback, NewsTip, user_has_role


def _role_users(role_names):
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name__in=role_names), is_active=True)
        .distinct()
    )


class FeedbackPermissionPolicy(BasePermissionPolicy):
    """Cases arrive through the API only; they are viewed and handled per unit."""

    def __init__(self, model=Feedback):
        super().__init__(model)

    def user_has_permission(self, user, action):
        """Nobody adds cases in the admin; only administrators delete them."""
        if action == "delete":
            return user_has_role(user, (roles.ADMINISTRATOR,))
        if action not in ("view", "change"):
            return False
        if user_has_role(user, ALL_CASES_ROLES):
            return True
        return (
            user.is_authenticated
            and user.is_active
            and user.has_perm("wagtailadmin.access_admin")
            and (user.managed_units.exists() or user.units.exists())
        )

    def user_has_permission_for_instance(self, user, action, instance):
        """The action is allowed and the case belongs to one of the user's units."""
        return (
            self.user_has_permission(user, action)
            and Feedback.objects.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        """Cases visible to the user, when any of the actions is allowed at all."""
        if self.user_has_any_permission(user, actions):
            return Feedback.objects.visible_to(user)
        return Feedback.objects.none()

    def users_with_any_permission(self, actions):
        """Communicators and up (unit people are added per instance)."""
        return _role_users(ALL_CASES_ROLES)


class NewsTipPermissionPolicy(BasePermissionPolicy):
    """Communicators, the director and administrators triage tips."""

    def __init__(self, model=NewsTip):
        super().__init__(model)

    def user_has_permission(self, user, action):
        """Tips arrive through the intranet API; triage roles view and change them."""
        if action == "delete":
            return user_has_role(user, (roles.ADMINISTRATOR,))
        return action in ("view", "change") and user_has_role(user, TIP_TRIAGE_ROLES)

    def users_with_any_permission(self, actions):
        """Everyone with a triage role."""
        return _role_users(TIP_TRIAGE_ROLES)
