"""The embedded OIDC provider: authorization code with PKCE, then the intranet API."""

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlparse

import pytest
from oauth2_provider.models import get_application_model

from cms.core import roles
from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db

REDIRECT = "http://127.0.0.1:8200/auth/callback"


@pytest.fixture
def application():
    return get_application_model().objects.create(
        name="Intranätet",
        client_id="intranet",
        client_type="public",
        authorization_grant_type="authorization-code",
        redirect_uris=REDIRECT,
        algorithm="RS256",
        skip_authorization=True,
    )


def login_with_pkce(client, user, scope="openid intranet:read"):
    """Run the authorization-code flow with PKCE as a frontend would; return tokens."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    )
    client.force_login(user)
    response = client.get(
        "/api/oidc/authorize/",
        {
            "response_type": "code",
            "client_id": "intranet",
            "redirect_uri": REDIRECT,
            "scope": scope,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": "abc",
        },
    )
    assert response.status_code == 302, response.content
    code = parse_qs(urlparse(response["Location"]).query)["code"][0]
    client.logout()
    token = client.post(
        "/api/oidc/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": "intranet",
            "code_verifier": verifier,
        },
    )
    assert token.status_code == 200, token.content
    return token.json()


class TestEmbeddedProvider:
    def test_login_then_read_the_intranet(self, client, application, make_item):
        item = make_item("news", audience_codes=("staff",))
        tokens = login_with_pkce(client, UserFactory(roles=[roles.STAFF]))
        assert tokens["id_token"].count(".") == 2
        header = json.loads(base64.urlsafe_b64decode(tokens["id_token"].split(".")[0] + "=="))
        assert header["alg"] == "RS256"
        response = client.get(
            "/api/intranet/v1/items", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
        )
        assert response.status_code == 200
        assert [i["id"] for i in response.json()["items"]] == [item.pk]

    def test_token_without_the_intranet_scope_is_401(self, client, application, site_tree):
        tokens = login_with_pkce(client, UserFactory(roles=[roles.STAFF]), scope="openid")
        response = client.get(
            "/api/intranet/v1/items", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
        )
        assert response.status_code == 401

    def test_user_without_a_role_is_403(self, client, application, site_tree):
        tokens = login_with_pkce(client, UserFactory())
        response = client.get(
            "/api/intranet/v1/items", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
        )
        assert response.status_code == 403

    def test_pkce_is_required(self, client, application, site_tree):
        client.force_login(UserFactory(roles=[roles.STAFF]))
        response = client.get(
            "/api/oidc/authorize/",
            {
                "response_type": "code",
                "client_id": "intranet",
                "redirect_uri": REDIRECT,
                "scope": "openid",
            },
        )
        # Refused as the client's error, not by accident: no code, the reason named.
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith(REDIRECT), location
        assert "error=invalid_request" in location and "code=" not in location
        assert "code+challenge" in location.lower(), location

    def test_discovery_and_jwks(self, client, db):
        discovery = client.get("/api/oidc/.well-known/openid-configuration").json()
        assert discovery["authorization_endpoint"].endswith("/api/oidc/authorize/")
        jwks = client.get("/api/oidc/.well-known/jwks.json").json()
        assert jwks["keys"][0]["alg"] == "RS256"

    def test_anonymous_authorize_goes_to_the_login_page(self, client, application):
        response = client.get("/api/oidc/authorize/", {"client_id": "intranet"})
        assert response.status_code == 302
        assert response["Location"].startswith("/api/login/")
        assert client.get(response["Location"]).status_code == 200


def jwt_claims(token: str) -> dict:
    """The payload of a JWT (its signature is the provider's business, tested elsewhere)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture
def maja(db):
    return UserFactory(
        username="maja",
        first_name="Maja",
        last_name="Medarbetare",
        email="maja.medarbetare@ekby.example",
        roles=[roles.STAFF],
    )


class TestUserInfoClaims:
    """The standard claims the granted scopes allow, in userinfo and in the ID token."""

    def userinfo(self, client, tokens):
        response = client.get(
            "/api/oidc/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
        )
        assert response.status_code == 200, response.content
        return response.json()

    def test_openid_alone_names_only_the_subject(self, client, application, maja):
        tokens = login_with_pkce(client, maja, scope="openid intranet:read")
        assert self.userinfo(client, tokens) == {"sub": str(maja.pk)}

    def test_profile_gives_the_names(self, client, application, maja):
        tokens = login_with_pkce(client, maja, scope="openid profile intranet:read")
        info = self.userinfo(client, tokens)
        assert info == {
            "sub": str(maja.pk),
            "name": "Maja Medarbetare",
            "given_name": "Maja",
            "family_name": "Medarbetare",
            "preferred_username": "maja",
        }
        assert jwt_claims(tokens["id_token"])["name"] == "Maja Medarbetare"
        assert "email" not in jwt_claims(tokens["id_token"])

    def test_email_gives_the_address(self, client, application, maja):
        tokens = login_with_pkce(client, maja, scope="openid profile email intranet:read")
        info = self.userinfo(client, tokens)
        assert info["email"] == "maja.medarbetare@ekby.example"
        assert info["email_verified"] is True
        assert jwt_claims(tokens["id_token"])["email"] == "maja.medarbetare@ekby.example"

    def test_discovery_lists_the_claims(self, client, db):
        discovery = client.get("/api/oidc/.well-known/openid-configuration").json()
        assert {"name", "preferred_username", "email"} <= set(discovery["claims_supported"])


class TestRpInitiatedLogout:
    """The intranet's "Logga ut" also ends the CMS session, and returns only where allowed."""

    AFTER = "http://127.0.0.1:8200/logga-in/"

    def log_out(self, client, application, user, return_to):
        """Sign in to the CMS and the intranet, then log out through the provider."""
        application.post_logout_redirect_uris = self.AFTER
        application.save()
        tokens = login_with_pkce(client, user)
        client.force_login(user)
        response = client.get(
            "/api/oidc/logout/",
            {
                "id_token_hint": tokens["id_token"],
                "client_id": "intranet",
                "post_logout_redirect_uri": return_to,
            },
        )
        return tokens, response

    def test_ends_the_cms_session_and_returns(self, client, application, maja):
        tokens, response = self.log_out(client, application, maja, self.AFTER)
        assert response.status_code == 302
        assert response["Location"] == self.AFTER
        assert "_auth_user_id" not in client.session
        gone = client.get(
            "/api/intranet/v1/items", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
        )
        assert gone.status_code == 401

    def test_an_unregistered_return_address_is_refused(self, client, application, maja):
        _tokens, response = self.log_out(client, application, maja, "https://phishing.example/")
        assert response.status_code == 400
        assert "phishing" not in response.get("Location", "")


class TestExternalIdP:
    """Production: the IdP's JWTs are checked against its JWKS, issuer and audience."""

    ISSUER = "https://login.ekby.example/"

    @pytest.fixture
    def idp(self, settings, monkeypatch):
        from jwcrypto import jwk

        key = jwk.JWK.generate(kty="RSA", size=2048, kid="idp-1", alg="RS256", use="sig")
        settings.ENKANAL_OIDC_MODE = "external"
        settings.ENKANAL_OIDC_ISSUER = self.ISSUER
        settings.ENKANAL_OIDC_AUDIENCE = "api://enkanal"
        settings.ENKANAL_OIDC_JWKS_URL = "https://login.ekby.example/keys"
        public = {"keys": [json.loads(key.export_public())]}
        monkeypatch.setattr("cms.api.oidc._jwks", lambda: public)
        return key

    def token(self, key, **claims):
        import time

        from jwcrypto import jwt

        now = int(time.time())
        payload = {
            "iss": self.ISSUER,
            "aud": "api://enkanal",
            "iat": now,
            "exp": now + 300,
            "preferred_username": "anna",
            **claims,
        }
        signed = jwt.JWT(header={"alg": "RS256", "kid": key.kid}, claims=payload)
        signed.make_signed_token(key)
        return signed.serialize()

    def get(self, client, token):
        return client.get("/api/intranet/v1/items", HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_valid_token_of_a_known_user(self, client, idp, site_tree):
        UserFactory(username="anna", roles=[roles.STAFF])
        assert self.get(client, self.token(idp)).status_code == 200

    def test_bad_tokens_are_401(self, client, idp, site_tree):
        from jwcrypto import jwk

        UserFactory(username="anna", roles=[roles.STAFF])
        other_key = jwk.JWK.generate(kty="RSA", size=2048, kid="idp-1")
        for token in (
            self.token(idp, iss="https://evil.example/"),
            self.token(idp, aud="api://other"),
            self.token(idp, exp=1),
            self.token(other_key),
            self.token(idp, preferred_username="okand"),
            "not.a.jwt",
        ):
            assert self.get(client, token).status_code == 401
