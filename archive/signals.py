"""Signals the archive sends so that other apps can react without archive importing them.

article_text_changed is sent inside the import transaction of the file, after the article row
holds the new text and the previous text is kept as a revision. Receivers that raise roll the
whole file back, so annotations can never be left pointing at text that was not saved.

Arguments: ``article`` (the updated Article), ``previous`` (the ArticleRevision that held the
old text) and ``current`` (the ArticleRevision with the new text). A receiver may return a
one-line summary of what it did; the importer reports it beside the file.
"""

from django.dispatch import Signal

article_text_changed = Signal()

# Sent by the page of a person or an organisation while it is built, so that another app can
# add a section to it (the annotations app: the public notes about the entity) without archive
# importing that app. Arguments: ``entity`` and ``request``. A receiver returns a dict with
# "template" (a template name) and "context" (what it renders with, as ``section``), or None
# to add nothing; the page renders the sections in the order the receivers answer.
entity_page_sections = Signal()

# Sent by an editor's merge of two entities, inside its transaction, before ``other`` is
# deleted: what other apps hold of ``other`` moves to ``survivor`` (the annotations app: the
# notes about it). Arguments: ``survivor`` and ``other``.
entities_merged = Signal()
