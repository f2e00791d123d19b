"""An on-disk embedding cache shared by every command and every process, so unchanged sentences are embedded once.

Why SQLite: it is in the standard library, a single file, and in WAL mode several processes (batch workers, Ray
actors on one node, a user running `align check` at the same time) can read while one writes, with no server.

Rows are keyed by (model name, dimension, sha256 of the text) and hold the float32 vector and when it was last
used. The cache lives at ``<cache dir>/vectors.sqlite`` (``$ALIGN_CACHE_DIR`` or ``~/.cache/align``);
``ALIGN_NO_CACHE=1`` (``--no-cache``) turns it off. ``ALIGN_CACHE_MAX_MB`` (``--cache-max-mb``) caps its size: after a
write that takes it over the cap, the least recently used vectors go until it is at 90% of the cap (freed pages are
reused, so the file stays near the cap; ``align cache clear`` returns the space).
Keep it on a local disk: SQLite's locking is not reliable on network filesystems (NFS), so on a cluster every node
keeps its own file.

Results must not depend on what happens to be in the cache. Some backends give a text a slightly different vector
depending on the other texts in its batch (the USE ONNX graph does not mask padding: up to 0.03 per component), so a
vector cached from one document's batch would change another document's alignment. Such a backend encodes one text
per call itself (UseOnnxEncoder does, several texts at once on separate threads), giving every text its context-free
vector, whether the cache is on or off and whichever worker or engine ran first. Backends that mask padding
(sentence-transformers, the ONNX e5) keep their batches.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.encoders.base import Encoder, JoinedRuns, Progress
from align.environment import scoped_environment
from align.errors import AlignError

CACHE_FILE = "vectors.sqlite"
_SUM_CHUNK = 2048  # sentences whose use-m3 token sums are looked up and computed together
# The first layout (until the size cap): a WITHOUT ROWID table on 4 KiB pages, where a 2 KiB vector took 4.7 KiB
# (SQLite moves rows longer than ~1/20 of such a page onto overflow pages). A new cache starts with its rows.
OLD_CACHE_FILE = "embeddings.sqlite"
# 16 KiB pages hold seven 512-dimension rows (2.4 KiB each with the indexes, measured).
_PAGE_SIZE = 16384
NO_CACHE_ENV = "ALIGN_NO_CACHE"
MAX_MB_ENV = "ALIGN_CACHE_MAX_MB"
# Eviction brings the cache down to this share of the cap, so it does not run again on the very next write.
_EVICT_TO = 0.9
# A hit refreshes a row's last-use time only when it is older than this: recency to the minute is plenty for
# LRU, and a warm run then reads without taking the write lock on every lookup.
_TOUCH_AFTER_S = 60
# SQLite allows 32766 bound variables in recent versions but only 999 in old ones.
_CHUNK = 900
_BUSY_TIMEOUT_MS = 60_000
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, dim INTEGER NOT NULL, hash BLOB NOT NULL, "
    "vector BLOB NOT NULL, used INTEGER NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS vectors_key ON vectors (model, dim, hash)",
    "CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used)",
)


def cache_disabled() -> bool:
    """True when ALIGN_NO_CACHE is set to anything but '', '0', 'false' or 'no'."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def cache_max_bytes() -> int | None:
    """The size cap from ALIGN_CACHE_MAX_MB (MiB), or None for no cap."""
    value = os.environ.get(MAX_MB_ENV, "").strip()
    if not value:
        return None
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = math.nan
    if not 0 < megabytes < math.inf:
        raise AlignError(f"{MAX_MB_ENV}={value!r}: the embedding cache cap must be a positive number of MiB")
    return int(megabytes * 2**20)


def check_max_mb(max_mb: float | None) -> None:
    if max_mb is not None and not 0 < max_mb < math.inf:
        raise AlignError("--cache-max-mb must be a positive number of MiB")


@contextlib.contextmanager
def cache_options(no_cache: bool = False, max_mb: float | None = None) -> Iterator[None]:
    """The `--no-cache` and `--cache-max-mb` options, as the environment every layer and worker reads."""
    check_max_mb(max_mb)
    variables: dict[str, str | None] = {}
    if no_cache:
        variables[NO_CACHE_ENV] = "1"
    if max_mb is not None:
        variables[MAX_MB_ENV] = repr(max_mb)
    with scoped_environment(variables):
        yield


