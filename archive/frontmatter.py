"""Split an article file into its front matter (YAML or TOML) and its Markdown body.

Real files vary: front matter with blank lines inside, the whole file wrapped in a ``` fence
(an artefact of copying from chat tools), TOML between +++ lines (Hugo), CRLF line endings and
a UTF-8 BOM. This module only reads text; it touches no database.
"""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass

import yaml

from .control_characters import CONTROL_RE

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader


class YamlLoader(_BaseLoader):
    """The safe loader, read as authors mean it.

    ``date: 2024-02-30`` is a typo, not a reason to refuse the file: a timestamp that does not
    exist stays a string (the importer then warns). ``title: yes`` is the word "yes": only
    true and false are booleans, as in YAML 1.2.
    """


def _timestamp(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


def _boolean(loader, node):
    value = loader.construct_scalar(node)
    return {"true": True, "false": False}.get(value.lower(), value)


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
YamlLoader.add_constructor("tag:yaml.org,2002:bool", _boolean)
TOML_POSITION_RE = re.compile(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)")


class ArticleFileError(Exception):
    """A file cannot be imported. ``line`` is 1-based within the file, where known."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Split:
    meta: dict
    body: str
    format: str  # "yaml", "toml" or "none"


FENCE_RE = re.compile(r"^(`{3,}|~{3,})\s*[\w+-]*\s*$")
YAML_KEY_RE = re.compile(r"^[A-Za-z_][\w-]*\s*:")
# Front matter beyond this many nested values is not metadata; it is an attack or an accident
# (YAML aliases can make a few lines expand exponentially).
MAX_META_NODES = 5000


def normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> Split:
    lines = text.split("\n")
    start = _first_non_blank(lines, 0)
    if start is None:
        raise ArticleFileError("the file is empty")
    fence = FENCE_RE.match(lines[start])
    if fence:
        return _split_fenced(lines, start, fence.group(1))
    return _split_plain(lines, start)


def _split_plain(lines: list[str], start: int) -> Split:
    marker = lines[start].strip()
    if marker in ("---", "+++"):
        closers = ("---", "...") if marker == "---" else ("+++",)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() in closers), None)
        if end is None:
            raise ArticleFileError(
                f"the front matter opened by '{marker}' is never closed", line=start + 1
            )
        raw = "\n".join(lines[start + 1 : end])
        kind = "yaml" if marker == "---" else "toml"
        meta = parse_meta(raw, kind=kind, first_line=start + 2)
        return Split(meta=meta, body="\n".join(lines[end + 1 :]), format=kind)
    if YAML_KEY_RE.match(lines[start]):
        bare = _split_bare(lines, start)
        if bare is not None:
            return bare
    return Split(meta={}, body="\n".join(lines[start:]), format="none")


def _split_bare(lines: list[str], start: int) -> Split | None:
    """Hexo's front matter without its opening '---': key lines, then '---', then the body.

    Taken only when every line up to the '---' reads as YAML and names a title, so a body
    that merely starts with "Note: ..." and has a rule further down stays a body.
    """
    end = next((i for i in range(start, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return None
    try:
        meta = parse_meta("\n".join(lines[start:end]), kind="yaml", first_line=start + 1)
    except ArticleFileError:
        return None
    if not isinstance(meta.get("title"), str | int | float):
        return None
    return Split(meta=meta, body="\n".join(lines[end + 1 :]), format="yaml")


def _split_fenced(lines: list[str], start: int, fence: str) -> Split:
    inner = _first_non_blank(lines, start + 1)
    if inner is not None and lines[inner].strip() in ("---", "+++"):
        # The fence wraps the whole article: drop it and its partner near the end of the file.
        rest = lines[:start] + lines[start + 1 :]
        fences = [i for i, line in enumerate(rest) if line.strip().startswith(fence[:3])]
        if len(fences) % 2 == 1 and rest[fences[-1]].strip() == fence:
            del rest[fences[-1]]
        split = _split_plain(rest, _first_non_blank(rest, 0))
        return split
    if inner is not None and YAML_KEY_RE.match(lines[inner]):
        # The fenced block itself is the front matter (```yaml ... ```).
        end = next((i for i in range(inner, len(lines)) if lines[i].strip() == fence), None)
        if end is not None:
            raw = "\n".join(lines[start + 1 : end])
            meta = parse_meta(raw, kind="yaml", first_line=start + 2)
            if "title" in meta:
                return Split(meta=meta, body="\n".join(lines[end + 1 :]), format="yaml")
    return Split(meta={}, body="\n".join(lines[start:]), format="none")


def _first_non_blank(lines: list[str], begin: int) -> int | None:
    return next((i for i in range(begin, len(lines)) if lines[i].strip()), None)


def parse_meta(raw: str, *, kind: str, first_line: int) -> dict:
    """Parse YAML or TOML front matter into a dict with lower-case keys."""
    if kind == "toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            line = _toml_error_line(str(exc))
            raise ArticleFileError(
                f"broken TOML front matter: {TOML_POSITION_RE.sub('', str(exc))}",
                line=first_line + line - 1 if line else None,
            ) from exc
    else:
        try:
            data = yaml.load(raw, Loader=YamlLoader)  # noqa: S506 - a safe loader
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            raise ArticleFileError(
                f"broken YAML front matter: {problem}",
                line=first_line + mark.line if mark else None,
            ) from exc
        except yaml.YAMLError as exc:
            raise ArticleFileError(f"broken YAML front matter: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleFileError(
            "the front matter is not a set of 'key: value' lines", line=first_line - 1
        )
    budget = [MAX_META_NODES]
    return {
        CONTROL_RE.sub("", str(key)).strip().lower(): to_json(value, budget)
        for key, value in data.items()
    }


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def to_json(value, budget: list[int]):
    """Copy front-matter values into JSON-safe types, refusing runaway structures."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ArticleFileError("the front matter is too large or nested too deeply")
    if isinstance(value, str):
        return CONTROL_RE.sub("", value)
    if isinstance(value, dict):
        return {CONTROL_RE.sub("", str(k)): to_json(v, budget) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_json(v, budget) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return CONTROL_RE.sub("", str(value))


def value_text(value) -> str:
    """A front-matter value as text: lists joined, a mapping by its name (or nothing)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(filter(None, (value_text(item) for item in value)))
    if isinstance(value, dict):  # author: {name: Jane Doe, url: ...}
        return value_text(value.get("name") or value.get("title"))
    return str(value).strip()
