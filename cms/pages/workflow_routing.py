"""The hook through which an article page finds its workflow.

An item's workflow depends on who it is for, not on its place in the page tree, and
the rules for that live in the workflows app. The page types do not import it: the
workflows app registers its router here when it starts (``WorkflowsConfig.ready``).
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

#: ``router(page) -> Workflow | None``, registered by the workflows app.
_router: Callable | None = None


def register_workflow_router(router: Callable) -> None:
    """Make ``router(page)`` choose the workflow of every article page."""
    global _router  # one router per process, set once at start-up
    _router = router


def route_workflow(page):
    """The workflow ``page`` is submitted to, as the registered router decides.

    Without a router an item would fall back to Wagtail's tree lookup and could skip
    the communicator's review, so a missing registration is an error, not a default.
    """
    if _router is None:
        raise ImproperlyConfigured(
            "No workflow router is registered: add cms.workflows to INSTALLED_APPS."
        )
    return _router(page)
