"""`align batch`: manifests, one bad item not stopping the rest, resume after a kill without loss or recomputation,
and byte-identical outputs whatever the engine, the number of workers or the state of the embedding cache."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL = ["--model", "use-m3"]

runner = CliRunner()


@pytest.fixture()
def pairs(tmp_path: Path) -> list[tuple[Path, Path]]:
    """Three small real pairs, presplit: Text+Berg test3 (de-fr), its first half, and the seed story (es-en)."""
    data = tmp_path / "data"
    data.mkdir()
    de, fr = (FIXTURES / "test3.de").read_text(encoding="utf-8"), (FIXTURES / "test3.fr").read_text(encoding="utf-8")
    made = []
    for name, source, target in [
        ("a", de, fr),
        ("b", "\n".join(de.splitlines()[:40]) + "\n", "\n".join(fr.splitlines()[:42]) + "\n"),
        ("c", (SEEDS / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8"),
         (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8")),
    ]:
        (data / f"{name}.src").write_text(source, encoding="utf-8")
        (data / f"{name}.tgt").write_text(target, encoding="utf-8")
        made.append((data / f"{name}.src", data / f"{name}.tgt"))
    return made


def _tsv(path: Path, rows: list[tuple[Path | str, Path | str]]) -> Path:
    path.write_text("".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return path


def _batch(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", "--quiet", "--presplit", *MODEL, *map(str, args)])
    return result.exit_code, result.output


def _outputs(folder: Path) -> dict[str, bytes]:
    own = ("summary.json", "fingerprints.jsonl")  # what the batch writes about its outputs
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name not in own}


def _start_batch_until_first_output(manifest: Path, out: Path, *args: str) -> subprocess.Popen:
    """`align batch` in its own process group, returned once it has written an output (or ended, or given up
    waiting), so a test can kill it mid-run."""
    command = [sys.executable, "-m", "align.cli", "batch", str(manifest), "--out-dir", str(out), "--presplit",
               *MODEL, *args]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while not list(out.glob("*.vecalign")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return process


def _summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def test_tsv_manifest_with_a_broken_pair(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    missing = tmp_path / "data" / "missing.src"
    manifest = _tsv(tmp_path / "pairs.tsv", [*pairs[:2], (missing, pairs[0][1]), pairs[2]])
    out = tmp_path / "out"
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1")
    assert code == 1, output  # something failed, but not the others
    assert sorted(_outputs(out)) == ["a.src.vecalign", "b.src.vecalign", "c.src.vecalign"]
    summary = _summary(out)
    assert summary["counts"] == {"items": 4, "done": 3, "skipped": 0, "failed": 1}
    [failure] = summary["failures"]
    assert failure["id"] == "missing.src" and "no such file" in failure["reason"]
    assert [item["status"] for item in summary["items"]] == ["done", "done", "failed", "done"]
    assert all(item["seconds"] >= 0 for item in summary["items"])
    # The historical contract: one output per pair, named after the source file, same as `align sentences`.
    single = runner.invoke(app, ["sentences", "--quiet", "--presplit", *MODEL, "-f", "vecalign", *map(str, pairs[2])])
    assert (out / "c.src.vecalign").read_text(encoding="utf-8") == single.stdout

    # Rerun: nothing finished is recomputed (files untouched, nothing embedded), the failure is tried again.
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.vecalign")}
    from align.encoders import load_encoder

    encoder = load_encoder("use-m3")
    misses = encoder.misses
    code, _ = _batch(manifest, "--out-dir", out, "--workers", "1")
    assert code == 1
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.vecalign")} == stamps
    assert encoder.misses == misses
    summary = _summary(out)
    assert summary["counts"] == {"items": 4, "done": 0, "skipped": 3, "failed": 1}
    assert summary["items"][0]["beads"] > 0  # details of skipped items are kept from the run that made them


def test_resume_after_a_killed_run_loses_and_recomputes_nothing(  # noqa: ANN001
    tmp_path: Path, cache_dir: Path, pairs, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    rows = []
    for copy in range(3):  # 9 items, so the kill lands mid-way
        for source, target in pairs:
            name = f"{copy}{source.stem}"
            shutil.copy(source, data / f"{name}.src")
            shutil.copy(target, data / f"{name}.tgt")
            rows.append((data / f"{name}.src", data / f"{name}.tgt"))
    manifest = _tsv(tmp_path / "pairs.tsv", rows)
    expected_dir = tmp_path / "expected"
    code, output = _batch(manifest, "--out-dir", expected_dir, "--workers", "1", "--no-cache")
    assert code == 0, output
    expected = _outputs(expected_dir)

    out = tmp_path / "out"
    process = _start_batch_until_first_output(manifest, out, "--workers", "1", "--quiet")
    try:
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    survivors = {p.name: p.stat().st_mtime_ns for p in out.glob("*.vecalign")}
    assert survivors, process.stderr.read().decode() if process.stderr else "no output before the deadline"
    assert len(survivors) < len(rows), "the run finished before it could be killed"
    for name in survivors:  # whatever was written is complete (atomic writes)
        assert (out / name).read_bytes() == expected[name]

    # The rerun runs exactly the items without an output: none finished is recomputed, none unfinished is lost.
    from align.batch.tasks import Worker

    ran: list[str] = []
    original_run = Worker.run

    def recording_run(self: Worker, item):  # noqa: ANN001, ANN202
        ran.append(item.output)
        return original_run(self, item)

    monkeypatch.setattr(Worker, "run", recording_run)
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1")
    assert code == 0, output
    assert sorted(ran) == sorted(set(expected) - set(survivors))
    assert _outputs(out) == expected
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # no half-written file left behind
    assert {name: (out / name).stat().st_mtime_ns for name in survivors} == survivors
    summary = _summary(out)
    assert summary["counts"]["skipped"] == len(survivors)
    assert summary["counts"]["done"] == len(rows) - len(survivors)


def _pool_workers(pid: int) -> list[int]:
    """The driver's worker processes (not multiprocessing's resource tracker), from /proc."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    workers = []
    for child in children:
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                workers.append(int(child))
        except OSError:
            continue
    return workers


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the worker processes")
def test_a_killed_worker_costs_nothing(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    """A worker dying (OOM killer, crash) breaks the pool; the items it held are rerun and the batch completes."""
    unique = []
    for number, (source, target) in enumerate([*pairs, pairs[0], (pairs[1][0], pairs[0][1])]):
        copy = tmp_path / "data" / f"k{number}.src"  # distinct output names
        shutil.copy(source, copy)
        unique.append((copy, target))
    manifest = _tsv(tmp_path / "pairs.tsv", unique)
    code, output = _batch(manifest, "--out-dir", tmp_path / "expected", "--workers", "1")
    assert code == 0, output
    out = tmp_path / "out"
    process = _start_batch_until_first_output(manifest, out, "--workers", "2", "--no-cache")
    try:
        victims = _pool_workers(process.pid)
        assert victims, "no worker process found"
        os.kill(victims[0], signal.SIGKILL)
        _, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, stderr.decode()
    assert b"worker process died" in stderr
    assert _outputs(out) == _outputs(tmp_path / "expected")


def test_one_and_two_workers_and_cache_states_give_identical_bytes(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    manifest = _tsv(tmp_path / "pairs.tsv", pairs)
    runs = {
        "one_cold": ["--workers", "1"],
        "two_warm": ["--workers", "2"],
        "two_nocache": ["--workers", "2", "--no-cache"],
    }
    results = {}
    for name, options in runs.items():
        code, output = _batch(manifest, "--out-dir", tmp_path / name, *options)
        assert code == 0, output
        results[name] = _outputs(tmp_path / name)
        assert _summary(tmp_path / name)["workers"] == int(options[1])
    assert len(results["one_cold"]) == 3
    assert results["one_cold"] == results["two_warm"] == results["two_nocache"]


def test_ray_and_local_give_identical_bytes(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    pytest.importorskip("ray")
    manifest = _tsv(tmp_path / "pairs.tsv", pairs)
    code, output = _batch(manifest, "--out-dir", tmp_path / "local", "--workers", "1", "--no-cache")
    assert code == 0, output
    code, output = _batch(manifest, "--out-dir", tmp_path / "ray", "--engine", "ray", "--workers", "2")
    assert code == 0, output
    local, ray = _outputs(tmp_path / "local"), _outputs(tmp_path / "ray")
    assert len(local) == len(pairs) and all(local.values())
    assert ray == local
    assert _summary(tmp_path / "ray")["engine"] == "ray" and _summary(tmp_path / "ray")["workers"] == 2

    def details(folder: Path) -> list[dict]:  # per-item records, less what only timing or location changes
        return [{k: v for k, v in item.items() if k not in ("seconds", "output")} for item in _summary(folder)["items"]]

    assert details(tmp_path / "ray") == details(tmp_path / "local")


def test_ray_missing_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pairs) -> None:  # noqa: ANN001
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    manifest = _tsv(tmp_path / "pairs.tsv", pairs[:1])
    code, output = _batch(manifest, "--out-dir", tmp_path / "out", "--engine", "ray")
    assert code == 2
    assert "pip install" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_jsonl_manifest_with_ids_and_compare(tmp_path: Path, cache_dir: Path) -> None:
    manifest = tmp_path / "items.jsonl"
    manifest.write_text(
        json.dumps({"id": "story", "source": str(SEEDS / "efe_coalition_es.txt"),
                    "targets": [str(SEEDS / "outlet_b_en.txt"), str(SEEDS / "outlet_c_fr.txt")]}) + "\n"
        + "not json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--quiet", *MODEL, str(manifest), "--out-dir", str(out), "--task", "compare"])
    assert result.exit_code == 1, result.output
    payload = json.loads((out / "story.compare.json").read_text(encoding="utf-8"))
    assert len(payload["versions"]) == 2
    summary = _summary(out)
    assert summary["counts"]["done"] == 1 and summary["counts"]["failed"] == 1
    assert "items.jsonl:2" in summary["failures"][0]["reason"]


def test_two_folders_matched_by_name_and_check_task(tmp_path: Path, cache_dir: Path) -> None:
    sources, targets = tmp_path / "es", tmp_path / "en"
    sources.mkdir()
    targets.mkdir()
    shutil.copy(SEEDS / "efe_coalition_es.txt", sources / "story.txt")
    shutil.copy(SEEDS / "efe_coalition_en.txt", targets / "story.txt")
    shutil.copy(SEEDS / "efe_coalition_es.txt", sources / "orphan.txt")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", "--quiet", *MODEL, str(sources), str(targets), "--out-dir", str(out), "--task", "check"]
    )
    assert result.exit_code == 1, result.output  # the orphan has no counterpart
    payload = json.loads((out / "story.txt.check.json").read_text(encoding="utf-8"))
    assert payload["related"] is True and payload["flags"]
    summary = _summary(out)
    assert summary["counts"]["done"] == 1 and summary["counts"]["fails_gate"] == 1
    assert summary["failures"][0]["id"] == "orphan.txt"


