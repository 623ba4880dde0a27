"""The URLs of SMSPartner's endpoints: their hosts, and the shape two printings of one URL share.

The pages print an endpoint's URL many ways: ``https://`` or ``http://``, a trailing slash,
and path parameters as ``{apiKey}``, ``$apiKey``, ``${apiKey}``, ``%s``, ``YOUR_API_KEY``,
``YOUR-API-KEY`` or ``xxx``. The catalog writes each URL once, as host and path with
parameters as ``{name}``; a printed URL is that URL when their shapes are equal: the host
and path, each parameter replaced by ``{}``.
"""

from __future__ import annotations

import re

# The host each product's endpoints are served from.
PRODUCT_HOSTS = {
    "sms": "api.smspartner.fr",
    "hlr": "api.smspartner.fr",
    "voice": "api.voicepartner.fr",
    "mail": "api.mailpartner.fr",
}

# A path segment that stands for a value: an interpolation ({x}, $x, ${x}, %s, (x)), a
# placeholder in capitals (YOUR_API_KEY, CAMPAIGN-ID) or a run of x (xxx).
_PARAMETER = re.compile(r".*[{$%(].*|[A-Z][A-Z0-9_-]*[A-Z0-9]|[xX]+")


def host(url: str) -> str:
    return url.partition("/")[0]


def matches(url: str, template: str) -> bool:
    """Whether a URL as called (``…/cancel/KEY/42``) or as printed is one of ``template``'s (``…/cancel/{}/{}``)."""
    called = shape(url).split("/")
    wanted = shape(template).split("/")
    return len(called) == len(wanted) and all(
        part == want or (want == "{}" and part != "") for part, want in zip(called, wanted, strict=True)
    )


def shape(url: str) -> str:
    """``api.voicepartner.fr/v1/campaign/cancel/$apiKey/%s`` -> ``api.voicepartner.fr/v1/campaign/cancel/{}/{}``."""
    bare = re.sub(r"^https?://", "", url.strip()).split("?")[0].rstrip("/")
    head, *segments = bare.split("/")
    return "/".join([head, *("{}" if _PARAMETER.fullmatch(segment) else segment for segment in segments)])
