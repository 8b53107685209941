"""Work that other apps do on each imported article, done where the file is parsed.

A large import parses in worker processes (archive.parallel) while one process writes, and
that one process is the import's bottleneck. An app whose receivers do costly, pure work on
every saved article (search tokenises its title and text) registers a function here from its
``AppConfig.ready()``. The function runs where the file is parsed, in a worker or not; its
result rides with the ParsedArticle to the save, as ``article.derived[name]``, and the app's
receiver uses it instead of doing the work again.

A function takes the ParsedArticle and returns plain data. It must be importable by name (it is
sent to the workers, which load no apps and have no database) and touch no database. What it
returns must say what it was computed from, since the article may change between the parse
and a save (boilerplate found later in the import): the receiver checks, and otherwise does
the work itself. A function that fails leaves the work to its receiver, so it can cost time
but never a file.
"""

from collections.abc import Callable, Mapping
from types import MappingProxyType

Deriver = Callable[[object], object]
_DERIVERS: dict[str, Deriver] = {}
NOTHING: Mapping = MappingProxyType({})


def deriver_register(name: str, function: Deriver) -> None:
    """Have ``function`` run on every parsed article; its result is ``derived[name]``."""
    _DERIVERS[name] = function


def derivers() -> dict[str, Deriver]:
    """The registered functions, to hand to the parsing workers."""
    return dict(_DERIVERS)


def derive(parsed, functions: Mapping[str, Deriver]) -> dict:
    """Each function's result for ``parsed``, leaving out those that failed."""
    derived = {}
    for name, function in functions.items():
        try:
            derived[name] = function(parsed)
        except Exception:  # the receiver does the work itself instead
            continue
    return derived
