"""Project-wide test configuration: personas, and Playwright on Debian's Chromium."""

import gc
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django ORM calls made by fixtures in
# browser tests would otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("CCHC_TESTING", "1")
# Tests that load the whole demo need its shape, not its 200,000 dossiers.
os.environ.setdefault("CCHC_DEMO_DOSSIERS", "400")

# docs/testing.md, "Python's garbage collector": what this threshold and gc.freeze() saved.
GC_YOUNG_THRESHOLD = 50_000

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


# Marked slow (tens of seconds each; `pytest -m "not slow"` skips them): tests on the shared demo or a
# shared build, and these files, measured in docs/testing.md.
SLOW_FIXTURES = {"demo_db", "demo_snapshot", "built_once"}
SLOW_FILES = {
    "cchc/feedback/tests/test_demo_year_and_public_pages_without_personal_data.py",
    "cchc/directives/tests/test_tasks_demo_follows_the_seed_up_to_today.py",
    "cchc/dossiers/tests/test_demo_league_tables_tell_a_story.py",
    "cchc/dossiers/tests/test_demo_year_is_realistic.py",
    "cchc/oversight/tests/test_demo_year_has_every_state.py",
    "cchc/lib/tests/test_docreader_2025_corpus_holds_its_floors.py",
    "cchc/lib/tests/test_outcomes_batch_agrees_with_the_single_dossier_judge.py",
    "cchc/dossiers/tests/test_web_import_of_a_large_line_delimited_file_stays_in_bounded_memory.py",
}


def pytest_addoption(parser):
    parser.addoption(
        "--skip-accessibility-replay",
        action="store_true",
        help="run the browser tests without replaying their pages through axe-core: for CI's second "
        "engine job only, as the first engine's job replays the same pages (docs/testing.md)",
    )


def _freeze_what_the_session_keeps():
    """Move every object alive now (Django's apps, the collected tests, a snapshot) out of the garbage
    collector's reach: they live to the end of the session, and each full collection walked all of them
    again (docs/testing.md, "Python's garbage collector"). Objects made later are collected as before."""
    gc.collect()
    gc.freeze()


def pytest_collection_finish(session):
    _freeze_what_the_session_keeps()
    # Fewer young-generation collections: a test makes tens of thousands of short-lived objects (ORM
    # rows, templates), most freed by reference counting; the default 700 ran a collection every few
    # hundred microseconds for little garbage. Cycles are still collected, in larger batches.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def pytest_collection_modifyitems(config, items):
    from cchc.testing.engines import touches_database

    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.nodeid.split("::")[0] in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
        if not touches_database(item):  # CI runs it in one engine's job only (cchc/testing/engines.py)
            item.add_marker(pytest.mark.engine_independent)


@pytest.fixture(scope="session", autouse=True)
def _flush_postgresql_with_delete():
    """After each transactional test, empty PostgreSQL's tables with DELETE (see cchc.testing.fast_flush)."""
    from cchc.testing.fast_flush import deleting_flush

    with deleting_flush():
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Browser tests must fail, never skip, when Chromium is missing.
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
        snapshot = take()
    _freeze_what_the_session_keeps()  # its rows stay in memory to the end of the session
    return snapshot


@pytest.fixture(scope="session")
def _snapshots():
    return {}


@pytest.fixture
def built_once(db, _snapshots):
    """``built_once(key, build)``: the rows ``build()`` writes, built by the first test of the session
    that asks for ``key`` and copied into each later one (see cchc.testing.demo_snapshot); returns what
    ``build`` returned, so ``build`` should return an immutable value (a summary, a number)."""
    from cchc.testing.demo_snapshot import restore, take

    def use(key, build):
        if key not in _snapshots:
            _snapshots[key] = take(build)
        restore(_snapshots[key])
        return _snapshots[key].result

    return use


@pytest.fixture
def demo_db(db, demo_snapshot):
    """The test database holds the whole demo (restored from the session's snapshot in well under a
    second; ``cchc load-demo`` takes tens of seconds). The test's rollback removes it."""
    from django.core.cache import cache

    from cchc.testing.demo_snapshot import restore

    restore(demo_snapshot)
    cache.clear()
    return demo_snapshot


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Every page a browser test was shown is checked with axe-core once the test body has passed
    (cchc.testing.accessibility, docs/accessibility.md): a WCAG 2.1 A/AA violation fails the test."""
    names = set(getattr(item, "fixturenames", ()))
    if not {"live_server", "browser"} <= names or item.config.getoption("skip_accessibility_replay"):
        return (yield)
    from cchc.testing import accessibility

    with accessibility.recording() as served:
        result = yield
    browser, server = item.funcargs["browser"], item.funcargs["live_server"]
    violations = accessibility.replay_and_check(browser, list(served), server.url)
    if violations:
        raise AssertionError(accessibility.report(violations))
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Close the browser contexts a test opened with cchc.testing.browser.new_context and left open,
    before its fixtures (live server, database) are torn down."""
    if "browser" in getattr(item, "fixturenames", ()):
        from cchc.testing.browser import close_opened

        close_opened()


def pytest_terminal_summary(terminalreporter, config):
    from cchc.testing import accessibility

    if config.getoption("skip_accessibility_replay"):
        terminalreporter.write_line("axe-core: replay skipped (--skip-accessibility-replay; docs/testing.md)")

    if accessibility.spent["runs"]:
        terminalreporter.write_line(
            f"axe-core: {accessibility.spent['runs']} screen × width checks in "
            f"{accessibility.spent['seconds']:.0f} s (docs/accessibility.md)"
        )
