"""One Settings object: defaults here < ASSISTANT_* environment variables < command-line flags.

Settings are read in the entry points (cli.py, app.py) only; library functions take explicit arguments.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidInput

ROOT = Path(__file__).resolve().parent.parent

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def set_offline_environment() -> None:
    """Make sure nothing reaches a model hub or an analytics server; called first by every entry point."""
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ[name] = value


@dataclass(frozen=True)
class IngestSettings:
    """Reading, chunking and embedding documents into an index; an index records these."""

    # Embedding model: a name the embedding module resolves from an installed package, or a local folder.
    model: str = "all-MiniLM-L6-v2"
    # Chunking (characters): 800/150 ranked best on the gold set (README); answers still quote single sentences.
    chunk_size: int = 800
    chunk_overlap: int = 150
    max_file_bytes: int = 50 * 1024 * 1024
    # Texts per model call. Small batches pad less and stay in cache on this CPU (bench/bench_embedding.py
    # --batch-sizes, README): ONNX fp32 embeds passages ~20% and sentences ~60% faster at 2 than at 64.
    embed_batch_size: int = 2
    # Limits on what one document expands to, not only its size on disk (issue 15). Yardstick: the largest of the
    # 802 national reports (leeds--inspection-27-march-2015.pdf) has 58 pages, 144,598 characters, 258 passages
    # and reads in 0.37 s; the limits allow about 4-10 times that. A document over one is refused by name.
    max_document_chars: int = 750_000  # 5x the largest report's extracted text
    max_document_pages: int = 500  # 8.6x its 58 pages; a 2,000-page PDF bomb became 3,948 passages
    max_document_passages: int = 1_000  # 3.9x its 258; a 4.7 KB .docx bomb became 1,111
    max_docx_entries: int = 1_000  # a Word file holds 10-40 zip parts, a few hundred with many images
    max_docx_xml_bytes: int = 64 * 1024 * 1024  # uncompressed XML; a report's is a few MB
    max_docx_paragraphs: int = 50_000  # counted by streaming the XML; a 374 KB bomb held a million
    max_document_seconds: float = 30.0  # 80x the largest report's read time, room for a busy shared machine
    # Embedding backend (issue 16): "torch" (sentence-transformers), "onnx" (ONNX Runtime, torch's vectors to cosine
    # 1.0000) or "onnx-int8" (int8 MatMul weights, cosine min 0.984 to torch). fp32 ONNX is the default: on this
    # Zen 1 CPU (no VNNI) int8 is no faster (18.5 against 17.6 passages/s, bench_embedding.py), and its dynamic
    # activation scales are computed over the whole batch, so a text's int8 vector depends on the texts embedded
    # with it (cosine 0.985 between a text alone and in a batch), which made claim verdicts depend on what was
    # checked before. An index records the backend with the model, so one built with another is refused.
    embedding_backend: str = "onnx"


@dataclass(frozen=True)
class RetrievalSettings:
    """Hybrid search: how many candidates, how they are fused and re-ranked."""

    # Optional second-stage re-scorer: a local sentence-transformers folder (bi-encoder or CrossEncoder).
    rerank_model: str = ""
    rerank_top_n: int = 20  # candidates the second stage re-scores
    rerank_weight: float = 0.5  # its share of the final score

    k: int = 10
    candidates: int = 50  # passages taken from each retriever before fusion
    dense_weight: float = 0.5  # share of the fused score from dense similarity (rest: BM25)
    # Answers (issue 12). Added to an Ofsted document's fused score so that inspection letters and reports rank
    # before press releases and articles. Measured at 0.02: seed hit@1 0.902 -> 0.882, reports hit@1 0.909 -> 0.849
    # (questions whose answer is a press release's own words), so it is off; answers still present Ofsted's quotes
    # first and "what did Ofsted say" quotes only inspection documents (answering/compose.py).
    primary_boost: float = 0.0
    # Added to a passage that prints grades ("Overall effectiveness: Good") for a question about grades
    # (measured on gold_reports: the grade questions' answering passages rank first).
    grade_boost: float = 0.3
    # Added to a passage holding one of Ofsted's lists of what needs to improve, for a question asking what does
    # (the letter's opening, which names the council and the visit, had ranked first).
    improvement_boost: float = 0.3
    # Added to the passages of the documents of the year a question names, inspected or published then (the year
    # filter also admits every document that mentions it). Measured on the spent national sets (README): 0.1 raised
    # hit@1 on all seven, 0.2 lost some of it.
    scope_boost: float = 0.1
    # Where passages are searched (issue 13): "faiss" (the index folder's FAISS + bm25s files, in process) or
    # "milvus" (a Milvus collection several app replicas can share; docs/deployment.md). The Milvus URI is a local
    # file ending in .db (Milvus Lite; empty: milvus.db in the index folder) or http(s)://host:19530 for a server or
    # cluster, with an optional token ("user:password" or an API key). Same gold-set figures as FAISS (README).
    backend: str = "faiss"
    milvus_uri: str = ""
    milvus_token: str = ""
    milvus_collection: str = "passages"


@dataclass(frozen=True)
class AnswerSettings:
    """Composing answers and deciding to abstain."""

    # Answering: abstain when the best passage's cosine similarity is below `abstain_threshold`, or when the
    # top passages contain less than `min_topic_coverage` of the question's topic words (measured on the gold set).
    abstain_threshold: float = 0.15
    min_topic_coverage: float = 0.75
    # A question word no passage word equals counts as covered when a passage word is this close to it in the
    # model's vectors ("jobs" / "employment" 0.78); 0.7 is the lowest that cost no abstention on the gold sets
    # (README). 1.0 turns it off.
    min_word_similarity: float = 0.7
    answer_sentences: int = 3
    # A question naming no council is answered from several when its passages come from this many councils or
    # more (at 2 the seed corpus, Rotherham and Leicester, lost two answers citing the gold passage; at 3, none).
    spread_councils: int = 3
    # Input limits.
    max_query_chars: int = 2000


@dataclass(frozen=True)
class ClaimSettings:
    """Claim checks and audits (docs/claims.md has the measurements)."""

    # Optional local NLI CrossEncoder folder for the claim checker's supported/contradicted decision.
    nli_model: str = ""
    # Claim checks (issue 14, docs/claims.md): tuned on tests/data/claims_seed.jsonl, measured on claims_heldout.jsonl
    # (seed 43/45, held-out 62/67, 0 altered claims passed as supported on either, with these values).
    claim_support_similarity: float = 0.72  # cosine for "says the same in other words" (tuned on the seed set)
    claim_support_coverage: float = 0.5  # ... with this share of the claim's topic words (synonyms folded, stemmed)
    claim_paraphrase_similarity: float = 0.62  # or this cosine with more of the claim's words (next line)
    claim_paraphrase_coverage: float = 0.65
    claim_close_similarity: float = 0.65  # a sentence this close with a named change makes the claim altered
    claim_close_coverage: float = 0.7
    claim_close_alignment: float = 70.0  # or one the claim's words align to this well (0-100)
    claim_close_share: float = 0.7  # ... or one holding this share of the claim's words in order
    claim_close_source_share: float = 0.7  # or a changed sentence whose own words the claim holds this share of
    claim_source_similarity: float = 0.5  # ... at this cosine at least (spent sets: 0.7 beat 0.8, README)
    claim_reach_for_wording: int = 5  # with nothing in the closest passage, the candidates read for closer wording
    claim_local_ratio: float = 50.0  # word similarity (0-100) above which the aligned stretch, not the sentence, counts
    claim_max_swap_words: int = 3  # a replaced stretch of <= 3 words is a swap to explain (reworded); longer, a rewrite
    claim_elsewhere_margin: float = 0.1  # another council's sentence this much closer than a loose own paraphrase
    claim_elsewhere_word_margin: float = 0.3  # ... holding this much more of the claim's topic words
    claim_year_margin: float = 0.1  # prefer a passage about the claim's year unless another is this much closer
    claim_antecedent_chars: int = 600  # "these children": the sentence naming the group ends this far before
    claim_qualifier_reach: int = 4  # a "but not ..." clause starting <= 4 words after the claim's stretch limits it
    claim_headline_words: int = 20  # audit: a line alone, no full stop, of at most 20 words is a headline
    audit_far_days: int = 180  # audit: a source this many days from the audited document may be another visit
    # Source sentences compared by meaning with a claim: those sharing most of its words (embedding is the cost of
    # a check). 20 gives the accuracy of 40 on the seed, held-out and both national sets at 0.6 of the time.
    claim_shortlist: int = 20
    # A claim is read against at most this many documents: with more in scope (the national record), those of the
    # passages retrieval finds for it. The seed, held-out and national claim sets have fewer, so never narrow.
    claim_scope_documents: int = 40


@dataclass(frozen=True)
class WebSettings:
    """The web app: where it listens and who may log in."""

    # Web app.
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = ""  # "user:password" or a path to a file of such lines
    # Wrong passwords: after `login_free_failures` from one client, each try waits `login_delay_seconds`,
    # doubling per failure up to 60 s (50 tries in 0.2 s were possible before).
    login_free_failures: int = 5
    login_delay_seconds: float = 1.0


# names, not words
SECTIONS = {"ingest": IngestSettings, "retrieval": RetrievalSettings, "answer": AnswerSettings,
            "claims": ClaimSettings, "web": WebSettings}  # fmt: skip


@dataclass(frozen=True, init=False)
class Settings:
    """Every tunable of the assistant in sections (ingest, retrieval, answer, claims, web), with the default that
    was measured to work best. Field names are unique across sections, so `Settings(port=8000)`, the environment
    variable ASSISTANT_PORT and `settings.port` all name web.port."""

    # Folders of source documents; `--corpus` may repeat.
    corpus_dirs: tuple[Path, ...] = (ROOT / "corpus",)
    # Where the FAISS index, chunk store and manifest live.
    index_dir: Path = ROOT / "index"
    ingest: IngestSettings
    retrieval: RetrievalSettings
    answer: AnswerSettings
    claims: ClaimSettings
    web: WebSettings

    def __init__(self, **values) -> None:
        own = {f.name for f in dataclasses.fields(self) if f.name not in SECTIONS}
        unknown = set(values) - own - set(field_sections())
        if unknown:
            raise InvalidInput(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        for name in own:
            default = next(f.default for f in dataclasses.fields(self) if f.name == name)
            object.__setattr__(self, name, values.get(name, default))
        for section, cls in SECTIONS.items():
            mine = {k: v for k, v in values.items() if field_sections().get(k) == section}
            given = values.get(section)
            object.__setattr__(self, section, dataclasses.replace(given or cls(), **mine))

    def __getattr__(self, name: str):
        section = field_sections().get(name)
        if section is None:
            raise AttributeError(name)
        return getattr(object.__getattribute__(self, section), name)

    def flat(self) -> dict[str, object]:
        """Every setting by its (unique) name."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in SECTIONS}
        for section in SECTIONS:
            values.update(dataclasses.asdict(getattr(self, section)))
        return values

    def replace(self, **changes) -> Settings:
        """A copy with the non-None `changes` applied (by setting name, whatever its section)."""
        return Settings(**(self.flat() | {k: v for k, v in changes.items() if v is not None}))


def field_sections() -> dict[str, str]:
    """{setting name: its section} for every sectioned setting."""
    return {f.name: section for section, cls in SECTIONS.items() for f in dataclasses.fields(cls)}


def _coerce(value: str, current: object, name: str) -> object:
    try:
        if isinstance(current, bool):
            return value.lower() in ("1", "true", "yes")
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, Path):
            return Path(value)
        if isinstance(current, tuple):
            return tuple(Path(part) for part in value.split(os.pathsep) if part)
    except ValueError as error:
        raise InvalidInput(f"ASSISTANT_{name.upper()}={value!r} is not a valid {type(current).__name__}") from error
    return value


def load_settings(**overrides) -> Settings:
    """Defaults, then ASSISTANT_* environment variables, then the given overrides (None means unset)."""
    settings = Settings()
    from_env = {}
    for name, current in settings.flat().items():
        raw = os.environ.get(f"ASSISTANT_{name.upper()}")
        if raw is not None:
            from_env[name] = _coerce(raw, current, name)
    return settings.replace(**from_env).replace(**overrides)
