"""The committed OpenAPI contracts match what the APIs serve."""

import json

import pytest

from cms.api.openapi import apis, render_schema, snapshot_path


class TestOpenAPISnapshots:
    @pytest.mark.parametrize("name", ["public-v1", "intranet-v1"])
    def test_schema_matches_committed_snapshot(self, name):
        committed = snapshot_path(name).read_text()
        assert render_schema(apis()[name]) == committed, (
            f"The {name} API contract changed. If that is intended, run "
            "`manage.py export_openapi` and commit cms/api/openapi/."
        )

    @pytest.mark.parametrize("prefix", ["public", "intranet"])
    def test_served_schema_is_the_committed_contract(self, client, db, prefix):
        response = client.get(f"/api/{prefix}/v1/openapi.json")
        assert response.status_code == 200
        served = response.json()
        assert served["openapi"].startswith("3.1")
        committed = json.loads(snapshot_path(f"{prefix}-v1").read_text())
        # What a client downloads is what the repository documents, path for path.
        assert served["paths"].keys() == committed["paths"].keys()
        assert served["components"] == committed["components"]
        docs = client.get(f"/api/{prefix}/v1/docs")
        assert docs.status_code == 200
        assert f"/api/{prefix}/v1/openapi.json" in docs.content.decode()
