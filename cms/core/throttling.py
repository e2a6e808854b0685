"""Rate limits of the APIs: ninja's throttles, keyed on the resident, not the frontend.

The public site and the intranet post their forms to the API from their own address,
so ``REMOTE_ADDR`` names the frontend, shared by every resident. The frontends forward
the client's address in ``X-Forwarded-For``; the API believes that header only from
the hops in ``ENKANAL_TRUSTED_PROXIES`` (CIDRs of the frontends and of proxies in front
of the API). Walking the header from the right, the first address outside those
networks is the client, the way a reverse proxy with a list of trusted hops does it
(nginx's ``real_ip_recursive``). A forged header from anywhere else is ignored.

Counters live in Django's default cache (``CACHE_URL``): with Redis, one limit holds
across every worker and web node.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, SimpleRateThrottle


@functools.lru_cache(maxsize=4)
def _networks(cidrs: tuple[str, ...]):
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def trusted_networks():
    """The networks of ``ENKANAL_TRUSTED_PROXIES`` (none: no forwarding header is believed)."""
    return _networks(tuple(getattr(settings, "ENKANAL_TRUSTED_PROXIES", ())))


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request) -> str:
    """The resident's address: ``REMOTE_ADDR``, or past trusted hops ``X-Forwarded-For``."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = trusted_networks()
    peer = _address(remote)
    if peer is None or not any(peer in network for network in networks):
        return remote
    client = peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # not written by a trusted hop: stop at the last address we trust
        client = address
        if not any(address in network for network in networks):
            break
    return str(client)


class ClientIdentMixin:
    """Identifies an anonymous client by ``client_address`` (ninja trusts any header)."""

    def get_ident(self, request) -> str:
        """The resident's address."""
        return client_address(request)


class ApiAnonRateThrottle(ClientIdentMixin, AnonRateThrottle):
    """The API-wide limit per anonymous client."""


class ApiAuthRateThrottle(ClientIdentMixin, AuthRateThrottle):
    """The API-wide limit per token (or per client without one)."""


class SubmissionRateThrottle(ClientIdentMixin, SimpleRateThrottle):
    """A limit on one kind of submission (``scope``) per resident, or per signed-in user.

    ``limit_setting`` and ``window_setting`` name the settings (requests, seconds) and
    are read on every request, so a changed setting applies without a restart.
    """

    def __init__(self, scope: str, limit_setting: str, window_setting: str, defaults=None):
        self.scope = scope
        self.limit_setting = limit_setting
        self.window_setting = window_setting
        self.defaults = defaults or {}
        super().__init__(rate=self.current_rate())

    def _setting(self, name: str) -> int:
        return int(getattr(settings, name, self.defaults.get(name, 0)))

    def current_rate(self) -> str:
        """``"<requests>/<seconds>"`` from the settings."""
        return f"{self._setting(self.limit_setting)}/{self._setting(self.window_setting)}"

    def allow_request(self, request) -> bool:
        """Count the request against the limit; ``False`` beyond it (ninja answers 429)."""
        self.num_requests, self.duration = self.parse_rate(self.current_rate())
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        """Per user when the API authenticated one, per resident's address otherwise."""
        user_id = getattr(getattr(request, "auth", None), "pk", None)
        ident = f"user-{user_id}" if user_id is not None else self.get_ident(request)
        return self.cache_format % {"scope": f"enkanal-{self.scope}", "ident": ident}
