"""Elasticsearch without a server: query bodies and the audience filter on candidates.

No Elasticsearch can run where these tests run, so the client is replaced by a mock
that answers with canned hits. The tests at the end run against a real cluster only
when ``ELASTICSEARCH_URL`` is set.
"""

import datetime
import os
from unittest import mock

import pytest
from django.utils import timezone

from search.config import backends_from_env
from search.queries import search_items, suggest

pytestmark = pytest.mark.django_db


def es_backend_for(url="http://localhost:9200"):
    from search.backends.elasticsearch9 import SearchBackend

    env = {"ENKANAL_SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": url}
    return SearchBackend(backends_from_env(env)["default"])


def hits(*pages):
    return {
        "hits": {
            "hits": [
                {"fields": {"pk": [str(p.pk)]}, "_score": 10.0 - i} for i, p in enumerate(pages)
            ]
        }
    }


@pytest.fixture
def es_backend():
    backend = es_backend_for()
    backend.es = mock.MagicMock()
    return backend


class TestQueryBodies:
    def test_search_body_ranks_live_items_of_every_type(self, es_backend, site_tree):
        es_backend.es.search.return_value = hits()
        search_items("Kommunens bygglov", backend=es_backend)
        body = es_backend.es.search.call_args_list[0].kwargs
        assert body["index"] == "enkanal_wagtailcore_page"
        query = body["query"]["bool"]
        assert query["must"]["multi_match"]["query"] == "kommunens bygglov"
        assert query["must"]["multi_match"]["operator"] == "and"
        assert {"match": {"_django_content_type": "pages.ArticlePage"}} in query["filter"]
        assert {"term": {"live_filter": True}} in query["filter"]

    def test_fuzzy_fallback_when_nothing_matches(self, es_backend, site_tree):
        es_backend.es.search.return_value = hits()
        search_items("bygglvo", backend=es_backend)
        fallback = es_backend.es.search.call_args_list[1].kwargs["query"]["bool"]["must"]
        assert fallback["multi_match"]["fuzziness"] == "AUTO"

    def test_audience_filter_cannot_be_sent_to_the_index(self, es_backend, site_tree):
        """The audience filter is SQL (EXISTS subqueries); the index only ranks."""
        from wagtail.search.backends.base import FilterFieldError

        from cms.pages.models import ArticlePage

        with pytest.raises(FilterFieldError):
            es_backend.search("bygglov", ArticlePage.objects.public())

    def test_autocomplete_body_uses_folded_edge_ngrams(self, es_backend, site_tree):
        es_backend.es.search.return_value = hits()
        suggest("Försk", backend=es_backend)
        query = es_backend.es.search.call_args.kwargs["query"]["bool"]["must"]
        assert query["match"]["_edgengrams"]["query"] == "försk"


class TestAudienceFilterOnCandidates:
    def test_only_what_the_filter_allows(self, es_backend, make_item):
        now = timezone.now()
        public = make_item(title="Bygglov för villor")
        staff_only = make_item(title="Bygglov internt", audience_codes=("staff",))
        on_lead = make_item(
            title="Bygglov på väg",
            internal=now - datetime.timedelta(minutes=5),
            external=now + datetime.timedelta(minutes=55),
        )
        es_backend.es.search.return_value = hits(staff_only, on_lead, public)
        results = search_items("bygglov", backend=es_backend)
        assert [h.page.pk for h in results.hits] == [public.pk]
        assert results.total == 1

        from cms.core import roles
        from cms.core.factories import UserFactory

        staff = UserFactory(roles=[roles.STAFF])
        results = search_items("bygglov", user=staff, public=False, backend=es_backend)
        assert [h.page.pk for h in results.hits] == [staff_only.pk, on_lead.pk, public.pk]

    def test_suggestions_are_filtered_too(self, es_backend, make_item):
        public = make_item(title="Förskolan Solrosen")
        staff_only = make_item(title="Förskolans personal", audience_codes=("staff",))
        es_backend.es.search.return_value = hits(staff_only, public)
        assert [p.pk for p in suggest("försk", backend=es_backend)] == [public.pk]


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
class TestAgainstACluster:
    """Runs the relevance set on a real Elasticsearch 9 (``ELASTICSEARCH_URL``)."""

    def test_relevance_floor(self, settings):
        from django.core.management import call_command

        from tests.search.relevance import build_corpus, evaluate, summarise

        settings.WAGTAILSEARCH_BACKENDS = backends_from_env(
            {
                "ENKANAL_SEARCH_BACKEND": "elasticsearch",
                "ELASTICSEARCH_URL": os.environ["ELASTICSEARCH_URL"],
                "ELASTICSEARCH_INDEX_PREFIX": "enkanal_test_",
            }
        )
        ids = build_corpus()
        call_command("update_index", verbosity=0)
        backend = es_backend_for(os.environ["ELASTICSEARCH_URL"].split(",")[0])
        backend.index_prefix = "enkanal_test_"
        summary = summarise(evaluate(ids, backend=backend))
        assert summary["ndcg@10"] >= 0.7, summary
