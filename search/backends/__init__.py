"""Search backends: Wagtail's, taught Swedish prefixes and Swedish analysers."""
