"""`to_dict`/`from_dict` for the frozen records of `model/`, derived from their type hints.

A record is a frozen dataclass whose fields are JSON values (str, int, float, bool, None), other
records, `Span`s, or tuples, lists and optionals of those. `to_dict` gives plain JSON-able data;
`from_dict` rebuilds the same record, so what a store or a worker process writes comes back equal.
Unknown keys are ignored (a newer writer may add fields) and missing ones take the field default.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Pair(Record):
...     left: str
...     right: tuple[int, ...] = ()
>>> Pair.from_dict(Pair("a", (1, 2)).to_dict()) == Pair("a", (1, 2))
True
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


# Record classes by name, so that tagged values (`encode`/`decode`) can be rebuilt.
RECORD_TYPES: dict[str, type] = {}
TAG = "__record__"


class Record:
    """Mixin for frozen dataclasses: see the module docstring."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        RECORD_TYPES[cls.__name__] = cls

    def to_dict(self) -> dict[str, Any]:
        return {f.name: dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}.from_dict needs a dict, got {type(data).__name__}")
        hints = _hints(cls)
        kwargs = {f.name: load(hints[f.name], data[f.name])
                  for f in dataclasses.fields(cls) if f.name in data}  # type: ignore[arg-type]
        return cls(**kwargs)


def dump(value: Any) -> Any:
    """A record, span or container of them as JSON-able data."""
    if isinstance(value, Record):
        return value.to_dict()
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None and dataclasses.is_dataclass(value):
        return to_dict()
    if isinstance(value, (list, tuple)):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): dump(v) for k, v in value.items()}
    return value


def encode(value: Any) -> Any:
    """Like `dump`, but each record carries its type name, so `decode` can rebuild values whose
    type is not known in advance (an article's ``values``).

    >>> from newsweave.model import Evidence
    >>> decode(encode({"best": [Evidence("a", 0, 3)]}))
    {'best': [Evidence(article='a', start=0, end=3)]}
    """
    if isinstance(value, Record):
        out = {TAG: type(value).__name__}
        for f in dataclasses.fields(value):  # type: ignore[arg-type]
            out[f.name] = dump(getattr(value, f.name))
        return out
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    """The inverse of `encode`. A tag naming no known record is an error, not a silent dict."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        tag = value.get(TAG)
        if tag is None:
            return {k: decode(v) for k, v in value.items()}
        cls = RECORD_TYPES.get(tag)
        if cls is None:
            raise ValueError(f"unknown record type {tag!r}")
        return cls.from_dict({k: v for k, v in value.items() if k != TAG})  # type: ignore[attr-defined]
    return value


def load(hint: Any, value: Any) -> Any:
    """`value` (JSON data) as the type `hint` names."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return load(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(load(args[0], v) for v in value)
        return tuple(load(a, v) for a, v in zip(args, value))
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        return [load(arg, v) for v in value]
    if origin is dict:
        args = typing.get_args(hint)
        arg = args[1] if len(args) == 2 else Any
        return {k: load(arg, v) for k, v in value.items()}
    if isinstance(hint, type):
        from_dict = getattr(hint, "from_dict", None)
        if from_dict is not None:
            return from_dict(value)
        if hint is float and isinstance(value, int):
            return float(value)
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
