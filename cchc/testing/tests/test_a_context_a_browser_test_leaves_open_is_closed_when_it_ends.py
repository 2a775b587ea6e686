"""A browser context a test opens with ``new_context`` and does not close is closed when the test ends
(conftest.py), so its pages do not keep running through the rest of the session. The second test
checks what the first left behind; pytest runs a file's tests in order."""

import pytest

from cchc.testing.browser import new_context

pytestmark = pytest.mark.browser

left_open: list = []


def test_a_test_opens_a_context_and_leaves_it_open(browser):
    context = new_context(browser)
    context.new_page().set_content("<input autofocus>")
    left_open.append(context)
    assert context in browser.contexts


def test_the_context_it_left_open_was_closed_when_it_ended(browser):
    assert len(left_open) == 1
    assert left_open[0] not in browser.contexts
