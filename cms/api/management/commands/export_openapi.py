"""Write the API's OpenAPI schemas to cms/api/openapi/ (the committed contract)."""

from django.core.management.base import BaseCommand

from cms.api.openapi import apis, render_schema, snapshot_path


class Command(BaseCommand):
    help = "Skriver API:ernas OpenAPI-scheman till cms/api/openapi/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail when a committed schema is out of date."
        )

    def handle(self, *args, check=False, **options):
        stale = []
        for name, api in apis().items():
            path = snapshot_path(name)
            schema = render_schema(api)
            current = path.read_text() if path.exists() else None
            if current == schema:
                continue
            stale.append(name)
            if not check:
                path.write_text(schema)
                self.stdout.write(f"Skrev {path}")
        if check and stale:
            raise SystemExit(f"Inaktuella OpenAPI-scheman: {', '.join(stale)}")
