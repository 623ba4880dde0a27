"""The one way the maintenance tools match catalog entries with their counterparts: by code, then by name.

``diff`` pairs the entries of two catalogs, ``upstream`` pairs the rows of SMSPartner's page
with the catalog's entries; both must agree on what "the same code" is, including for a code
that several names share (2053) and for a code whose name changed (a rename).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Left = TypeVar("Left")
Right = TypeVar("Right")

# What an item is matched on: its code as text ("7" whether the code is 7 or "7"), and its name.
Key = tuple[str, "str | None"]


def pair_by_code(
    left: Sequence[Left],
    right: Sequence[Right],
    left_key: Callable[[Left], Key],
    right_key: Callable[[Right], Key],
) -> tuple[list[tuple[Left, Right]], list[Left], list[Right]]:
    """Pair the items of ``left`` and ``right`` that have the same code.

    Items of the same code and the same name pair first, so that a code with several names
    pairs each with its own, whatever their order; then an item left over takes the first
    free item of its code (the same code under another name: a rename). Returns the pairs
    in the order of ``left``, then the items of ``left`` and of ``right`` without a pair.
    """
    right_keys = [right_key(item) for item in right]
    free = list(range(len(right)))
    partner: dict[int, int] = {}
    left_keys = [left_key(item) for item in left]
    for index, key in enumerate(left_keys):
        same = next((other for other in free if right_keys[other] == key), None)
        if same is not None:
            partner[index] = same
            free.remove(same)
    for index, (code, _) in enumerate(left_keys):
        if index not in partner:
            renamed = next((other for other in free if right_keys[other][0] == code), None)
            if renamed is not None:
                partner[index] = renamed
                free.remove(renamed)
    pairs = [(item, right[partner[index]]) for index, item in enumerate(left) if index in partner]
    unpaired = [item for index, item in enumerate(left) if index not in partner]
    return pairs, unpaired, [right[index] for index in free]
