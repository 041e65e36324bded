r"""Reading a request body: bounded, exact, and located.

A body is read in chunks up to a byte limit (``413`` past it, before it is all in
memory), then parsed by perfscore's own safe YAML reader — JSON is YAML's flow
style — with the loaders' limits on nesting and on the number of values. So numbers
stay the decimals written (``17626.37`` never passes through ``float``) and every
value keeps its line and column *in the request body*.

How a figures document posted as JSON names its source: the request's ``source``
field (default ``request``) is the file name its locations carry, and the lines and
columns are those of the posted body. A client that posts a figures file's YAML text
as a string (``"figures": "perfscore: 1\\n…"``) gets the file's own lines and columns,
and with ``"source"`` set to the file's path the answer is byte for byte what the CLI
prints for that file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import attrs

from perfscore._core.diagnostics import FiguresError, UsageError, diagnostic
from perfscore._core.figures import Figures
from perfscore._text.problems import problem
from perfscore._yaml.source import ReadLimits, SourceDocument, parse_document


@attrs.frozen(kw_only=True)
class Limits:
    """What one request may ask of the server."""

    max_bytes: int = 1024 * 1024
    max_depth: int = 32
    max_values: int = 100_000
    seconds: float = 10.0

    @property
    def read(self) -> ReadLimits:
        """The YAML reader's limits for a body (or a figures text inside one)."""
        return ReadLimits(max_bytes=self.max_bytes, max_depth=self.max_depth, max_values=self.max_values)


def too_large(size: str, limit: int) -> UsageError:
    """``SERVE_REQUEST_TOO_LARGE`` for a body over the byte limit."""
    zh, en = problem("serve.body_size", size=size)
    return UsageError([diagnostic("SERVE_REQUEST_TOO_LARGE", problem=en, problem_zh=zh, limit=f"{limit} bytes")])


async def read_body(chunks: AsyncIterator[bytes], declared: str | None, limits: Limits) -> bytes:
    """The body, refused as soon as it is known to exceed ``limits.max_bytes``."""
    if declared is not None and declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large(declared, limits.max_bytes)
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > limits.max_bytes:
            raise too_large(f"more than {limits.max_bytes}", limits.max_bytes)
    return bytes(body)


def invalid(endpoint: str, key: str, /, **params: object) -> UsageError:
    """``SERVE_REQUEST_INVALID`` naming what is wrong with the request: the problem ``key`` of ``_text.problems``."""
    zh, en = problem(key, **params)
    return UsageError([diagnostic("SERVE_REQUEST_INVALID", endpoint=endpoint, problem=en, problem_zh=zh)])


def parse_body(body: bytes, endpoint: str, limits: Limits) -> SourceDocument:
    """The body as a located document; it must be an object (``SERVE_REQUEST_INVALID`` otherwise)."""
    if not body.strip():
        raise invalid(endpoint, "serve.body_empty")
    doc = parse_document(body, name="request", error_type=UsageError, limits=limits.read)
    if not isinstance(doc.data, dict):
        raise invalid(endpoint, "serve.body_object")
    source = doc.data.get("source")
    name = source if isinstance(source, str) and source else "request"
    return attrs.evolve(doc, name=name)


def text_field(doc: SourceDocument, key: str, endpoint: str, *, required: bool = True) -> str | None:
    """A string field of the body."""
    value = doc.data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise invalid(endpoint, "serve.string", key=key)
    return value


def figures_field(doc: SourceDocument, key: str, endpoint: str, limits: Limits) -> Figures:
    """Figures from the body's ``key``: a JSON object (located in the body) or a figures file's YAML text.

    A YAML text is named by the body's ``KEY_source`` (``self_source``, ``review_source``)
    when given, else by ``source``: so a review's two files keep their own names.
    """
    from perfscore._inputs.figures import figures_from_document  # noqa: PLC0415

    value = doc.data.get(key)
    if isinstance(value, str):
        own = doc.data.get(f"{key}_source")
        name = own if isinstance(own, str) and own else doc.name
        return figures_from_document(parse_document(value, name=name, error_type=FiguresError, limits=limits.read))
    if not isinstance(value, dict):
        raise invalid(endpoint, "serve.figures", key=key)
    prefix = (key,)
    sub = SourceDocument(
        name=doc.name,
        data=value,
        value_marks={path[1:]: mark for path, mark in doc.value_marks.items() if path[:1] == prefix},
        key_marks={path[1:]: mark for path, mark in doc.key_marks.items() if path[:1] == prefix},
    )
    return figures_from_document(sub)


def lang_field(doc: SourceDocument, endpoint: str) -> Any:  # noqa: ANN401 - "zh", "en" or None
    """The optional ``lang`` of the answer's messages (as ``--lang``; default: the pack's)."""
    value = doc.data.get("lang")
    if value not in {None, "zh", "en"}:
        raise invalid(endpoint, "serve.lang")
    return value
