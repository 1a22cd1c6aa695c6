"""VaultStorage: TinyDB over the encrypted file (private copies, per-table bytes, commit after success)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from intervisie_tui.core.model import Group, Member, new_id
from intervisie_tui.store import storage as storage_module
from intervisie_tui.store.errors import SaveFailed
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.storage import VaultStorage
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE


class Opened:
    """A vault, its storage and a TinyDB over it; ``reopen`` closes and unlocks again."""

    def __init__(self, path: Path, clock, kdf) -> None:
        self.path = path
        self.clock = clock
        self.vault = Vault.create(path, PASSPHRASE, {}, kdf=kdf, clock=clock)
        self._attach({})

    def _attach(self, tables) -> None:
        self.storage = VaultStorage(self.vault, tables)
        self.db = TinyDB(storage=lambda: self.storage)

    def reopen(self) -> Opened:
        self.vault.close()
        self.vault, tables = Vault.unlock(self.path, PASSPHRASE, clock=self.clock)
        self._attach(tables)
        return self

    def count_saves(self) -> list[int]:
        """Wrap the vault's save; the returned list grows by one per save."""
        calls: list[int] = []
        real = self.vault.save

        def counting(tables, changed):
            calls.append(1)
            return real(tables, changed)

        self.vault.save = counting  # type: ignore[method-assign]
        return calls

    def fail_saves(self) -> None:
        """Make every save fail as a full disk would."""

        def failing(tables, changed):
            raise SaveFailed("the disk is full")

        self.vault.save = failing  # type: ignore[method-assign]

    def close(self) -> None:
        self.vault.close()


@pytest.fixture
def opened(data_file: Path, clock, fast_kdf):
    """An empty database on a new encrypted file."""
    handle = Opened(data_file, clock, fast_kdf)
    yield handle
    handle.close()


def snapshot(db: TinyDB) -> dict[str, list[dict]]:
    """Every table's documents as plain dicts."""
    return {name: [dict(doc) for doc in db.table(name).all()] for name in sorted(db.tables())}


def test_documents_handed_out_are_private_copies(opened: Opened) -> None:
    """Mutating a returned document (even a nested value) does not change what the next read returns."""
    table = opened.db.table("a")
    table.insert({"name": "Anouk", "inner": {"x": 1}, "list": [1, 2]})
    docs = table.all()
    docs[0]["name"] = "changed"
    docs[0]["inner"]["x"] = 99
    docs[0]["list"].append(3)
    assert table.all() == [{"name": "Anouk", "inner": {"x": 1}, "list": [1, 2]}]


def test_the_dict_from_read_is_a_private_copy(opened: Opened) -> None:
    """Mutating what storage.read() returned changes neither memory nor the next read."""
    opened.db.table("a").insert({"n": 1})
    data = opened.storage.read()
    data["a"]["1"]["n"] = 5
    data["a"]["2"] = {"n": 2}
    data["b"] = {"1": {"sneaky": True}}
    del data["a"]["1"]
    again = opened.storage.read()
    assert set(again) == {"a"}
    assert again["a"] == {"1": {"n": 1}}
    assert set(opened.storage.encoded_tables()) == {"a"}


def test_a_write_re_encodes_only_the_touched_table(opened: Opened, monkeypatch) -> None:
    """With tables a, b and c present, an insert into a encodes a only; b and c keep their bytes."""
    for name in "abc":
        opened.db.table(name).insert({"table": name})
    before = opened.storage.encoded_tables()
    encoded: list[dict] = []
    real = storage_module.encode_table

    def counting(table):
        encoded.append(table)
        return real(table)

    monkeypatch.setattr(storage_module, "encode_table", counting)
    opened.db.table("a").insert({"table": "a", "second": True})
    assert len(encoded) == 1
    assert {doc["table"] for doc in encoded[0].values()} == {"a"}
    after = opened.storage.encoded_tables()
    assert after["b"] is before["b"] and after["c"] is before["c"]
    assert after["a"] is not before["a"]
    assert len(opened.reopen().db.table("a")) == 2


def test_reading_encodes_nothing_and_saves_nothing(opened: Opened, monkeypatch) -> None:
    """Reads (all, search, get) never re-encode or write."""
    opened.db.table("a").insert({"n": 1})
    saves = opened.count_saves()
    monkeypatch.setattr(storage_module, "encode_table", lambda table: pytest.fail("encoded on read"))
    opened.db.table("a").all()
    opened.db.table("a").search(Query().n == 1)
    opened.db.table("a").get(doc_id=1)
    assert saves == []


def test_a_failed_save_changes_neither_memory_nor_the_file(opened: Opened) -> None:
    """When the save fails, the write is not visible in memory and the file is byte for byte the same."""
    table = opened.db.table("members")
    table.insert({"name": "Bram"})
    state = snapshot(opened.db)
    file_bytes = opened.path.read_bytes()
    opened.fail_saves()
    with pytest.raises(SaveFailed) as raised:
        table.insert({"name": "Fatima"})
    assert raised.value.reason == "the disk is full"
    with pytest.raises(SaveFailed):
        opened.db.table("other").insert({"new": "table"})
    with pytest.raises(SaveFailed):
        table.truncate()
    assert snapshot(opened.db) == state
    assert opened.path.read_bytes() == file_bytes
    assert snapshot(opened.reopen().db) == state


