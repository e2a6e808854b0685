"""Whose address a rate limit counts: the resident's, past trusted hops only."""

import pytest
from django.test import RequestFactory

from cms.core.throttling import client_address

FRONTEND = "10.0.0.5"


def request(remote=FRONTEND, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


@pytest.fixture(autouse=True)
def trusted(settings):
    settings.ENKANAL_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]


class TestClientAddress:
    def test_the_resident_behind_a_trusted_frontend(self):
        assert client_address(request(forwarded="203.0.113.9")) == "203.0.113.9"

    def test_a_chain_of_trusted_hops_is_walked_from_the_right(self):
        forwarded = "198.51.100.1, 203.0.113.9, 10.0.0.7"
        assert client_address(request(forwarded=forwarded)) == "203.0.113.9"

    def test_ipv6(self):
        assert client_address(request("2001:db8::1", "2001:db8::2, 2a00::5")) == "2a00::5"

    def test_a_forged_header_from_an_untrusted_address_is_ignored(self):
        assert client_address(request("203.0.113.50", "1.2.3.4")) == "203.0.113.50"

    def test_garbage_stops_the_walk_at_the_last_trusted_hop(self):
        assert client_address(request(forwarded="not-an-ip")) == FRONTEND
        assert client_address(request(forwarded="junk, 10.0.0.8")) == "10.0.0.8"

    def test_without_a_header_the_peer_counts(self):
        assert client_address(request()) == FRONTEND

    def test_no_trusted_hops_means_no_header_is_believed(self, settings):
        settings.ENKANAL_TRUSTED_PROXIES = []
        assert client_address(request(forwarded="203.0.113.9")) == FRONTEND
