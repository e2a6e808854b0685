"""Record the API payloads the frontend's tests replay (``tests/frontend/payloads``).

Run against a CMS with the demo content (``load_demo_content``) and a service token
of the demo user ``medarbetare`` for the intranet:

    uv run --frozen python -m tests.frontend.record http://127.0.0.1:8000/api enk_…
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import requests

PAYLOADS = Path(__file__).parent / "payloads"


def record(api_url: str, staff_token: str) -> None:
    """Fetch the listings, boards and every listed item's detail, and write them as JSON."""
    public = f"{api_url.rstrip('/')}/public/v1"
    intranet = f"{api_url.rstrip('/')}/intranet/v1"
    staff = {"Authorization": f"Bearer {staff_token}"}

    origin = "/".join(api_url.split("/")[:3])

    def save(name, url, headers=None, **params):
        response = requests.get(url, params=params, headers=headers or {}, timeout=30)
        response.raise_for_status()
        data = response.json()
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        # The stub serves images and documents itself: it puts its own origin back.
        (PAYLOADS / name).write_text(text.replace(origin, "{{CMS}}"), encoding="utf-8")
        return data

    for old in PAYLOADS.glob("*.json"):
        old.unlink()
    ids = set()
    for language in ("sv", "en"):
        listing = save(f"list_{language}.json", f"{public}/items", limit=100, locale=language)
        ids |= {item["id"] for item in listing["items"]}
        save(f"notice_board_{language}.json", f"{public}/notice-board", locale=language)
        save(f"press_room_{language}.json", f"{public}/press-room", locale=language)
        save(f"archive_{language}.json", f"{public}/notice-board/archive", locale=language)
    save("topics.json", f"{public}/topics")
    # The identity and the start page's shortcuts (the stub serves both surfaces these).
    save("site.json", f"{public}/site")
    save("service_shortcuts.json", f"{public}/service-shortcuts")
    for item_id in sorted(ids):
        save(f"item_{item_id}.json", f"{public}/items/{item_id}")
    save("units.json", f"{intranet}/units", staff)
    listing = save("intranet_list_sv.json", f"{intranet}/items", staff, limit=100)
    for item in listing["items"]:
        if item["id"] not in ids:
            save(f"intranet_item_{item['id']}.json", f"{intranet}/items/{item['id']}", staff)


if __name__ == "__main__":
    record(sys.argv[1], sys.argv[2])
