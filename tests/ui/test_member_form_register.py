"""The member form's register example names registers where intervision counts (never BIG)."""

from __future__ import annotations

import re

import pytest

from intervisie_tui import i18n
from intervisie_tui.core.registers import load_shipped_registers, register_by_id
from intervisie_tui.ui.dialogs.member_form import member_form


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_register_example_suggests_only_registers_where_intervision_counts(language: str) -> None:
    """BIG re-registration asks no intervision (docs/REGISTERS.md), so the example does not offer it."""
    i18n.set_language(language)  # the conftest sets Dutch again after each test
    (field,) = [field for field in member_form(None)._fields if field.key == "register"]
    example = re.sub(r"^(e\.g\.|bijv\.)\s*", "", field.placeholder)
    names = [name.strip() for name in example.split(",")]
    assert len(names) >= 2 and "BIG" not in names
    registers = load_shipped_registers()
    for name in names:
        register = register_by_id(registers, name)
        assert register is not None and register.counts_intervision, name
