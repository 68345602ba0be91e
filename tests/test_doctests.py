"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import competency_explorer


def modules_with_examples() -> list[ModuleType]:
    found = []
    for info in pkgutil.walk_packages(
        competency_explorer.__path__, prefix="competency_explorer."
    ):
        if info.name.endswith("__main__"):  # running it starts the CLI
            continue
        module = importlib.import_module(info.name)
        if any(test.examples for test in doctest.DocTestFinder().find(module)):
            found.append(module)
    return found


MODULES = modules_with_examples()


def test_some_modules_have_examples() -> None:
    assert {m.__name__ for m in MODULES} >= {
        "competency_explorer.model",
        "competency_explorer.spelling",
    }


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    failed, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0
    assert failed == 0
