"""How the change log and the journals of each page show who did what: ``actor`` for a stored actor name
(a command reads as the system or the demo data, never its command line), ``verb_label`` for a stored
verb (its Vietnamese words, never the code) and ``verb_lang`` for the ``lang`` its words are in."""

from django import template

from cchc.core.audit_form import text_lang
from cchc.core.events import Label, actor_display, verb_label

register = template.Library()


@register.filter
def actor(name: str) -> str:
    return actor_display(name)


@register.filter(name="verb_label")
def verb_label_filter(verb: str) -> Label:
    return verb_label(verb)


@register.filter
def verb_lang(verb: str) -> str:
    """``vi`` while the catalogue of the page's language has no words for the verb yet (the English
    pages mark what they show untranslated), else the page's language."""
    return lang_of(verb_label(verb))


@register.filter
def lang_of(text: Label) -> str:
    """The ``lang`` of a lazily translated text as the page shows it: ``vi`` while untranslated."""
    return text_lang(text)
