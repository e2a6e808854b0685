"""Demo data for Ekby kommun: declarative content and the functions that load it.

``content`` declares the fictional municipality (units, people, users, items);
``loader`` creates it idempotently; ``words`` and ``bulk`` generate large volumes of
varied items for benchmarks and search tuning.
"""
