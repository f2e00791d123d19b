"""Export the converted e5-small's first layers to ONNX, once, for the word aligner.

Why: ONNX Runtime gives the same token states as torch (no difference at four decimals over 70k Text+Berg tokens)
about 1.25x faster on CPU, and a process that loads it never imports torch or transformers (most of the word
aligner's start-up). Only the blocks up to the layer the aligner reads are exported; the graph outputs every
hidden state up to it (``hidden_0`` = embeddings), so a layer scan still works. The export needs torch,
transformers and onnx, at first use only; the file goes beside the converted model, written atomically.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path

from align.encoders.e5_convert import ModelConversionError, ensure_e5_model
from align.progress import without_library_bars

# Bump when the exported graph changes, so an old file is not reused.
_EXPORTER_VERSION = 1
_WORD_EMBEDDINGS = "word_embeddings"


def e5_onnx_path(layers: int, progress: Callable[[str], None] | None = None) -> Path:
    """The ONNX file of e5-small's embeddings and first `layers` blocks, exported on first use."""
    folder = ensure_e5_model(progress)
    target = folder / "onnx" / f"layers-{layers}-v{_EXPORTER_VERSION}.onnx"
    if target.is_file():
        return target
    say = progress or (lambda _msg: None)
    target.parent.mkdir(exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    started = time.perf_counter()
    say(f"exporting e5-small layers 0-{layers} to ONNX for word alignment (one-time)")
    try:
        _export(folder, layers, tmp)
        os.replace(tmp, target)
    except ImportError as exc:
        raise ModelConversionError(f"exporting e5-small to ONNX needs {exc.name}: pip install {exc.name}") from exc
    except (RuntimeError, ValueError, OSError) as exc:  # torch's exporter and onnx raise these
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelConversionError(f"cannot export e5-small to ONNX: {first_line}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    say(f"ONNX export ready in {time.perf_counter() - started:.1f}s: {target}")
    return target


def _export(folder: Path, layers: int, out: Path) -> None:
    import onnx
    import torch
    from transformers import AutoModel

    with without_library_bars():
        model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    model.encoder.layer = model.encoder.layer[: max(layers, 1)]

    class HiddenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            return tuple(hidden.hidden_states[: layers + 1])

    example = (torch.tensor([[0, 10, 11, 2], [0, 12, 2, 1]]), torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]]))
    names = [f"hidden_{k}" for k in range(layers + 1)]
    axes = {name: {0: "batch", 1: "tokens"} for name in ["input_ids", "attention_mask", *names]}
    # The tracer warns about shapes it fixes; the mask always has the inputs' shape here, so they do not apply.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            HiddenStates().eval(),
            example,
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=names,
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    graph = onnx.load(str(out))
    _store_word_embeddings_half(graph)
    onnx.save(graph, str(out))


def _store_word_embeddings_half(model) -> None:  # noqa: ANN001 - an onnx.ModelProto
    """The vocabulary matrix is most of the file; the converted weights are float16 already, so storing it so and
    casting after the lookup changes no value and halves the file (and its load time)."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    graph = model.graph
    table = next((t for t in graph.initializer if _WORD_EMBEDDINGS in t.name), None)
    if table is None:
        return
    values = numpy_helper.to_array(table)
    half = values.astype(np.float16)
    if not np.array_equal(half.astype(np.float32), values):
        return
    table.CopyFrom(numpy_helper.from_array(half, table.name))
    for position, node in enumerate(graph.node):
        if node.op_type == "Gather" and node.input[0] == table.name:
            looked_up = node.output[0]
            node.output[0] = f"{looked_up}_half"
            cast = onnx.helper.make_node("Cast", [node.output[0]], [looked_up], to=onnx.TensorProto.FLOAT)
            graph.node.insert(position + 1, cast)
            break
