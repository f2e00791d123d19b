"""The README's Python API example, run as it stands there (so the front door cannot drift from the code)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Python API") :]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_the_readme_example_runs_and_prints_what_it_says(monkeypatch: pytest.MonkeyPatch, capsys, use_encoder) -> None:  # noqa: ANN001
    from align.progress import set_quiet

    set_quiet(True)
    monkeypatch.chdir(ROOT)
    exec(compile(_readme_example(), "README.md", "exec"), {})  # noqa: S102 - the README's own example
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Bruselas (EFE).- Varios países") and " | Brussels (EFE).- Several countries" in lines[0]
    assert any(line.startswith("omission ") and "missing in the target" in line for line in lines)
    assert any(line.startswith("seeds/outlet_c_fr.txt ") and "of the reference carried" in line for line in lines)
    assert lines[-1] == "missing.txt: no such file"


def test_the_package_exports_its_calls_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, align; print('align.check' in sys.modules); "
        "from align import check_files; print(check_files.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "align.check"]


def test_a_memory_as_the_translation_reads_its_target_side_with_any_options(use_encoder) -> None:  # noqa: ANN001
    from align import ReadOptions, align_files
    from align.progress import set_quiet

    set_quiet(True)
    memory = ROOT / "tests" / "fixtures" / "formats" / "memory.tmx"
    result = align_files(str(memory), str(memory), "use-m3", target_options=ReadOptions(lang="en"))
    assert result.target.text.startswith("The coalition signs")  # not the Spanish source side again
    assert result.source.text.startswith("La coalición firma")
