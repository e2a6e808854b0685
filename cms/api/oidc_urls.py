"""The embedded OIDC provider's endpoints (django-oauth-toolkit), under ``/api/oidc/``.

Only what the intranet's authorization-code flow needs: authorize, token, revoke,
introspect, discovery, JWKS, userinfo and logout – no application self-service.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, re_path, reverse_lazy
from oauth2_provider import views

app_name = "oauth2_provider"


class AuthorizationView(views.AuthorizationView):
    """Staff sign in with the CMS's own login page before authorising the frontend."""

    login_url = reverse_lazy("api_login")


urlpatterns = [
    path("authorize/", AuthorizationView.as_view(), name="authorize"),
    path("token/", views.TokenView.as_view(), name="token"),
    path("revoke_token/", views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", views.IntrospectTokenView.as_view(), name="introspect"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", views.UserInfoView.as_view(), name="user-info"),
    path("logout/", views.RPInitiatedLogoutView.as_view(), name="rp-initiated-logout"),
]

login_view = auth_views.LoginView.as_view(
    template_name="api/login.html", redirect_authenticated_user=False
)
