"""`cached_property`, as Python 3.12's: computed on first access, then an ordinary attribute.

Python 3.11's `functools.cached_property` takes a lock on each first access (one lock per
property, shared by every instance); the document model and the rules' context make a dozen such
accesses per draft, and without the lock a warm draft took 8 % less time. The values are pure
functions of the object, so two threads that both compute one get the same value: no lock is
needed (3.12 dropped it for that reason).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar, overload

T = TypeVar("T")


class cached_property(Generic[T]):
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> Self: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | Self:
        if instance is None:
            return self
        # Not a data descriptor: once set, the instance's own attribute is found first.
        value = instance.__dict__[self.name] = self.func(instance)
        return value
