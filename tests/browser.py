"""Headless Debian Chromium for the HTML report tests (tests/install_browser.sh installs it in CI)."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed (tests/install_browser.sh installs it)"
)


def chromium(page: Path, profile: Path, *args: str, fragment: str = "") -> str:
    """Run headless Chromium on a local file, with everything that could reach the network turned off."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
        page.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def assert_self_contained(html: str) -> None:
    """A report opened from a mail attachment must not load anything."""
    lowered = html.lower()
    for needle in ("http://", "https://", "url(", "@import", "<link", "<iframe", "<img", "src="):
        assert needle not in lowered, f"the report must not load anything: found {needle!r}"
    assert "<script>" in html and "<style>" in html


def assert_screenshot(page: Path, folder: Path, name: str, width: int, height: int) -> Path:
    """Take a screenshot of the page into folder/name and check it is a real PNG of that size."""
    shot = folder / name
    chromium(page, folder / "profile", f"--screenshot={shot}", f"--window-size={width},{height}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert struct.unpack(">II", data[16:24]) == (width, height)
    return shot