def test_a_save_after_a_failed_one_writes_only_the_new_change(opened: Opened) -> None:
    """A failed write is really gone: the next successful write does not resurrect it."""
    table = opened.db.table("a")
    table.insert({"n": 1})
    real = opened.vault.save
    opened.fail_saves()
    with pytest.raises(SaveFailed):
        table.insert({"n": 2})
    opened.vault.save = real  # type: ignore[method-assign]
    table.insert({"n": 3})
    assert sorted(doc["n"] for doc in opened.reopen().db.table("a").all()) == [1, 3]


def test_batch_makes_several_writes_one_save(opened: Opened) -> None:
    """Writes inside batch() are visible inside it and reach the disk in exactly one save."""
    saves = opened.count_saves()
    with opened.storage.batch():
        opened.db.table("a").insert({"n": 1})
        opened.db.table("a").insert({"n": 2})
        opened.db.table("b").insert({"n": 3})
        assert len(opened.db.table("a")) == 2  # read your own writes
        assert saves == []
    assert len(saves) == 1
    assert snapshot(opened.reopen().db) == {"a": [{"n": 1}, {"n": 2}], "b": [{"n": 3}]}


def test_nested_batches_save_once_at_the_outermost_end(opened: Opened) -> None:
    """An inner batch does not save on its own; the outer one saves everything once."""
    saves = opened.count_saves()
    with opened.storage.batch():
        opened.db.table("a").insert({"n": 1})
        with opened.storage.batch():
            opened.db.table("b").insert({"n": 2})
        assert saves == []
    assert len(saves) == 1
    assert snapshot(opened.reopen().db) == {"a": [{"n": 1}], "b": [{"n": 2}]}


def test_an_exception_inside_a_batch_applies_none_of_its_writes(opened: Opened) -> None:
    """If the block raises, nothing of the batch is saved or kept in memory."""
    opened.db.table("a").insert({"n": 0})
    state = snapshot(opened.db)
    file_bytes = opened.path.read_bytes()
    saves = opened.count_saves()
    with pytest.raises(ValueError, match="stop"):
        with opened.storage.batch():
            opened.db.table("a").insert({"n": 1})
            opened.db.table("b").insert({"n": 2})
            opened.db.drop_table("a")
            raise ValueError("stop")
    assert saves == []
    assert snapshot(opened.db) == state
    assert opened.path.read_bytes() == file_bytes


def test_a_failed_save_at_the_end_of_a_batch_applies_none_of_its_writes(opened: Opened) -> None:
    """If the batch's one save fails, memory and file keep the state from before the batch."""
    opened.db.table("a").insert({"n": 0})
    state = snapshot(opened.db)
    file_bytes = opened.path.read_bytes()
    opened.fail_saves()
    with pytest.raises(SaveFailed):
        with opened.storage.batch():
            opened.db.table("a").insert({"n": 1})
            opened.db.table("b").insert({"n": 2})
    assert snapshot(opened.db) == state
    assert opened.path.read_bytes() == file_bytes
    assert snapshot(opened.reopen().db) == state


def test_a_batch_without_writes_does_not_save(opened: Opened) -> None:
    """A batch in which nothing was written does not rewrite the file."""
    opened.db.table("a").insert({"n": 1})
    saves = opened.count_saves()
    with opened.storage.batch():
        opened.db.table("a").all()
    assert saves == []


def test_drop_table_survives_reopening(opened: Opened) -> None:
    """A dropped table is gone from memory and from the file; the other tables stay."""
    opened.db.table("keep").insert({"n": 1})
    opened.db.table("drop").insert({"n": 2})
    opened.db.drop_table("drop")
    assert opened.db.tables() == {"keep"}
    reopened = opened.reopen()
    assert reopened.db.tables() == {"keep"}
    assert reopened.db.table("keep").all() == [{"n": 1}]
    assert "drop" not in reopened.storage.encoded_tables()


def test_forget_empties_memory(opened: Opened) -> None:
    """After forget() no decrypted table is held any more; the file itself is untouched."""
    opened.db.table("a").insert({"secret": "vertrouwelijk"})
    file_bytes = opened.path.read_bytes()
    opened.storage.forget()
    assert opened.storage.encoded_tables() == {}
    assert dict(opened.storage.read()) == {}
    assert opened.storage.held_bytes() == 0
    assert opened.storage.table_names() == []
    assert opened.path.read_bytes() == file_bytes


def test_two_threads_putting_into_different_tables_lose_nothing(data_file: Path, clock, fast_kdf) -> None:
    """Two threads doing 50 puts each (groups / members) end with all 100 records after reopening."""
    repository = Repository.create(data_file, PASSPHRASE, kdf=fast_kdf, clock=clock)
    group_id = new_id()
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def put_many(make) -> None:
        try:
            start.wait()
            for number in range(50):
                repository.put(make(number))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=put_many, args=(lambda n: Group(id=new_id(), name=f"G{n}", updated_at=clock()),)),
        threading.Thread(
            target=put_many,
            args=(lambda n: Member(id=new_id(), group_id=group_id, name=f"M{n}", updated_at=clock()),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    repository.close()
    assert errors == []
    reopened = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        assert sorted(g.name for g in reopened.groups()) == sorted(f"G{n}" for n in range(50))
        assert sorted(m.name for m in reopened.members(group_id)) == sorted(f"M{n}" for n in range(50))
    finally:
        reopened.close()
