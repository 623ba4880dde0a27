"""HTTP response objects, as ``requests`` and ``httpx`` return them, read duck-typed for their answer.

Neither library is needed: a response is any object with a ``url``, and a ``content`` (bytes)
or a ``text``; its ``headers`` give the content type and its ``status_code`` the HTTP status,
where it has them. Whatever the object does when read (a streamed body not read yet raises
in httpx), nothing but what is returned here comes out: the readers of answers then raise
only the package's own errors. The URL is handed back as the object gives it, for
``endpoint()`` to reduce to endpoint ids at once; nothing here quotes or keeps it.
"""

__all__ = ["read_response_object"]


def read_response_object(response: object) -> "tuple[object, object, int | None, str | None]":
    """(body, url, HTTP status, problem): the body as bytes or text, or None and why it cannot be read."""
    url = _attribute(response, "url")
    status = _attribute(response, "status_code")
    if type(status) is not int:
        status = None
    content_type = _content_type(response)
    body = _attribute(response, "content")
    if not isinstance(body, (bytes, bytearray, str)):
        body = _attribute(response, "text")
    if not isinstance(body, (bytes, bytearray, str)):
        return None, url, status, "its body could not be read (a streamed response not read yet?)"
    if content_type is not None and "html" in content_type:
        # A proxy's or a server's error page: not an answer, even where it would parse as XML.
        return None, url, status, f"an HTML page (content type {content_type[:60]}), not an answer"
    return body, url, status, None


def _attribute(response: object, name: str) -> object:
    try:
        return getattr(response, name, None)
    except Exception:  # a property that raises (httpx's content of a streamed response): no value
        return None


def _content_type(response: object) -> "str | None":
    headers = _attribute(response, "headers")
    try:
        value = headers.get("content-type") if headers is not None else None  # type: ignore[attr-defined]
    except Exception:  # headers that are no mapping
        return None
    return value.lower() if isinstance(value, str) else None
