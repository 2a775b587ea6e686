"""Project-wide test configuration: personas, and Playwright on Debian's Chromium (stack.md §5)."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django ORM calls made by fixtures in
# browser tests would otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("CCHC_TESTING", "1")
# Tests that load the whole demo need its shape, not its 200,000 dossiers.
os.environ.setdefault("CCHC_DEMO_DOSSIERS", "400")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Browser tests must fail, never skip, when Chromium is missing (issue 2, CI).
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make deps` (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    from cchc.testing.browser import CONTEXT_DEFAULTS  # why reduced motion: see there

    return {**browser_context_args, **CONTEXT_DEFAULTS}


@pytest.fixture
def world(db):
    from cchc.testing.personas import build_world

    return build_world()


@pytest.fixture(scope="session", autouse=True)
def _redis_database_of_its_own():
    """`make test-redis` points REDIS_URL at a database number of its own: empty it before and after."""
    if not os.environ.get("REDIS_URL"):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The whole demo, loaded once per session (per xdist worker) and kept in memory."""
    from cchc.testing.demo_snapshot import take

    with django_db_blocker.unblock():
        return take()


@pytest.fixture
def demo_db(db, demo_snapshot):
    """The test database holds the whole demo (restored from the session's snapshot in well under a
    second; ``cchc load-demo`` takes tens of seconds). The test's rollback removes it."""
    from django.core.cache import cache

    from cchc.testing.demo_snapshot import restore

    restore(demo_snapshot)
    cache.clear()
    return demo_snapshot
