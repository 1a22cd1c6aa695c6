"""Files from before versions (schema 1: no lineage, no versions on records) open, merge and upgrade."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.versions import META_KEYS
from intervisie_tui.store.body import decode_table
from intervisie_tui.store.merge import merge_into
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.versioning import META, TOMBSTONES, file_lineage
from tests.conftest import PASSPHRASE


def make_old_file(path: Path, clock, fast_kdf) -> None:
    """A file as the app wrote it before versions: meta at schema 1 without a lineage, bare records."""
    repository = Repository.create(path, PASSPHRASE, kdf=fast_kdf, clock=clock)
    repository.put(*demo_records(clock()))
    tables = {name: decode_table(raw) for name, raw in repository.storage.encoded_tables().items()}
    old = {
        name: {doc_id: {k: v for k, v in doc.items() if k not in META_KEYS} for doc_id, doc in table.items()}
        for name, table in tables.items()
        if name != TOMBSTONES
    }
    old[META] = {"1": {"schema": 1, "created": clock().isoformat()}}
    repository.storage.stamper = None  # write it exactly as the old app would have
    repository.replace_tables(old, [])
    repository.close()


def test_an_old_file_is_read_without_being_written(tmp_path: Path, clock, fast_kdf) -> None:
    path = tmp_path / "oud.ivt"
    make_old_file(path, clock, fast_kdf)
    before = path.read_bytes()
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        assert repository.groups()
        assert repository.lineage == file_lineage({"1": {"created": clock().isoformat()}})
    finally:
        repository.close()
    assert path.read_bytes() == before


def test_copies_of_an_old_file_upgraded_apart_still_merge(tmp_path: Path, clock, fast_kdf) -> None:
    first, second = tmp_path / "a.ivt", tmp_path / "b.ivt"
    make_old_file(first, clock, fast_kdf)
    shutil.copy(first, second)
    a = Repository.unlock(first, PASSPHRASE, clock=clock, machine="a" * 32)
    b = Repository.unlock(second, PASSPHRASE, clock=clock, machine="b" * 32)
    try:
        group = a.groups()[0]
        member, other_member = a.members(group.id)[:2]
        a.put(dataclasses.replace(member, name="Gewijzigd op A"))
        b.put(dataclasses.replace(other_member, name="Gewijzigd op B"))
        b.remove(a.agreements(group.id)[0])
        meta = a.meta()
        assert meta["schema"] == 2 and meta["lineage"] == b.meta()["lineage"]  # the first write upgraded both alike

        report = merge_into(a, b)

        assert not report.conflicts
        names = {m.id: m.name for m in a.members(group.id)}
        assert names[member.id] == "Gewijzigd op A" and names[other_member.id] == "Gewijzigd op B"
        assert len(a.agreements(group.id)) == len(b.agreements(group.id))
    finally:
        a.close()
        b.close()
