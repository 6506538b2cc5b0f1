"""Where `-o` writes, and how, so that writing a briefing never destroys a file.

- a regular file, or a path that does not exist yet: written atomically (a temporary file in
  the same folder, then a rename), so a reader never sees half a briefing. A new file gets
  the mode the umask gives; an existing file keeps its mode (and, where we may, its owner);
- a symbolic link: its target is written atomically; the link itself stays a link;
- a character device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe), and `-`:
  written through, because renaming a file over them would replace the device node;
- the input file itself, by any path: refused before any work (`same_file`);
- a destination that cannot be written: refused before the model is loaded (`check`);
  missing folders on the way to a new file are created.

Errors: a destination that cannot be opened is a `UsageError` (exit 2); a write that fails
half way (ENOSPC, EIO) is an `OutputError` (exit 1). Both are one line naming the path.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path

from .errors import InputError, OutputError, UsageError
from .names import printable

STDOUT = "-"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _resolved(path: Path) -> Path:
    """A symlink's final target (the file the link points at), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def same_file(source: str, output: Path | None) -> None:
    """Refuse an output that is the input (by device and inode, so any path to it counts)."""
    if output is None or str(output) == STDOUT:
        return
    try:
        out = output.stat()
        into = os.fstat(sys.stdin.fileno()) if source == STDOUT else os.stat(source)
    except (OSError, ValueError, AttributeError):
        return  # no such output yet, or no input to compare: nothing to overwrite
    if not stat.S_ISREG(out.st_mode):
        return  # writing to a device or pipe cannot overwrite the input
    if (out.st_dev, out.st_ino) == (into.st_dev, into.st_ino):
        raise InputError(
            f"--output {printable(str(output))} is the input file; writing there would "
            "overwrite the bulletin: choose another --output"
        )


def check(output: Path | None) -> None:
    """Refuse a destination that cannot be written, before any model work."""
    if output is None or str(output) == STDOUT:
        return
    shown = printable(str(output))
    if output.is_dir():
        raise UsageError(f"--output {shown} is a directory; give a file name")
    target = _resolved(output)
    if target.exists():
        if not os.access(target, os.W_OK):
            raise UsageError(f"cannot write {shown} (permission denied); choose another --output")
        if _is_special(target):
            return
    # Missing folders are created at write time; the nearest existing one must take them.
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(
            f"cannot write {shown} ({printable(str(folder))} is not a folder); "
            "choose another --output"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            f"cannot write {shown} (the folder is not writable); choose another --output"
        )


def write(output: Path | None, data: str) -> None:
    """Write `data` to `output` (None or '-' is stdout) as the module docstring says."""
    if output is None or str(output) == STDOUT:
        _through(sys.stdout.fileno() if _has_fd() else None, data, "standard output")
        return
    shown = printable(str(output))
    target = _resolved(output)
    if _is_special(target):
        try:
            handle = os.open(target, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise UsageError(
                f"cannot write {shown} ({_reason(exc)}); choose another --output"
            ) from exc
        try:
            _through(handle, data, shown)
        finally:
            os.close(handle)
        return
    _atomic(target, data, shown)


def _has_fd() -> bool:
    try:
        sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False  # a test runner's captured stream
    return True


def _through(handle: int | None, data: str, shown: str) -> None:
    try:
        if handle is None:
            sys.stdout.write(data)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        view = memoryview(data.encode("utf-8"))
        while view:
            view = view[os.write(handle, view) :]
    except OSError as exc:
        raise OutputError(f"writing {shown} failed ({_reason(exc)})") from exc


def _atomic(target: Path, data: str, shown: str) -> None:
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise UsageError(f"cannot write {shown} ({_reason(exc)}); choose another --output") from exc
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {shown} ({_reason(exc)}); choose another --output") from exc
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # 0o666 through the umask, as any new file; an existing file's mode is restored below.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UsageError(f"cannot write {shown} ({_reason(exc)}); choose another --output") from exc
    try:
        try:
            if existing is not None:
                os.fchmod(handle, stat.S_IMODE(existing.st_mode))
                if os.geteuid() == 0:
                    os.fchown(handle, existing.st_uid, existing.st_gid)
            view = memoryview(data.encode("utf-8"))
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"writing {shown} failed ({_reason(exc)})") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
