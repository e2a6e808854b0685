"""The committed OpenAPI contracts (cms/api/openapi/*.json), as the frontends rely on them."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import translation

SNAPSHOT_DIR = Path(__file__).resolve().parent / "openapi"


def apis():
    """``{name: NinjaAPI}`` of the mounted APIs."""
    from .urls import intranet_api, public_api

    return {"public-v1": public_api, "intranet-v1": intranet_api}


def render_schema(api) -> str:
    """The schema as stable, diff-friendly JSON (Swedish descriptions)."""
    with translation.override("sv"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def snapshot_path(name: str) -> Path:
    return SNAPSHOT_DIR / f"{name}.json"
