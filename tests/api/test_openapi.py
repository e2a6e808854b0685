"""The committed OpenAPI contracts match what the APIs serve."""

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

    def test_served_schemas(self, client, db):
        for prefix in ("public", "intranet"):
            response = client.get(f"/api/{prefix}/v1/openapi.json")
            assert response.status_code == 200
            assert response.json()["openapi"].startswith("3.1")
            assert client.get(f"/api/{prefix}/v1/docs").status_code == 200
