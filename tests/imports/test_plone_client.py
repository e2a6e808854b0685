"""The plone.restapi client against a loopback stub serving recorded Plone answers."""

import time

import pytest

from cms.imports.plone.client import PloneClient, PloneError, PloneItemError
from tests.plone.stub import PASSWORD, TOKEN, USER, RecordedPlone, recorded_items

TOTAL = len(recorded_items())


@pytest.fixture
def plone():
    with RecordedPlone() as stub:
        yield stub


def client(stub, **kwargs):
    kwargs.setdefault("retries", 0)
    kwargs.setdefault("user", USER)
    kwargs.setdefault("password", PASSWORD)
    return PloneClient(stub.url, **kwargs)


class TestPloneAuth:
    """Credentials from the environment, sent to the Plone host only, never shown."""

    def test_basic_auth_from_the_environment(self, plone):
        env = {"ENKANAL_PLONE_USER": USER, "ENKANAL_PLONE_PASSWORD": PASSWORD}
        PloneClient.from_env(plone.url, environ=env).check_site()
        assert plone.requests[-1]["auth"].startswith("Basic ")

    def test_token_from_the_environment(self, plone):
        PloneClient.from_env(plone.url, environ={"ENKANAL_PLONE_TOKEN": TOKEN}).check_site()
        assert plone.requests[-1]["auth"] == f"Bearer {TOKEN}"

    def test_jwt_from_login(self, plone):
        client(plone, jwt=True).check_site()
        assert plone.requests[0]["path"] == "/Plone/@login"
        assert plone.requests[0]["auth"] is None
        assert plone.requests[-1]["auth"] == f"Bearer {TOKEN}"

    def test_wrong_password_is_a_site_error_without_the_password(self, plone):
        with pytest.raises(PloneError) as error:
            client(plone, password="wrong-password-123").check_site()
        assert "401" in str(error.value)
        assert "ENKANAL_PLONE_PASSWORD" in str(error.value)
        assert "wrong-password-123" not in str(error.value)

    def test_failed_jwt_login_is_a_site_error(self, plone):
        with pytest.raises(PloneError, match="401"):
            client(plone, password="nope", jwt=True)

    def test_no_credentials_to_another_host(self, plone):
        with RecordedPlone() as other:
            with pytest.raises(PloneItemError):
                client(plone).fetch(other.url + "/sv/skolgard.png/@@images/image")
            assert other.requests[-1]["auth"] is None

    def test_bad_site_url(self):
        with pytest.raises(PloneError, match="Ogiltig"):
            PloneClient("ftp://plone.test")


class TestPloneBatching:
    """@search in batches of fullobjects, in path order, with a path filter."""

    def test_walks_every_object_in_batches(self, plone):
        c = client(plone)
        items = list(c.search(batch_size=7))
        assert len(items) == TOTAL == c.total
        assert all(isinstance(item, dict) for item in items)
        assert [item["UID"] for item in items] == [i["UID"] for i in recorded_items()]
        searches = [r for r in plone.requests if r["path"] == "/Plone/@search"]
        # Batches ahead are fetched in threads of their own: in any order.
        starts = sorted(int(r["query"]["b_start"][0]) for r in searches)
        assert starts == list(range(0, TOTAL, 7))
        query = searches[0]["query"]
        assert query["fullobjects"] == ["1"] and query["sort_on"] == ["path"]
        assert query["expand"] == ["translations"] and query["b_size"] == ["7"]

    def test_the_next_batches_are_fetched_while_one_is_worked_on(self, plone):
        walk = client(plone).search(batch_size=5, prefetch=2)
        next(walk)  # the caller works on the first object …

        def starts():
            return {
                r["query"]["b_start"][0] for r in plone.requests if r["path"].endswith("@search")
            }

        deadline = time.monotonic() + 10
        while starts() != {"0", "5", "10"} and time.monotonic() < deadline:
            time.sleep(0.01)
        # … while the two batches after it arrive, and no more than those two.
        assert starts() == {"0", "5", "10"}
        time.sleep(0.2)
        assert starts() == {"0", "5", "10"}
        rest = list(walk)
        assert len(rest) == TOTAL - 1
        walk.close()

    def test_a_walk_stopped_early_does_not_wait_for_batches_in_flight(self, plone):
        walk = client(plone).search(batch_size=5, prefetch=2)
        next(walk)
        plone.slow["/Plone/@search"] = 5
        started = time.monotonic()
        walk.close()
        assert time.monotonic() - started < 2

    def test_path_filter(self, plone):
        items = list(client(plone).search(path="/sv/anslagstavla/"))
        assert [i["id"] for i in items] == [
            "anslagstavla",
            "kf-2024-04-22",
            "kungorelse-kf-2024-03",
            "protokoll",
            "ks-2024-02-12",
        ]
        assert plone.requests[-1]["query"]["path.query"] == ["/Plone/sv/anslagstavla"]

    def test_count(self, plone):
        assert client(plone).count(path="/sv/press") == 3


