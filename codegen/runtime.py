"""The hand-written runtime the generated data is for: ``src/smspartner_codes``.

The generator takes from it what the data must fit, so that nothing is kept twice: the fields
of a record, in their order, and the names the runtime defines itself, which a catalog may not
give its classes or members. The runtime reads its generated data (``_data``) only on first use,
so importing it works whatever state that data is in (missing, stale, in the middle of a merge).

The package is imported from this repository's ``src/``, whatever else is installed.
"""

from __future__ import annotations

import enum
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

SOURCE_DIR = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "smspartner_codes"
PACKAGE_DIR = SOURCE_DIR / PACKAGE


def _import_runtime() -> ModuleType:
    """The package of ``src/`` (already imported when ``src`` is on the path, as in the tests)."""
    module = sys.modules.get(PACKAGE)
    if module is None:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, PACKAGE_DIR / "__init__.py", submodule_search_locations=[str(PACKAGE_DIR)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = module
        spec.loader.exec_module(module)
    where = Path(module.__file__ or "").resolve().parent
    if where != PACKAGE_DIR:
        raise RuntimeError(f"{PACKAGE} is imported from {where}, not from this repository's {PACKAGE_DIR}")
    return module


_import_runtime()

import smspartner_codes  # noqa: E402  (imported from src/ above)
from smspartner_codes import _endpoints, _groups, _strings  # noqa: E402

# A record's fields, in order: the generator writes each record as a tuple of them.
RECORD_FIELDS: tuple[str, ...] = smspartner_codes._RECORD_FIELDS
# An alias's record (a second name of a code), likewise.
ALIAS_FIELDS: tuple[str, ...] = smspartner_codes._ALIAS_FIELDS

# An endpoint's record (smspartner_codes.ENDPOINTS), likewise.
ENDPOINT_FIELDS: tuple[str, ...] = _endpoints.ENDPOINT_FIELDS

# The module of the package data that defines a class of the catalog ("HlrError": "_hlr_error"):
# the runtime imports a class from there, so the generator writes it there.
class_module: Callable[[str], str] = smspartner_codes._class_module

# The modules of the package data that hold no class of their own name: no class may be named so
# that its module would be one of them (the runtime's rule: "Registry" would be in "_registry").
DATA_MODULES = frozenset(
    {"__init__", "_exports", "_registry", "_exceptions", "_endpoints", "_disagreements", "_table_ids"}
)

# Every class a member or a group of a table can be an instance of, or take its properties from.
MEMBER_CLASSES: tuple[type, ...] = (
    smspartner_codes.IntCodeEnum,
    _strings.StrCodeEnum,
    smspartner_codes._Permanent,
    smspartner_codes._Grouped,
    smspartner_codes._Status,
    _groups.GroupEnum,
)


def member_attributes() -> frozenset[str]:
    """The public attributes of members and groups: the runtime's own, and those enum gives every member.

    Only the classes of the runtime and of the enum module count; those of int and str
    (``.real``, ``.upper()``...) do not, since no upstream name is taken for them.
    """
    names: set[str] = set()
    for member_class in MEMBER_CLASSES:
        for cls in member_class.__mro__:
            if cls.__module__.startswith(PACKAGE) or cls.__module__ == enum.__name__:
                names.update(name for name in vars(cls) if not name.startswith("_"))
    return frozenset(names)


def package_names() -> frozenset[str]:
    """The public names the package defines itself: no class of the catalog may take one."""
    return frozenset({*smspartner_codes._OWN_NAMES, *smspartner_codes._LAZY_MODULES})
