"""Search tests run against the configured backends, not the test settings' stock one."""

import pytest

from search.config import backends_from_env


@pytest.fixture(autouse=True)
def enkanal_search_backend(settings):
    """The database backend as ``search.config`` configures it by default."""
    settings.WAGTAILSEARCH_BACKENDS = backends_from_env({})