def test_word_model_reaches_the_check_workers(tmp_path: Path, cache_dir: Path) -> None:
    manifest = _tsv(tmp_path / "pairs.tsv", [(SEEDS / "efe_coalition_es.txt", SEEDS / "efe_coalition_en_clean.txt")])
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["batch", "--quiet", *MODEL, str(manifest), "--out-dir", str(out), "--task", "check", "--word-model", "use-m3"],
    )
    assert _summary(out)["counts"]["done"] == 1, result.output
    payload = json.loads((out / "efe_coalition_es.txt.check.json").read_text(encoding="utf-8"))
    assert payload["signature"]["word_aligner"]["model"] == "use-m3"
    assert payload["signature"]["calibration"].startswith("use-m3")


def test_translation_model_reaches_the_check_workers(tmp_path: Path, cache_dir: Path) -> None:
    source, target = tmp_path / "es.txt", tmp_path / "en.txt"
    source.write_text("El Reino Unido y Francia convocaron a la coalición en Bruselas.\n", encoding="utf-8")
    target.write_text("The United Kingdom and convened the coalition in Brussels.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", "--quiet", *MODEL, str(_tsv(tmp_path / "pairs.tsv", [(source, target)])), "--out-dir", str(out)]
    result = runner.invoke(app, [*args, "--task", "check", "-j", "1", "--translation-model", "gemma-3-270m"])
    assert _summary(out)["counts"]["done"] == 1, result.output
    payload = json.loads((out / "es.txt.check.json").read_text(encoding="utf-8"))
    assert payload["signature"]["translation_model"]["name"] == "gemma-3-270m"
    assert [f["source_text"] for f in payload["flags"] if f["kind"] == "omission"] == ["Francia"]
    # The sentences task reads the same option as bead boundaries settled by the model.
    result = runner.invoke(app, [*args, "--task", "sentences", "-f", "json", "--translation-model", "gemma-3-270m"])
    assert _summary(out)["counts"]["done"] == 1, result.output
    payload = json.loads((out / "es.txt.json").read_text(encoding="utf-8"))
    assert payload["signature"]["aligner"]["translation_boundaries"] == "gemma-3-270m"


