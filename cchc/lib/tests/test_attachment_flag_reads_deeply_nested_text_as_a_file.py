"""A result-attachment cell holding JSON text nested thousands of levels deep (hostile or broken input)
is read as "there is an attachment", like any other non-empty text, instead of crashing the reader."""

from cchc.lib.natsync_values import parse_attachment


def test_text_nested_deeper_than_python_recursion_is_an_attachment():
    assert parse_attachment("[" * 100_000 + "]" * 100_000) is True
    assert parse_attachment('{"a":' * 50_000 + "1" + "}" * 50_000) is True


def test_empty_json_text_is_still_no_attachment():
    assert parse_attachment("[]") is False
    assert parse_attachment(" {} ") is False
