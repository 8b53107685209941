"""What a service refuses, each mapped by the API to one HTTP status."""


class AnnotationError(Exception):
    status = 400

    def __init__(self, message: str = "", *, errors: dict[str, list[str]] | None = None):
        super().__init__(message or "; ".join(m for ms in (errors or {}).values() for m in ms))
        self.message = str(self)
        self.errors = errors or {}


class Invalid(AnnotationError):
    status = 400


class NotAuthenticated(AnnotationError):
    status = 401


class Forbidden(AnnotationError):
    status = 403


class NotFound(AnnotationError):
    """Also what someone else's private annotation answers: its existence must not leak."""

    status = 404


class NotAllowed(AnnotationError):
    status = 405


class Conflict(AnnotationError):
    status = 409


class UnsupportedMediaType(AnnotationError):
    status = 415


class StaleVersion(Conflict):
    """The reader's version is not the annotation's: a 409, or a 412 when If-Match named it."""


class PreconditionFailed(AnnotationError):
    status = 412