def test_check_and_compare_tasks_write_tsv(tmp_path: Path, cache_dir: Path) -> None:
    manifest = _tsv(tmp_path / "pairs.tsv", [(SEEDS / "efe_coalition_es.txt", SEEDS / "efe_coalition_en.txt")])
    for task in ("check", "compare"):
        out = tmp_path / task
        result = runner.invoke(
            app, ["batch", "--quiet", *MODEL, str(manifest), "--out-dir", str(out), "--task", task, "-f", "tsv"]
        )
        assert _summary(out)["counts"]["done"] == 1, result.output
        header, *rows = (out / f"efe_coalition_es.txt.{task}.tsv").read_text(encoding="utf-8").splitlines()
        assert header.split("\t")[:2] == (["bead", "kind"] if task == "check" else ["reference_id", "reference_start"])
        assert rows and all(len(row.split("\t")) == len(header.split("\t")) for row in rows)


def test_bad_format_for_task_is_exit_2(tmp_path: Path, pairs) -> None:  # noqa: ANN001
    manifest = _tsv(tmp_path / "pairs.tsv", pairs[:1])
    code, output = _batch(manifest, "--out-dir", tmp_path / "out", "--task", "check", "--format", "vecalign")
    assert code == 2 and "does not go with" in output


def test_a_task_given_as_the_first_argument_says_to_use_task(tmp_path: Path, pairs, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)  # no file named "check" here
    code, output = _batch("check", tmp_path / "a", tmp_path / "b", "--out-dir", tmp_path / "out")
    assert code == 2 and "give --task check" in output and not (tmp_path / "out").exists()


