"""Who may do what with an annotation; the services and templates ask here.

Private annotations (and the replies under them) are visible to their owner only, staff
included: a reader's private notes are theirs. Staff may delete public annotations to moderate.
"""

from .models import Annotation, Visibility


def _thread_owner_id(annotation: Annotation) -> int:
    return annotation.parent.owner_id if annotation.parent_id else annotation.owner_id


def _thread_public(annotation: Annotation) -> bool:
    root = annotation.parent if annotation.parent_id else annotation
    return root.visibility == Visibility.PUBLIC


def can_view(user, annotation: Annotation) -> bool:
    """A reply is exactly as visible as its thread."""
    if _thread_public(annotation):
        return True
    return user.is_authenticated and user.pk == _thread_owner_id(annotation)


def can_edit(user, annotation: Annotation) -> bool:
    return user.is_authenticated and annotation.owner_id == user.pk


def can_delete(user, annotation: Annotation) -> bool:
    if can_edit(user, annotation):
        return True
    return user.is_authenticated and user.is_staff and _thread_public(annotation)


def can_reply(user, annotation: Annotation) -> bool:
    return user.is_authenticated and annotation.parent_id is None and can_view(user, annotation)
