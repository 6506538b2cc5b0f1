"""`-o` never destroys a file: device nodes and FIFOs are written through, a symlink's target
is written (the link stays), the input is never the output, an unwritable destination is
refused before any model work, modes follow the umask or the existing file, and a write that
fails part way is one line and exit 1.

Device nodes are made with os.mknod in tmp_path (these tests run as root), never the real
/dev/null.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summariser.backends as backends
from summariser.backends.fake import FakeBackend
from summariser.cli import app

runner = CliRunner()
BULLETIN = (
    "Flooding closed the main road into Herat on Monday, officials said. Traffic was diverted.\n"
    "\n"
    "The council in Kabul approved a new budget for schools. Teachers welcomed it.\n"
)
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")


def answer(kwargs: dict[str, Any]) -> dict[str, Any]:
    body = kwargs["messages"][1]["content"].split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    lead = body.splitlines()[0][:300]
    return {"headline": " ".join(lead.split()[:6]), "summary": lead, "key_points": []}


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[FakeBackend]:
    """Backends created by the run (none when the run is refused before the model)."""
    created: list[FakeBackend] = []

    def create(config: Any) -> FakeBackend:
        created.append(FakeBackend(default=answer))
        return created[-1]

    monkeypatch.setattr(backends, "create_backend", create)
    return created


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def summarise(*args: str) -> Any:
    return runner.invoke(app, [*args, "--no-cache", "--quiet"])


@root_only
def test_a_character_device_is_written_through_not_replaced(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = summarise(str(bulletin), "-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bulletin.txt", "null"]


@root_only
def test_a_full_device_is_one_line_and_exit_1(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    result = summarise(str(bulletin), "-o", str(full))
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: writing"), result.output
    assert "No space left" in lines[0]
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_fifo_is_written_through(made: list[FakeBackend], bulletin: Path, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = summarise(str(bulletin), "-o", str(fifo))
    reader.join(10)
    if reader.is_alive():  # nothing opened the FIFO: release the reader, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and got[0].startswith(b"# Daily briefing")


def test_a_symlink_stays_a_link_and_its_target_is_written(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    result = summarise(str(bulletin), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Daily briefing")


def test_a_dangling_symlink_creates_its_target(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "new.md")
    result = summarise(str(bulletin), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "new.md").read_text(encoding="utf-8").startswith("# Daily briefing")


@pytest.mark.parametrize("how", ["same path", "dotted path", "hard link", "symlink"])
def test_the_input_as_output_is_refused_before_any_work(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path, how: str
) -> None:
    other = {
        "same path": bulletin,
        "dotted path": tmp_path / "." / ".." / tmp_path.name / "bulletin.txt",
        "hard link": tmp_path / "hard.txt",
        "symlink": tmp_path / "soft.txt",
    }[how]
    if how == "hard link":
        os.link(bulletin, other)
    if how == "symlink":
        other.symlink_to(bulletin)
    result = summarise(str(bulletin), "-o", str(other))
    assert result.exit_code == 2, result.output
    assert "is the input file" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert made == []
    assert bulletin.read_text(encoding="utf-8") == BULLETIN


def test_an_unwritable_destination_is_refused_before_the_model_is_made(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = summarise(str(bulletin), "-o", str(blocker / "sub" / "brief.md"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("summarise: error: cannot write")
    assert made == []


def test_a_read_only_folder_is_refused_before_the_model_is_made(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    # Root may write anywhere, so the access check itself is what is asked here.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode)
    )
    result = summarise(str(bulletin), "-o", str(folder / "brief.md"))
    assert result.exit_code == 2, result.output
    assert "not writable" in result.output
    assert made == []


def test_a_new_output_honours_the_umask(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.md"
    old = os.umask(0o022)
    try:
        result = summarise(str(bulletin), "-o", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_existing_output_keeps_its_mode(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o664)
    result = summarise(str(bulletin), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert out.read_text(encoding="utf-8").startswith("# Daily briefing")


def test_a_file_name_that_is_not_utf8_is_escaped_in_the_json(
    made: list[FakeBackend], tmp_path: Path
) -> None:
    name = os.fsdecode(b"caf\xe9-bulletin.txt")
    source = tmp_path / name
    source.write_text(BULLETIN, encoding="utf-8")
    out = tmp_path / "brief.json"
    result = summarise(str(source), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    import json

    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["input"] == "caf\\xe9-bulletin.txt"


def test_a_missing_file_whose_name_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / os.fsdecode(b"gone-\xff.txt")
    result = summarise(str(missing))
    assert result.exit_code == 2
    assert "gone-\\xff.txt: no such file" in result.output


def test_dash_as_output_is_standard_output(
    made: list[FakeBackend], bulletin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = summarise(str(bulletin), "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Daily briefing")
    assert not (tmp_path / "-").exists()