def test_join_mode_reaches_the_workers(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    manifest = _tsv(tmp_path / "pairs.tsv", pairs[:2])
    out = tmp_path / "out"
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1", "--joins", "shift", "-f", "json")
    assert code == 0, output
    written = json.loads((out / "a.src.json").read_text(encoding="utf-8"))
    assert written["signature"]["aligner"]["joins"] == "shift"
    single = runner.invoke(
        app, ["sentences", "--quiet", "--presplit", *MODEL, "--joins", "shift", "-f", "json", *map(str, pairs[0])]
    )
    assert json.loads(single.stdout)["beads"] == written["beads"]


def test_without_a_model_each_pair_gets_the_one_its_languages_need(tmp_path: Path, cache_dir: Path) -> None:
    icelandic = (FIXTURES / "parice" / "n_1.en.txt", FIXTURES / "parice" / "n_1.is.txt")
    spanish = (SEEDS / "efe_coalition_es.sentences.txt", SEEDS / "efe_coalition_en.sentences.txt")
    manifest = _tsv(tmp_path / "pairs.tsv", [icelandic, spanish])
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--quiet", "--presplit", str(manifest), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    models = {Path(item["source"]).name: item["model"] for item in _summary(out)["items"]}
    assert models == {"n_1.en.txt": "e5-small", "efe_coalition_es.sentences.txt": "use-m3"}
    refused = runner.invoke(app, ["batch", "--quiet", "--presplit", *MODEL, str(manifest), "--out-dir", str(out / "b")])
    assert refused.exit_code == 1
    assert "e5-small covers" in _summary(out / "b")["failures"][0]["reason"]


def test_never_writes_over_an_input(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    # The manifest sits where the summary would go: refused before anything runs.
    out = tmp_path / "out"
    out.mkdir()
    manifest = _tsv(out / "summary.json", pairs[2:])
    before = manifest.read_bytes()
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1")
    assert code == 2 and "summary.json: refusing to overwrite an input file" in output
    assert manifest.read_bytes() == before and sorted(p.name for p in out.iterdir()) == ["summary.json"]
    # An item whose output name is one of its inputs fails on its own; the input is left as it was, not "skipped".
    folder = tmp_path / "in"
    folder.mkdir()
    source, target = folder / "p.txt", folder / "p.txt.vecalign"
    shutil.copy(pairs[2][0], source)
    shutil.copy(pairs[2][1], target)
    code, output = _batch(_tsv(tmp_path / "pairs.tsv", [(source, target)]), "--out-dir", folder, "--workers", "1")
    assert code == 1, output
    [failure] = _summary(folder)["failures"]
    assert "would overwrite an input file" in failure["reason"]
    assert target.read_bytes() == pairs[2][1].read_bytes()


def test_an_output_made_from_other_inputs_or_settings_runs_again(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    manifest = _tsv(tmp_path / "pairs.tsv", [pairs[1], pairs[2]])
    out = tmp_path / "out"
    assert _batch(manifest, "--out-dir", out, "--workers", "1")[0] == 0
    first = _outputs(out)
    # The seed pair's target loses its last sentence: that item runs again, the other is still finished.
    target = pairs[2][1]
    target.write_text("\n".join(target.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1")
    assert code == 0, output
    assert [item["status"] for item in _summary(out)["items"]] == ["skipped", "done"]
    assert _outputs(out)["b.src.vecalign"] == first["b.src.vecalign"]
    assert _outputs(out)["c.src.vecalign"] != first["c.src.vecalign"]
    # Other settings: both run again; the same settings once more: nothing does.
    assert _batch(manifest, "--out-dir", out, "--workers", "1", "--max-side", "1")[0] == 0
    assert [item["status"] for item in _summary(out)["items"]] == ["done", "done"]
    assert _batch(manifest, "--out-dir", out, "--workers", "1", "--max-side", "1")[0] == 0
    assert [item["status"] for item in _summary(out)["items"]] == ["skipped", "skipped"]


def _tiny_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """Three one-line pairs for engines replaced by a stand-in that never reads them as text to align."""
    pairs = []
    for name in "abc":
        (folder / f"{name}.src").write_text("hola\n", encoding="utf-8")
        (folder / f"{name}.tgt").write_text("hello\n", encoding="utf-8")
        pairs.append((folder / f"{name}.src", folder / f"{name}.tgt"))
    return pairs


def test_a_stale_output_is_run_again_after_an_interrupted_or_failed_rerun(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Without the model: the engine is replaced by one that writes a version mark, and stops when told to."""
    import align.batch.local as local
    from align.batch.runner import BatchOptions, run_batch
    from align.batch.tasks import Outcome, TaskSettings

    run = {"version": 1, "stop_after": None}

    def engine(todo, settings, workers, on_outcome):  # noqa: ANN001, ANN202
        for done, item in enumerate(todo):
            if run["stop_after"] is not None and done >= run["stop_after"]:
                raise KeyboardInterrupt
            text = Path(item.targets[0]).read_text(encoding="utf-8")
            reason = "target: file is empty" if not text.strip() else None
            on_outcome(item, Outcome(item.index, f"v{run['version']}\n", 0.0, reason))

    monkeypatch.setattr(local, "run_local", engine)
    pairs = _tiny_pairs(tmp_path)
    manifest = _tsv(tmp_path / "pairs.tsv", pairs)
    out = tmp_path / "out"

    def batch() -> list[str]:
        settings = TaskSettings(presplit=True, cwd=str(tmp_path))
        with contextlib.suppress(KeyboardInterrupt):  # the engine stopped as told
            run_batch([str(manifest)], settings, BatchOptions(out, workers=1))
        return [item["status"] for item in _summary(out)["items"]]

    assert batch() == ["done", "done", "done"]
    for _, target in pairs:
        target.write_text("hello again\n", encoding="utf-8")
    run.update(version=2, stop_after=1)
    assert batch() == ["done", "stale", "stale"]  # stopped after the first: two old outputs still in place
    run.update(stop_after=None)
    assert batch() == ["skipped", "done", "done"]
    assert {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.vecalign")} == {
        "a.src.vecalign": "v2\n", "b.src.vecalign": "v2\n", "c.src.vecalign": "v2\n"
    }
    pairs[0][1].write_text("", encoding="utf-8")  # a rerun that fails leaves the old output: not finished either
    assert batch() == ["failed", "skipped", "skipped"]
    assert batch() == ["failed", "skipped", "skipped"]


def test_what_an_output_was_made_with_outlives_other_runs_and_kills(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A run of another manifest in the folder replaced summary.json, and outputs with no record were trusted
    whatever they were made with; a run killed before its summary kept the old settings' fingerprint for outputs it
    had remade. Without the model: the engine writes the max_side it ran with."""
    import align.batch.local as local
    import align.batch.runner as runner_module
    from align.batch.runner import BatchOptions, run_batch
    from align.batch.tasks import Outcome, TaskSettings

    run = {"stop_after": None}

    def engine(todo, settings, workers, on_outcome):  # noqa: ANN001, ANN202
        for done, item in enumerate(todo):
            if run["stop_after"] is not None and done >= run["stop_after"]:
                raise KeyboardInterrupt
            on_outcome(item, Outcome(item.index, f"max_side {settings.max_side}\n", 0.0, None))

    monkeypatch.setattr(local, "run_local", engine)
    pairs = _tiny_pairs(tmp_path)
    first, second = _tsv(tmp_path / "ab.tsv", pairs[:2]), _tsv(tmp_path / "c.tsv", pairs[2:])
    out = tmp_path / "out"

    def batch(manifest: Path, max_side: int) -> list[str]:
        settings = TaskSettings(presplit=True, cwd=str(tmp_path), max_side=max_side)
        with contextlib.suppress(KeyboardInterrupt):
            run_batch([str(manifest)], settings, BatchOptions(out, workers=1))
        return [item["status"] for item in _summary(out)["items"]]

    def made() -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8").split()[1] for p in out.glob("*.vecalign")}

    assert batch(first, 4) == ["done", "done"]
    assert batch(second, 4) == ["done"]  # summary.json now speaks of c only
    assert batch(first, 1) == ["done", "done"]  # other settings: made again, not trusted
    assert made() == {"a.src.vecalign": "1", "b.src.vecalign": "1", "c.src.vecalign": "4"}
    # Killed after remaking a with max_side 2, before any summary (SIGKILL, the OOM killer): a rerun with max_side 1
    # must not take a for one made with 1.
    run["stop_after"] = 1
    with monkeypatch.context() as killed:
        killed.setattr(runner_module._Recorder, "write", lambda self: {"counts": {"failed": 0}})
        batch(first, 2)
    run["stop_after"] = None
    assert made()["a.src.vecalign"] == "2"
    batch(first, 1)
    assert made() == {"a.src.vecalign": "1", "b.src.vecalign": "1", "c.src.vecalign": "4"}
    # A folder from before fingerprints.jsonl: an output the last summary does not list is made again.
    (out / "fingerprints.jsonl").unlink()
    assert batch(second, 1) == ["done"]


def test_outputs_made_under_other_defaults_are_made_again(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """The same options under another release: an aligner default (colon_break) or a calibration file changed
    since the outputs were made, so they were made otherwise and are not finished. Without the model: the engine
    writes what it ran with."""
    from dataclasses import replace

    import align.batch.local as local
    import align.check as check_module
    from align.alignment.sentence_aligner import AlignerConfig
    from align.batch.runner import BatchOptions, run_batch
    from align.batch.tasks import Outcome, TaskSettings

    def engine(todo, settings, workers, on_outcome):  # noqa: ANN001, ANN202
        for item in todo:
            on_outcome(item, Outcome(item.index, f"colon_break {settings.aligner_config().colon_break}\n", 0.0, None))

    monkeypatch.setattr(local, "run_local", engine)
    manifest, out = _tsv(tmp_path / "pairs.tsv", _tiny_pairs(tmp_path)[:1]), tmp_path / "out"

    def batch(task: str) -> list[str]:
        settings = TaskSettings(task=task, presplit=True, cwd=str(tmp_path))
        run_batch([str(manifest)], settings, BatchOptions(out, workers=1))
        return [item["status"] for item in _summary(out)["items"]]

    assert batch("sentences") == ["done"]
    assert batch("sentences") == ["skipped"]
    defaults = TaskSettings.aligner_config
    monkeypatch.setattr(TaskSettings, "aligner_config", lambda self: replace(defaults(self), colon_break=0.3))
    assert batch("sentences") == ["done"]
    assert (out / "a.src.vecalign").read_text(encoding="utf-8") == "colon_break 0.3\n"
    assert batch("sentences") == ["skipped"]
    assert AlignerConfig().colon_break != 0.3
    assert batch("check") == ["done"]
    assert batch("check") == ["skipped"]
    calibrated = check_module.detector_data_digests()
    monkeypatch.setattr(check_module, "detector_data_digests", lambda: {**calibrated, "calibration.json": "sha256:x"})
    assert batch("check") == ["done"]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the worker processes")
def test_sigterm_ends_the_run_as_ctrl_c_does(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    """A scheduler's stop: the driver shuts the pool down and writes summary.json (the items not reached pending),
    instead of dying on the spot with its workers left running and no summary."""
    data = tmp_path / "data"
    rows = []
    for copy in range(4):
        for source, target in pairs:
            shutil.copy(source, data / f"{copy}{source.stem}.src")
            shutil.copy(target, data / f"{copy}{source.stem}.tgt")
            rows.append((data / f"{copy}{source.stem}.src", data / f"{copy}{source.stem}.tgt"))
    manifest = _tsv(tmp_path / "pairs.tsv", rows)
    out = tmp_path / "out"
    process = _start_batch_until_first_output(manifest, out, "--workers", "2", "--quiet")
    workers = _pool_workers(process.pid)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=240)  # a deadline for a hung run, not a speed limit
    assert process.returncode != 0
    summary = _summary(out)
    finished = len(list(out.glob("*.vecalign")))
    assert finished < len(rows), "the run finished before it could be stopped"
    assert summary["counts"]["pending"] == len(rows) - summary["counts"]["done"]
    assert workers and not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                            and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_stdin_and_an_ambiguous_stem_are_unusable_entries_that_say_why(tmp_path: Path) -> None:
    from align.batch.manifest import load_manifest

    (tmp_path / "a.txt").write_text("Hola.\n", encoding="utf-8")
    manifest = _tsv(tmp_path / "pairs.tsv", [("-", tmp_path / "a.txt"), (tmp_path / "a.txt", "-")])
    loaded = load_manifest([str(manifest)], "sentences", ".vecalign")
    assert not loaded.items and all("stdin ('-') cannot be a batch input" in bad.reason for bad in loaded.bad)
    sources, targets = tmp_path / "de", tmp_path / "other"
    sources.mkdir()
    targets.mkdir()
    (sources / "y.de").write_text("Hallo.\n", encoding="utf-8")
    for name in ("y.fr", "y.en"):
        (targets / name).write_text("Salut.\n", encoding="utf-8")
    [bad] = load_manifest([str(sources), str(targets)], "sentences", ".vecalign").bad
    assert "y.* is ambiguous" in bad.reason and "y.en" in bad.reason and "y.fr" in bad.reason


def test_comment_lines_are_skipped_in_both_manifest_kinds(tmp_path: Path) -> None:
    from align.batch.manifest import load_manifest

    (tmp_path / "a.txt").write_text("Hola.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hello.\n", encoding="utf-8")
    tsv = tmp_path / "pairs.tsv"
    pair = f"{tmp_path / 'a.txt'}\t{tmp_path / 'b.txt'}"
    tsv.write_text(f"# corpus v2, Spanish-English\n{pair}\n  # done\n#1.es\t#1.en\n")
    jsonl = tmp_path / "pairs.jsonl"
    entry = json.dumps({"source": str(tmp_path / "a.txt"), "target": str(tmp_path / "b.txt")})
    jsonl.write_text(f"# a note first\n{entry}\n")
    for manifest, ids in ((tsv, ["a.txt", "#1.es"]), (jsonl, ["a.txt"])):  # "#1.es<TAB>#1.en" is a pair of files
        loaded = load_manifest([str(manifest)], "sentences", ".vecalign")
        assert not loaded.bad and [item.id for item in loaded.items] == ids


def test_a_mis_paired_line_is_counted_unrelated(tmp_path: Path, cache_dir: Path, pairs) -> None:  # noqa: ANN001
    (german, _), _, (spanish, english) = pairs
    manifest = _tsv(tmp_path / "pairs.tsv", [(german, english), (spanish, english)])
    out = tmp_path / "out"
    code, output = _batch(manifest, "--out-dir", out, "--workers", "1", "--format", "json")
    assert code == 0, output
    summary = _summary(out)
    assert summary["counts"]["unrelated"] == 1
    assert [item["related"] for item in summary["items"]] == [False, True]


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _running(pid: int) -> bool:
    """Alive and not a zombie (the pool's own thread may reap it before or after us)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to see the workers")
def test_a_stopped_pool_s_workers_are_stopped_mid_item() -> None:
    """Ctrl-C or SIGTERM to the driver alone: the interpreter's exit waited for every item in flight (minutes for a
    long document) before it let go, then dropped their results."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from align.batch.local import _stop_workers

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
    futures = [pool.submit(_sleep, 600) for _ in range(2)]
    started = time.monotonic() + 120  # a deadline for a pool that never starts, not a speed limit
    while len(getattr(pool, "_processes", {})) < 2 and time.monotonic() < started:
        time.sleep(0.05)
    pids = list(pool._processes)
    _stop_workers(pool)
    deadline = time.monotonic() + 60  # a deadline for a hung worker, not a speed limit
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)
    pool.shutdown(wait=False, cancel_futures=True)
    assert not any(f.done() and not f.exception() for f in futures)
