"""Settings modules: ``base`` is shared; ``dev``, ``test`` and ``production`` extend it."""