def default_cache_path() -> Path:
    from align.encoders.e5_convert import default_cache_dir

    return default_cache_dir() / CACHE_FILE


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


@dataclass(frozen=True)
class ModelStats:
    model: str
    dim: int
    entries: int
    vector_bytes: int


@dataclass(frozen=True)
class CacheStats:
    path: Path
    file_bytes: int
    models: list[ModelStats]

    @property
    def entries(self) -> int:
        return sum(m.entries for m in self.models)


class EmbeddingStore:
    """The SQLite file. One connection per process (reopened after a fork), guarded by a lock for threads."""

    def __init__(self, path: Path, max_bytes: int | None = None) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.clock = time.time  # seconds; replaceable in tests
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self._broken = False

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        old = self.path.with_name(OLD_CACHE_FILE)
        new = not self.path.exists()
        if not create and new and not old.exists():
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            str(self.path), timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        connection.execute(f"PRAGMA page_size={_PAGE_SIZE}")  # takes effect only on a new file, before WAL
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable enough for a cache (WAL still keeps the file consistent) and much faster than FULL.
        connection.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            connection.execute(statement)
        if new:
            _adopt_old_cache(connection, old)
        self._connection, self._pid = connection, os.getpid()
        return connection

    def _disable(self, exc: Exception) -> None:
        """A cache problem must never fail a run: warn once, then work without it (results are the same)."""
        if not self._broken:
            print(f"warning: embedding cache {self.path} disabled: {exc}", file=sys.stderr)
        self._broken = True

    def get_many(self, model: str, dim: int, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        if self._broken or not keys:
            return {}
        found: dict[bytes, np.ndarray] = {}
        try:
            with self._lock:
                connection = self._connect(create=False)
                if connection is None:
                    return {}
                now = int(self.clock())
                stale: list[bytes] = []
                for start in range(0, len(keys), _CHUNK):
                    chunk = list(keys[start : start + _CHUNK])
                    marks = ",".join("?" * len(chunk))
                    rows = connection.execute(
                        f"SELECT hash, vector, used FROM vectors WHERE model = ? AND dim = ? AND hash IN ({marks})",
                        [model, dim, *chunk],
                    )
                    for key, blob, used in rows:
                        vector = np.frombuffer(blob, dtype="<f4")
                        if vector.shape[0] == dim:
                            found[bytes(key)] = vector
                            if used < now - _TOUCH_AFTER_S:
                                stale.append(bytes(key))
                for start in range(0, len(stale), _CHUNK):
                    chunk = stale[start : start + _CHUNK]
                    connection.execute(
                        f"UPDATE vectors SET used = ? WHERE model = ? AND dim = ? AND hash IN "
                        f"({','.join('?' * len(chunk))})",
                        [now, model, dim, *chunk],
                    )
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return {}
        return found

    def put_many(self, model: str, dim: int, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        if self._broken:
            return
        now = int(self.clock())
        rows = [(model, dim, key, np.asarray(vector, dtype="<f4").tobytes(), now) for key, vector in items]
        if not rows:
            return
        try:
            with self._lock:
                connection = self._connect(create=True)
                assert connection is not None
                connection.execute("BEGIN IMMEDIATE")
                try:
                    connection.executemany(
                        "INSERT OR IGNORE INTO vectors (model, dim, hash, vector, used) VALUES (?, ?, ?, ?, ?)",
                        rows,
                    )
                    if self.max_bytes is not None:
                        _evict(connection, self.max_bytes)
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def used_bytes(self) -> int:
        """Bytes of the database's pages in use (what the cap limits; free pages are reused before the file grows)."""
        with self._lock:
            connection = self._connect(create=False)
            return 0 if connection is None else _used_bytes(connection)

    def stats(self) -> CacheStats:
        models: list[ModelStats] = []
        with self._lock:
            connection = self._connect(create=False)
            if connection is not None:
                rows = connection.execute(
                    "SELECT model, dim, COUNT(*), SUM(LENGTH(vector)) FROM vectors GROUP BY model, dim "
                    "ORDER BY model, dim"
                )
                models = [ModelStats(m, d, n, int(b or 0)) for m, d, n, b in rows]
        size = sum(p.stat().st_size for p in self._files() if p.exists())
        return CacheStats(self.path, size, models)

    def clear(self, model: str | None = None) -> int:
        """Delete every entry (or one model's, any dimension); returns how many went. Shrinks the file if it can."""
        with self._lock:
            connection = self._connect(create=False)
            if connection is None:
                return 0
            if model is None:
                removed = connection.execute("DELETE FROM vectors").rowcount
            else:
                removed = connection.execute("DELETE FROM vectors WHERE model = ?", [model]).rowcount
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.execute("VACUUM")
            except sqlite3.OperationalError:
                pass  # another process is reading: the space is reused later instead of returned now
        if model is None:  # a first-layout file left beside this one goes too
            for path in _sqlite_files(self.path.with_name(OLD_CACHE_FILE)):
                path.unlink(missing_ok=True)
        return removed

    def remove_files(self) -> None:
        """Delete the database and its WAL files: what `align cache clear` does with a file SQLite cannot read."""
        self.close()
        for path in self._files():
            path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection = None

    def _files(self) -> list[Path]:
        return _sqlite_files(self.path)


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _adopt_old_cache(connection: sqlite3.Connection, old: Path) -> None:
    """A new cache starts with a first-layout cache's vectors (as never used, so they go first under a cap). The old
    file is left for older versions of align that may share the folder; `align cache clear` removes it."""
    if not old.exists():
        return
    try:
        connection.execute("ATTACH DATABASE ? AS old", [str(old)])
        try:
            connection.execute("BEGIN IMMEDIATE")
            tables = connection.execute("SELECT name FROM old.sqlite_master WHERE name = 'embeddings'").fetchall()
            if tables:
                connection.execute(
                    "INSERT OR IGNORE INTO vectors (model, dim, hash, vector, used) "
                    "SELECT model, dim, hash, vector, 0 FROM old.embeddings"
                )
            connection.execute("COMMIT")
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            connection.execute("DETACH DATABASE old")
    except sqlite3.Error as exc:
        print(f"warning: old embedding cache {old} not copied ({exc})", file=sys.stderr)


def _used_bytes(connection: sqlite3.Connection) -> int:
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    free = connection.execute("PRAGMA freelist_count").fetchone()[0]
    return (pages - free) * connection.execute("PRAGMA page_size").fetchone()[0]


def _evict(connection: sqlite3.Connection, max_bytes: int) -> None:
    """Inside the writer's transaction: over the cap, drop least recently used rows down to 90% of it."""
    used = _used_bytes(connection)
    if used <= max_bytes:
        return
    goal = _EVICT_TO * max_bytes
    for _ in range(16):  # each round removes the estimated excess; a few rounds absorb B-tree slack
        rows = connection.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        if rows == 0 or used <= goal:
            return
        connection.execute(
            "DELETE FROM vectors WHERE rowid IN (SELECT rowid FROM vectors ORDER BY used LIMIT ?)",
            [max(1, rows // 64, math.ceil(rows * (used - goal) / used))],  # pages free up only once emptied
        )
        used = _used_bytes(connection)


_stores: dict[Path, EmbeddingStore] = {}


def default_store() -> EmbeddingStore | None:
    """The store the environment asks for now (None when disabled); read at each call so tests and `--no-cache`
    can change it after the encoder was loaded."""
    if cache_disabled():
        return None
    path = default_cache_path()
    if path not in _stores:
        _stores[path] = EmbeddingStore(path)
    _stores[path].max_bytes = cache_max_bytes()
    return _stores[path]


class CachedEncoder(Encoder):
    """Looks every text up first and encodes only the misses (each distinct text once), then stores them.

    `store=None` means "the default store, as the environment says at each call"; pass a store to pin one.
    """

    def __init__(self, inner: Encoder, store: EmbeddingStore | None = None) -> None:
        self.inner = inner
        self.info = inner.info
        self._store = store
        self.hits = 0
        self.misses = 0

    def check_language(self, lang: str, name: str) -> None:
        self.inner.check_language(lang, name)

    def __getattr__(self, name: str) -> object:
        # Anything beyond the Encoder interface (a backend's own model object) still reaches the backend.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def store(self) -> EmbeddingStore | None:
        return self._store if self._store is not None else default_store()

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        computed = 0

        def fresh(todo: list[str]) -> np.ndarray:
            nonlocal computed
            computed = len(todo)
            return self.inner.encode(todo, progress)

        out = self._cached_rows(self.info.name, self.info.dim, list(texts), fresh, progress)
        self.hits += len(texts) - computed
        self.misses += computed
        return out

    def encode_document(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> tuple[np.ndarray, JoinedRuns | None]:
        """As the backend's, with its token sums and seam states cached beside the vectors (use-m3)."""
        from align.encoders.use_onnx import UseOnnxEncoder
        from align.encoders.use_runs import SUMS_VERSION, TokenSums, packed_dim

        inner = self.inner
        if not isinstance(inner, UseOnnxEncoder):
            return self.encode(sentences, progress), None
        dim = self.info.dim
        computed: dict[bytes, np.ndarray] = {}

        def fresh_sums(texts: list[str]) -> np.ndarray:
            vectors, sums = inner.encode_with_sums(texts, progress)
            self.misses += len(texts)
            fresh = dict(zip(map(text_key, texts), vectors, strict=True))
            computed.update(fresh)
            store = self.store()
            if store is not None:
                store.put_many(self.info.name, dim, fresh.items())
            return sums.packed()

        sentences = list(sentences)
        # A chunk at a time: the cache's float32 rows are four times the size of the float16 sums kept.
        sums = TokenSums.stack(
            [
                TokenSums.unpacked(
                    self._cached_rows(
                        f"{self.info.name}+token-sums-v{SUMS_VERSION}", packed_dim(dim), chunk, fresh_sums, progress
                    ),
                    dim,
                ).compact()
                for chunk in (sentences[k : k + _SUM_CHUNK] for k in range(0, len(sentences), _SUM_CHUNK))
            ],
            dim,
        )
        rest = [t for t in sentences if text_key(t) not in computed]
        computed.update(zip(map(text_key, rest), self.encode(rest), strict=True))  # stored before, or evicted since
        vectors = np.array([computed[text_key(t)] for t in sentences], dtype=np.float32).reshape(-1, dim)
        left, right = sums.edges().neighbours()
        pairs = [f"{a}\u2029{b}" for a, b in zip(sentences[:-1], sentences[1:], strict=False)]
        first_at = {pair: k for k, pair in reversed(list(enumerate(pairs)))}

        def fresh_seams(texts: list[str]) -> np.ndarray:
            wanted = np.array([first_at[t] for t in texts], dtype=np.int64)
            return inner.seam_states(left.rows(wanted), right.rows(wanted))

        def seam_states(seams: np.ndarray) -> np.ndarray:
            return self._cached_rows(
                f"{self.info.name}+seams-v{SUMS_VERSION}", dim, [pairs[k] for k in seams], fresh_seams, None
            )

        return vectors, inner.composed_runs(sums, seam_states)

    def _cached_rows(
        self,
        model: str,
        dim: int,
        texts: list[str],
        compute: Callable[[list[str]], np.ndarray],
        progress: Progress | None,
    ) -> np.ndarray:
        """Rows of any per-text quantity under its own model name (sentence vectors, use-m3's token sums and seam
        states): looked up, the misses computed once each and stored."""
        out = np.zeros((len(texts), dim), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        store = self.store()
        found = store.get_many(model, dim, list(dict.fromkeys(keys))) if store is not None else {}
        todo = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        if progress and len(texts) > len(todo):
            progress(len(texts) - len(todo))
        if todo:
            fresh = dict(zip(todo, np.asarray(compute(list(todo.values())), dtype=np.float32), strict=True))
            found.update(fresh)
            if store is not None:
                store.put_many(model, dim, fresh.items())
        for row, key in enumerate(keys):
            out[row] = found[key]
        return out


def with_cache(encoder: Encoder) -> Encoder:
    """Wrap a freshly built encoder; ensembles are left alone because their members are already wrapped."""
    from align.encoders.ensemble import EnsembleEncoder

    if isinstance(encoder, CachedEncoder):
        return encoder
    if isinstance(encoder, EnsembleEncoder) and all(isinstance(m, CachedEncoder) for m in encoder.members):
        return encoder
    return CachedEncoder(encoder)
