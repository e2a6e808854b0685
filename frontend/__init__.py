"""Enkanal's frontends: the public site and the intranet, rendered from the delivery API.

A separate web app: it has no database, never imports ``cms`` and talks to the CMS
only over HTTP (``frontend.api``). One codebase serves either site, chosen by
``ENKANAL_SITE`` (``public`` or ``intranet``).
"""
