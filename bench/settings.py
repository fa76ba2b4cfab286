"""Settings of the benchmark's server: the production settings (from the environment) plus the floor page."""

from config.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"  # noqa: F405 (collected by bench/run.py)
