"""Embedding backends for the bundled model on this CPU: torch (sentence-transformers) against ONNX Runtime, fp32
and dynamically quantised int8, exported from the local model folder (no hub). Prints passages/s and how far
each backend's vectors are from torch's (cosine), on real passages.

Usage: python bench/bench_embedding.py [--passages 2000] [--texts FOLDER_OF_PDFS]
Needs onnxruntime and onnx importable (e.g. PYTHONPATH=/path/to/a/target/dir holding them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import set_offline_environment  # noqa: E402

set_offline_environment()


def passages(folder: Path, n: int) -> list[str]:
    """Real passages: the product's reader and chunker over the PDFs of `folder`, until `n` are collected."""
    from assistant.ingest.chunking import chunk_document
    from assistant.ingest.documents import read_document

    found: list[str] = []
    for number, pdf in enumerate(sorted(folder.glob("*.pdf"))[::7]):
        try:
            document = read_document(pdf, str(number), {}, 50 * 1024 * 1024)
        except Exception:
            continue
        found += [chunk.text for chunk in chunk_document(document, 800, 150)]
        if len(found) >= n:
            break
    return found[:n]


def export_onnx(model_path: Path, target: Path) -> Path:
    """The transformer of the local model as ONNX (token embeddings out; pooling is done in numpy)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_path))
    model = AutoModel.from_pretrained(str(model_path)).eval()
    sample = tokenizer(["an example passage"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names} | {"last_hidden_state": {0: "batch", 1: "tokens"}}
    onnx_path = target / "model.onnx"
    with torch.no_grad():
        torch.onnx.export(
            model,
            (),
            str(onnx_path),
            kwargs={name: sample[name] for name in names},
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    return onnx_path


class OnnxEmbedder:
    """Mean pooling and L2 normalisation over an ONNX Runtime session, as sentence-transformers does."""

    def __init__(self, onnx_path: Path, model_path: Path, threads: int = 2) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path))

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = []
        # Sorting by length as sentence-transformers does keeps padding small.
        order = np.argsort([-len(t) for t in texts])
        for start in range(0, len(texts), batch_size):
            batch = [texts[i] for i in order[start : start + batch_size]]
            encoded = self.tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="np")
            feeds = {name: encoded[name].astype(np.int64) for name in ("input_ids", "attention_mask", "token_type_ids")}
            hidden = self.session.run(None, feeds)[0]
            mask = encoded["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        vectors = np.concatenate(out)
        result = np.empty_like(vectors)
        result[order] = vectors
        return result.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "ofsted-national")
    args = parser.parse_args()
    from assistant.ingest.embedding import Embedder, resolve_model_path

    texts = passages(args.texts, args.passages)
    print(f"{len(texts)} passages, mean {sum(map(len, texts)) / len(texts):.0f} chars")
    model_path = resolve_model_path("all-MiniLM-L6-v2")
    torch_embedder = Embedder()
    torch_embedder.embed(texts[:64])  # load and warm up
    started = time.perf_counter()
    reference = torch_embedder.embed(texts)
    torch_rate = len(texts) / (time.perf_counter() - started)
    print(f"{'backend':<22}{'passages/s':>12}{'min cos':>10}{'mean cos':>10}")
    print(f"{'torch fp32':<22}{torch_rate:>12.1f}{1:>10.4f}{1:>10.4f}")
    with tempfile.TemporaryDirectory() as tmp:
        onnx_path = export_onnx(model_path, Path(tmp))
        from onnxruntime.quantization import QuantType, quantize_dynamic

        int8_path = Path(tmp) / "model-int8.onnx"
        quantize_dynamic(str(onnx_path), str(int8_path), weight_type=QuantType.QInt8)
        for label, path in (("onnxruntime fp32", onnx_path), ("onnxruntime int8", int8_path)):
            embedder = OnnxEmbedder(path, model_path)
            embedder.embed(texts[:64])
            started = time.perf_counter()
            vectors = embedder.embed(texts)
            rate = len(texts) / (time.perf_counter() - started)
            cosines = (vectors * reference).sum(1)
            print(f"{label:<22}{rate:>12.1f}{cosines.min():>10.4f}{cosines.mean():>10.4f}")


if __name__ == "__main__":
    main()
