"""Text embeddings that run fully offline, from files installed by pip.

The model is WordLlama's ``l2_supercat_256`` (MIT licence): a static token-embedding table
(32,000 tokens × 256 dimensions, 16 MB) that ships inside the ``wordllama`` wheel with its
tokenizer. A note's vector is the average of its tokens' vectors, normalised: no network, no
hub, no PyTorch; numpy and the ``tokenizers`` library only. We read the two files ourselves
(the safetensors header is a few lines of JSON), so the bundle needs neither the wordllama
package's code nor its hub client.

When the files are missing or damaged the ``LexicalModel`` takes over: bag-of-words vectors
(word and character-trigram TF-IDF, hashed), good at same-words similarity and honest
about it. ``load_model()`` says which one is in use (``model.name``, ``model.notice``).
Nothing here is imported at start-up; call ``load_model`` off the GUI thread.
"""

from __future__ import annotations

import json
import re
import struct
import sys
import threading
import zlib
from importlib import metadata
from pathlib import Path

import numpy as np

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
MAX_CHARS = 2000  # a 10,000-character note is judged on its first 2,000 characters


def model_folder() -> Path | None:
    """Where pip put the wordllama package (found without importing it), or in the packaged
    app the copy of its two model files beside the app's own."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "wordllama"
    if getattr(sys, "frozen", False) and bundled.is_dir():
        return bundled
    try:  # the installed distribution's files (its code is never imported)
        folder = Path(str(metadata.distribution("wordllama").locate_file("wordllama")))
    except metadata.PackageNotFoundError:
        return None
    return folder if folder.is_dir() else None


def read_safetensors(path: Path) -> np.ndarray:
    """The one tensor of a safetensors file, as float32 (refusing anything unexpected)."""
    with path.open("rb") as handle:
        (size,) = struct.unpack("<Q", handle.read(8))
        if size > 10_000_000:
            raise ValueError("the model's header is implausibly large")
        header = json.loads(handle.read(size))
        tensors = {k: v for k, v in header.items() if k != "__metadata__"}
        if len(tensors) != 1:
            raise ValueError("the model file should hold one table")
        info = next(iter(tensors.values()))
        dtypes = {"F16": np.float16, "F32": np.float32, "BF16": None}
        dtype = dtypes.get(info["dtype"])
        if dtype is None:
            raise ValueError(f"unexpected number type {info['dtype']}")
        start, end = info["data_offsets"]
        rows, cols = info["shape"]
        handle.seek(8 + size + start)
        data = handle.read(end - start)
    table = np.frombuffer(data, dtype=dtype)
    if table.size != rows * cols:
        raise ValueError("the model file is cut short")
    return table.reshape(rows, cols).astype(np.float32)


class StaticModel:
    """WordLlama's static embeddings: tokenise, average the token vectors, normalise."""

    name = "WordLlama l2_supercat_256 (static embeddings, offline)"
    notice = "Similarity by meaning (a small offline language model)."
    semantic = True

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.table = read_safetensors(folder.joinpath(*WEIGHTS))
        self.tokenizer = Tokenizer.from_file(str(folder.joinpath(*TOKENIZER)))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        if not np.isfinite(self.table).all():
            raise ValueError("the model's numbers are damaged")
        self.dim = self.table.shape[1]

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(
            [t[:MAX_CHARS] for t in texts], add_special_tokens=False)
        vocab = self.table.shape[0]
        for i, encoding in enumerate(encodings):
            ids = [t for t in encoding.ids if 0 <= t < vocab]
            if ids:
                out[i] = self.table[ids].mean(axis=0)
        return _normalise(out)


WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = (
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "i me my we our you your he she it its they them their this that these those there here "
    "do does did have has had not no so than too very can could would should will just about "
    "into out up down over more most some any all own same such only also how what when where "
    "which who whom why am")
STOPWORDS = frozenset(_STOPWORDS.split())


def words(text: str) -> list[str]:
    """Lower-case words of a text, stopwords left out (used for labels and the fallback)."""
    return [w for w in WORD_RE.findall(text.casefold()) if w not in STOPWORDS]


class LexicalModel:
    """The fallback: hashed TF-IDF of words and character trigrams (same words, same typos)."""

    name = "word overlap (lexical fallback)"
    notice = ("The language model is not available, so notes are compared by their words "
              "only: notes that say the same thing in different words may not be matched.")
    semantic = False
    dim = 2048
    #: Why the language model could not be used, when it could not.
    problem = ""

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            feats: dict[int, float] = {}
            for word in words(text[:MAX_CHARS]):
                feats[zlib.crc32(word.encode()) % self.dim] = \
                    feats.get(zlib.crc32(word.encode()) % self.dim, 0.0) + 1.0
                padded = f" {word} "
                for k in range(len(padded) - 2):
                    h = zlib.crc32(padded[k:k + 3].encode()) % self.dim
                    feats[h] = feats.get(h, 0.0) + 0.3
            rows.append(feats)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, feats in enumerate(rows):
            for h, v in feats.items():
                out[i, h] = v
        df = (out > 0).sum(axis=0)
        idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
        return _normalise(np.sqrt(out) * idf.astype(np.float32))


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


_lock = threading.Lock()
_model: StaticModel | LexicalModel | None = None


def load_model(
    *, force_lexical: bool = False, folder: Path | None = None
) -> StaticModel | LexicalModel:
    """The model to use (loaded once, thread-safe): the static model, or the lexical
    fallback when its files are missing or damaged (``model.notice`` says so)."""
    global _model
    with _lock:
        if force_lexical:
            return LexicalModel()
        if _model is None or folder is not None:
            found = folder or model_folder()
            try:
                if found is None:
                    raise FileNotFoundError("the wordllama package is not installed")
                model: StaticModel | LexicalModel = StaticModel(found)
            except Exception as exc:  # noqa: BLE001 - any damage means: use the fallback
                model = LexicalModel()
                model.problem = str(exc)
            if folder is not None:
                return model
            _model = model
        return _model
