"""System checks of deployment choices Django's own ``check --deploy`` cannot see."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Warn when production has no shared cache (``CACHE_URL``)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The cache is kept per process.",
            hint=(
                "Set CACHE_URL=redis://… so that the rate limits (feedback, API) hold across "
                "worker processes and the API's response cache is shared."
            ),
            id="enkanal.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    """Check ``ENKANAL_TRUSTED_PROXIES``: set, parseable and not the whole internet.

    Unset, every resident's form reaches the API from the frontend's one address, so
    they all share one rate limit (one noisy client locks out the town); a network of
    prefix 0 believes a forged ``X-Forwarded-For`` from anyone, so no limit holds.
    """
    import ipaddress

    cidrs = list(getattr(settings, "ENKANAL_TRUSTED_PROXIES", ()) or ())
    if not cidrs:
        return [
            Warning(
                "ENKANAL_TRUSTED_PROXIES is empty: the rate limits count every resident "
                "behind the public site and the intranet as one client.",
                hint="Set it to the CIDRs of the frontends and of any proxy in front of the API.",
                id="enkanal.W002",
            )
        ]
    problems = []
    for cidr in cidrs:
        try:
            network = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            problems.append(
                Error(
                    f"ENKANAL_TRUSTED_PROXIES: {cidr!r} is not an IP network.",
                    hint="Write CIDRs such as 10.0.1.0/24 or 2001:db8::/64, comma-separated.",
                    id="enkanal.E002",
                )
            )
            continue
        if network.prefixlen == 0:
            problems.append(
                Error(
                    f"ENKANAL_TRUSTED_PROXIES: {cidr} trusts every address, so anyone can "
                    "forge X-Forwarded-For and escape the rate limits.",
                    hint="List only the frontends' and proxies' own networks.",
                    id="enkanal.E003",
                )
            )
    return problems