class TestPloneErrors:
    """Site-level errors stop the walk; item-level ones are yielded and it goes on."""

    def test_site_missing_is_404(self, plone):
        plone.status["/Plone/@site"] = 404
        with pytest.raises(PloneError, match="404"):
            client(plone).check_site()

    def test_forbidden_search_stops(self, plone):
        plone.status["/Plone/@search"] = 403
        with pytest.raises(PloneError, match="403"):
            list(client(plone).search())

    def test_broken_batch_is_read_item_by_item(self, plone):
        plone.broken_batches.add(10)
        broken = "/Plone/sv/assets"
        plone.status[broken] = 500
        items = list(client(plone).search(batch_size=10))
        errors = [i for i in items if isinstance(i, PloneItemError)]
        assert len(items) == TOTAL
        assert len(errors) == 1
        assert errors[0].url.endswith(broken) and errors[0].status == 500
        assert "500" in str(errors[0])

    def test_malformed_json_batch_is_read_item_by_item(self, plone):
        # The summaries answer JSON; the fullobjects batch does not.
        original = plone._search

        def half_broken(handler, query):
            if query.get("fullobjects") == ["1"]:
                return plone._send(handler, 200, b"<html>oops", "text/html")
            return original(handler, query)

        plone._search = half_broken
        items = list(client(plone).search(batch_size=50))
        assert len(items) == TOTAL and all(isinstance(i, dict) for i in items)

    def test_malformed_json_item(self, plone):
        plone.malformed.add("/Plone/sv/press")
        with pytest.raises(PloneItemError, match="JSON"):
            client(plone).get_json(plone.url + "/sv/press")

    def test_search_that_is_never_json_stops(self, plone):
        plone.malformed.add("/Plone/@search")
        with pytest.raises(PloneError, match="JSON"):
            list(client(plone).search())

    def test_timeout_is_reported_with_the_url(self, plone):
        plone.slow["/Plone/sv/press"] = 1.5
        with pytest.raises(PloneItemError, match="i tid") as error:
            client(plone, timeout=0.3).get_json(plone.url + "/sv/press")
        assert error.value.url.endswith("/sv/press")

    def test_retries_with_backoff_on_5xx(self, plone):
        plone.flaky["/Plone/@site"] = 2
        client(plone, retries=3, backoff=0.01).check_site()
        assert [r["path"] for r in plone.requests].count("/Plone/@site") == 3

    def test_gives_up_after_the_retries(self, plone):
        plone.flaky["/Plone/@site"] = 5
        with pytest.raises(PloneError, match="503"):
            client(plone, retries=2, backoff=0.01).check_site()
        assert [r["path"] for r in plone.requests].count("/Plone/@site") == 3

    def test_download(self, plone):
        data = client(plone).fetch(plone.url + "/sv/skolgard.png/@@images/image-1.png")
        assert data.startswith(b"\x89PNG")
