"""docs/FORMAT.md's recovery recipe recovers a file the app wrote: the data outlives the app."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from intervisie_tui.core.model import Group, Member, new_id
from intervisie_tui.store.fileformat import HEADER_LEN
from tests.conftest import PASSPHRASE
from tests.store.format2 import write_format2

FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"


def recipe() -> str:
    """The Python block between the recipe markers of docs/FORMAT.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- recipe:start -->\n```python\n(.*?)```\n<!-- recipe:end -->", text, re.S)
    assert block, "recipe markers missing from docs/FORMAT.md"
    return block.group(1)


def test_recipe_is_at_most_30_lines() -> None:
    """The recipe stays short enough to copy and check by eye: at most 30 lines."""
    assert len(recipe().strip().splitlines()) <= 30


def test_recipe_uses_only_cryptography_and_the_standard_library() -> None:
    """Nothing of the app is needed to recover data."""
    tree = ast.parse(recipe())
    imports = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imports |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imports == {"getpass", "hashlib", "hmac", "json", "struct", "sys", "unicodedata", "cryptography"}


def test_recipe_recovers_a_file_written_by_the_app(tmp_path: Path, new_repository, clock) -> None:
    """Run the recipe in a separate interpreter on a real file; the names come back."""
    repository = new_repository()
    group = Group(id=new_id(), name="Groep Zoë", updated_at=clock())
    member = Member(id=new_id(), group_id=group.id, name="Anouk 👩‍⚕️ de Vries", updated_at=clock())
    repository.put(group, member)
    script = tmp_path / "recover.py"
    script.write_text(recipe(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-I", str(script), str(repository.path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    names = {doc["name"] for doc in document["members"].values()}
    assert names == {member.name}
    assert {doc["name"] for doc in document["groups"].values()} == {group.name}
    assert document["meta"]["1"]["schema"] == 2


def test_recipe_refuses_a_wrong_passphrase(tmp_path: Path, new_repository) -> None:
    """A wrong passphrase makes the recipe fail loudly, not print garbage."""
    repository = new_repository()
    script = tmp_path / "recover.py"
    script.write_text(recipe(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-I", str(script), str(repository.path)],
        input="wrong\n",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert result.returncode != 0 and "wrong passphrase" in result.stderr
    assert result.stdout == ""


def run_recipe(tmp_path: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """The recipe run on ``path`` in a separate interpreter, the passphrase on standard input."""
    script = tmp_path / "recover.py"
    script.write_text(recipe(), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-I", str(script), str(path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )


def test_recipe_refuses_an_erased_commit_slot_instead_of_rolling_back(tmp_path: Path, new_repository, clock) -> None:
    """A reader following the document does not fall back to the older commit when the newest slot
    was zeroed: it stops and says the slots are damaged (docs/FORMAT.md, "Commit slots")."""
    repository = new_repository()
    repository.put(Group(id=new_id(), name="Groep Noord", updated_at=clock()))  # commit 2, in slot 0
    path = repository.path
    repository.close()
    data = bytearray(path.read_bytes())
    data[HEADER_LEN : HEADER_LEN + 64] = bytes(64)
    path.write_bytes(bytes(data))
    result = run_recipe(tmp_path, path)
    assert result.returncode != 0 and "damaged commit slots" in result.stderr
    assert result.stdout == ""


def test_recipe_reads_a_format2_file(tmp_path: Path) -> None:
    """Files written before format 3 (commit 1 alone beside an all-zero slot 0) are recovered too."""
    path = tmp_path / "old.ivt"
    write_format2(path, {"meta": b'{"1":{"schema":1}}', "groups": b'{"1":{"name":"Oud"}}'})
    result = run_recipe(tmp_path, path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["groups"]["1"]["name"] == "Oud"
