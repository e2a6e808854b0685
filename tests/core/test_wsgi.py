"""The WSGI entry point loads the whole URLconf and freezes it out of the collector."""

from tests.core.test_settings import production_env, run_python


def test_startup_objects_are_frozen(tmp_path):
    script = (
        "import gc, sys; import cms.wsgi as w; "
        "print(gc.get_freeze_count(), 'cms.api.urls' in sys.modules, callable(w.application))"
    )
    result = run_python(production_env(tmp_path), "-c", script)
    assert result.returncode == 0, result.stderr
    frozen, views_loaded, callable_app = result.stdout.split()
    # Django, Wagtail and every view module: hundreds of thousands of objects.
    assert int(frozen) > 100_000
    assert views_loaded == "True"
    assert callable_app == "True"
