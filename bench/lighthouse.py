"""Lighthouse scores and compressed page weight of the sites' main page types.

Needs a CMS serving the API with the demo content and both sites running (``make demo``),
Lighthouse from the repository's package.json (``npm ci``) and Chromium:

    uv run --frozen python bench/lighthouse.py --api http://127.0.0.1:8000/api \\
        --public http://127.0.0.1:8100 --intranet http://127.0.0.1:8200 \\
        --password "$ENKANAL_DEMO_PASSWORD" --save var/lighthouse/after.json \\
        --compare var/lighthouse/before.json

Lighthouse runs on its mobile profile (simulated throttling) against the local sites
only. The intranet start page is measured signed in: the script signs in once through
the CMS's login (the demo user ``medarbetare``) in headless Chromium and hands the
session cookie to Lighthouse. Prints one row per page: Performance, Accessibility,
Best Practices and SEO (with the ``--compare`` run's figures before them), and the
HTML + CSS + JS of the page gzipped, in kB. ``--save`` keeps the figures as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import requests

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def page_paths(api: str) -> dict[str, tuple[str, str]]:
    """``{name: (site, path)}``: the page types measured, items found through the API."""
    public = f"{api.rstrip('/')}/public/v1"

    def first(url, key="items", **params):
        response = requests.get(url, params=params, timeout=30)
        response.raise_for_status()
        rows = response.json()[key]
        return rows[0]["path"]

    return {
        "start": ("public", "/"),
        "news list": ("public", "/nyheter/"),
        "article": ("public", first(f"{public}/items", type="news", locale="sv", limit=1)),
        "notice board": ("public", "/anslagstavla/"),
        "notice": ("public", first(f"{public}/notice-board", key="notices", locale="sv")),
        "press room": ("public", "/pressrum/"),
        "search results": ("public", "/sok/?q=skola"),
        "intranet start": ("intranet", "/"),
    }


def intranet_cookie(intranet: str, username: str, password: str) -> str:
    """``name=value`` of a signed-in intranet session (through the CMS's login form)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROME, args=CHROME_FLAGS.replace("--headless=new ", "").split()
        )
        try:
            page = browser.new_page()
            page.goto(f"{intranet}/")
            page.get_by_role("button", name=re.compile("Logga in|Sign in")).click()
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.get_by_role("button", name=re.compile("Logga in|Sign in")).click()
            page.wait_for_url(f"{intranet}/")
            cookies = page.context.cookies(intranet)
        finally:
            browser.close()
    session = [c for c in cookies if c["name"] == "enkanal_intranet"]
    if not session:
        raise SystemExit("signing in to the intranet failed: no session cookie")
    return f"enkanal_intranet={session[0]['value']}"


def lighthouse(url: str, cookie: str | None) -> dict[str, int]:
    """The four category scores (0–100) of one Lighthouse run on the mobile profile."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            "node", str(LIGHTHOUSE), url, "--quiet", "--output=json",
            f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
        ]  # fmt: skip
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
        data = json.loads(report.read_text())
    return {name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def compressed_weight(url: str, cookie: str | None) -> tuple[float, list[str]]:
    """HTML + CSS + JS of the page gzipped (kB), and any asset not on the site itself."""
    headers = {"Cookie": cookie} if cookie else {}
    html = requests.get(url, headers=headers, timeout=30)
    total = len(gzip.compress(html.content))
    foreign = []
    for asset in set(ASSET.findall(html.text)):
        absolute = urljoin(url, asset)
        if not absolute.startswith(url.split("/", 3)[0] + "//" + url.split("/", 3)[2]):
            foreign.append(absolute)
            continue
        total += len(gzip.compress(requests.get(absolute, timeout=30).content))
    return total / 1024, foreign


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:8000/api")
    parser.add_argument("--public", default="http://127.0.0.1:8100")
    parser.add_argument("--intranet", default="http://127.0.0.1:8200")
    parser.add_argument("--username", default="medarbetare")
    parser.add_argument("--password", default=os.environ.get("ENKANAL_DEMO_PASSWORD", ""))
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--compare", type=Path, help="figures of an earlier run (--save)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` in the repository first")
    before = json.loads(args.compare.read_text()) if args.compare else {}
    cookie = intranet_cookie(args.intranet, args.username, args.password)
    bases = {"public": args.public.rstrip("/"), "intranet": args.intranet.rstrip("/")}
    results = {}
    for name, (site, path) in page_paths(args.api).items():
        url = f"{bases[site]}{path}"
        own_cookie = cookie if site == "intranet" else None
        scores = lighthouse(url, own_cookie)
        weight, foreign = compressed_weight(url, own_cookie)
        results[name] = {"path": path, **scores, "kb_gzip": round(weight, 1), "foreign": foreign}
        print(f"measured {name}: {path}", file=sys.stderr)
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print("Lighthouse 12.2.3, mobile profile; before → after where --compare is given")
    columns = [SHORT[c] for c in CATEGORIES]
    header = f"{'page':16} " + " ".join(f"{c:>9}" for c in columns) + f" {'kB gzip':>13}"
    print(header)
    for name, row in results.items():
        old = before.get(name, {})
        cells = []
        for category in CATEGORIES:
            cells.append(
                f"{old[category]:>3} → {row[category]:>3}"
                if category in old
                else f"{row[category]:>9}"
            )
        kb = (
            f"{old['kb_gzip']:>5} → {row['kb_gzip']:>5}"
            if "kb_gzip" in old
            else f"{row['kb_gzip']:>13}"
        )
        print(f"{name:16} " + " ".join(f"{c:>9}" for c in cells) + f" {kb:>13}")
        if row["foreign"]:
            print(f"  third-party assets: {', '.join(row['foreign'])}")


if __name__ == "__main__":
    main()
