"""The word aligner's two token-state backends: the exported ONNX e5 must give torch's vectors, without torch."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

TEXTS = [
    "passage: El ministro no afirmó que 73.000 soldados llegarían el 27 de mayo.",
    "passage: The minister did not say that 73,000 troops would arrive.",
    "passage: 中文句子，没有空格。",
    "passage: x",
]


def test_onnx_states_match_torch(word_aligner):
    from align.encoders.e5_convert import ensure_e5_model
    from align.encoders.token_states import TorchTokenEncoder

    torch_encoder = TorchTokenEncoder(ensure_e5_model(), 7)
    onnx_states = word_aligner.encoder.run(TEXTS, (0, 7))
    torch_states = torch_encoder.run(TEXTS, (0, 7))
    for (onnx_offsets, onnx_layers), (torch_offsets, torch_layers) in zip(onnx_states, torch_states, strict=True):
        assert np.array_equal(onnx_offsets, torch_offsets)
        for layer in (0, 7):
            assert onnx_layers[layer].shape == torch_layers[layer].shape
            assert np.abs(onnx_layers[layer] - torch_layers[layer]).max() < 1e-4


def test_padding_does_not_change_a_text_states(word_aligner):
    alone = word_aligner.encoder.run(TEXTS[3:], (7,))[0][1][7]
    in_batch = word_aligner.encoder.run(TEXTS, (7,))[3][1][7]
    assert np.abs(alone - in_batch).max() < 1e-4


def test_default_word_aligner_loads_without_torch(word_aligner):
    assert word_aligner.encoder.runtime == "onnxruntime"
    # The session's aligner has exported the ONNX file already; a fresh process only loads it.
    code = (
        "import sys\n"
        "from align.alignment.words import WordAligner\n"
        "links = WordAligner().align('El perro come.', 'The dog eats.').links\n"
        "print(len(links), 'torch' in sys.modules, 'transformers' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["4", "False", "False"]


def test_e5_sentence_vectors_from_onnx_match_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    from align.encoders.e5_convert import ensure_e5_model
    from align.encoders.e5_onnx_sentences import E5OnnxEncoder

    texts = [t.removeprefix("passage: ") for t in TEXTS] + ["", "palabra " * 400]
    ours = E5OnnxEncoder().encode(texts)
    model = SentenceTransformer(str(ensure_e5_model()), device="cpu")
    model.max_seq_length = 256  # as SentenceTransformerEncoder ran it before
    reference = model.encode([t or " " for t in texts])
    assert np.abs(ours - reference).max() < 1e-5
