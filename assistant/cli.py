"""`python -m assistant ingest|search|ask|chat|check|audit|eval|documents|serve`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from .config import Settings, load_settings, set_offline_environment
from .errors import AssistantError, InvalidInput
from .render import format_answer, format_check, format_passages, render_audit
from .search.retrieval import MODES
from .types import SearchFilters


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")
    parser.add_argument(
        "--corpus", type=Path, action="append", help="corpus folder; repeat for several (default: corpus/)"
    )
    parser.add_argument("--model", help="embedding model name or local folder")


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--authority", default="", help="only documents about this local authority")
    parser.add_argument(
        "--kind", default="", help="inspection letter | inspection report | council press release | press article"
    )
    parser.add_argument("--since", default="", help="only documents published on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", default="", help="only documents published on or before YYYY[-MM[-DD]]")
    parser.add_argument("--region", default="", help="only documents about the councils of this region of England")


def _filters_of(args: argparse.Namespace) -> SearchFilters:
    """The filters the command line names; InvalidInput naming the regions when --region names none of them."""
    region = ""
    if args.region:
        from .domain.regions import region_called, regions

        region = region_called(args.region)
        if not region:
            names = ", ".join(r.name for r in regions())
            raise InvalidInput(f"--region {args.region!r} is not a region of England: use one of {names}.")
    return SearchFilters(args.authority, args.kind, args.since, args.until, regions=(region,) if region else ())


def _batchable(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(what, nargs="?", help=f"the {what}")
    parser.add_argument("--batch", type=Path, help=f"a file with one {what} per line; prints one JSON object per line")
    parser.add_argument("--json", action="store_true", help="print JSON (dataclasses.asdict of the result)")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Ofsted evidence assistant")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="build or update the index from the corpus folders")
    _common(ingest)
    ingest.add_argument("--chunk-size", type=int)
    ingest.add_argument("--chunk-overlap", type=int)
    ingest.add_argument("--json", action="store_true")
    ingest.add_argument(
        "--prune",
        action="store_true",
        help="also delete the cached vectors of files no longer in the corpus (kept by default)",
    )

    search = commands.add_parser("search", help="ranked passages for a query")
    _common(search)
    _batchable(search, "query")
    _filters(search)
    search.add_argument("--k", type=int, default=10)
    search.add_argument("--mode", default="hybrid", choices=list(MODES))

    ask = commands.add_parser("ask", help="a short cited answer, or the abstention phrase")
    _common(ask)
    _batchable(ask, "question")
    _filters(ask)

    chat = commands.add_parser("chat", help="a conversation: each question read in the light of the earlier ones")
    _common(chat)
    chat.add_argument("question", nargs="?", help="the first question (or --batch FILE, one turn per line)")
    chat.add_argument("--batch", type=Path, help="a file with one turn per line; prints one JSON object per turn")
    chat.add_argument("--json", action="store_true", help="print JSON (the Answer, plus what was searched for)")
    _filters(chat)

    check = commands.add_parser("check", help="check a claim or quote against the sources")
    _common(check)
    _batchable(check, "claim")

    audit = commands.add_parser("audit", help="check every claim of a press release or article")
    _common(audit)
    audit.add_argument("document", help="a file, or the doc_id of an indexed document")
    audit.add_argument(
        "--against", default="", help="a kind (e.g. 'inspection letter') or a doc_id (default: primary sources)"
    )
    audit.add_argument("--format", default="md", choices=["md", "csv", "json"])  # names, not words

    evaluate = commands.add_parser(
        "eval", help="metrics over a gold set: questions (retrieval, answers), claims (verdicts) or conversations"
    )
    _common(evaluate)
    evaluate.add_argument("gold", nargs="?", type=Path, help="gold JSONL (default: tests/data/gold_seed.jsonl)")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--compare", action="store_true", help="run dense, BM25 and hybrid side by side")

    documents = commands.add_parser("documents", help="list the indexed documents")
    _common(documents)
    documents.add_argument("--json", action="store_true")

    serve = commands.add_parser("serve", help="start the web app")
    _common(serve)
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings with the command-line flags applied over defaults and ASSISTANT_* variables."""
    return load_settings(
        index_dir=getattr(args, "index", None),
        corpus_dirs=tuple(args.corpus) if getattr(args, "corpus", None) else None,
        model=getattr(args, "model", None),
        chunk_size=getattr(args, "chunk_size", None),
        chunk_overlap=getattr(args, "chunk_overlap", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
    )


def check_index_folder(args: argparse.Namespace) -> None:
    """A `--index` folder that does not exist is a mistake unless the command is told what to build it from."""
    index = getattr(args, "index", None)
    if index is None or Path(index).exists() or args.command == "ingest" or getattr(args, "corpus", None):
        return
    raise AssistantError(
        f"The index folder {index} does not exist. Build it first with `python -m assistant ingest --index {index}` "
        f"(add --corpus DIR to choose the documents), or leave out --index to use the default index/."
    )


def load_assistant(args: argparse.Namespace, settings: Settings):
    """Load the index, building or updating it first when missing or stale (the CLI owns that choice)."""
    from .api import Assistant

    check_index_folder(args)
    corpus = list(args.corpus) if getattr(args, "corpus", None) else None
    if getattr(args, "index", None) is not None and not Path(args.index).exists():
        print(f"Building a new index in {args.index} from {', '.join(map(str, corpus or []))}.", file=sys.stderr)
    return Assistant.load(settings.index_dir, settings, corpus_dirs=corpus, build_if_needed=True)


def check_auditable(args: argparse.Namespace, settings: Settings) -> None:
    """Refuse, with a reason, a file that is not a press release or press article (audit checks what those claim).

    A file the index holds keeps its indexed kind; another file is read, and refused when it reads as another kind
    or is laid out as documentation (Markdown headings, tables or code on many of its lines).
    """
    path = Path(args.document).expanduser()
    if not path.is_file():
        return  # a doc_id: the audit itself checks it
    from .ingest.documents import read_document
    from .types import Kind

    kind = None
    if settings.index_dir.exists():
        try:
            from .api import build_settings, manifest_corpus_dirs
            from .ingest.index import load_index

            corpus = list(args.corpus) if args.corpus else manifest_corpus_dirs(settings.index_dir) or []
            index = load_index(settings.index_dir, build_settings(settings), corpus or list(settings.corpus_dirs))
            kind = next((d.kind for d in index.documents.values() if Path(d.path).name == path.name), None)
        except AssistantError:
            kind = None  # a missing or stale index: the audit builds it; judge the file by itself
    reason = ""
    if kind is None:
        from .ingest.documents import load_catalog

        catalog = load_catalog(path.parent).get(path.name, {})  # the folder's catalog says what the file is
        document = read_document(path, "audited-document", catalog, settings.max_file_bytes)
        kind = document.kind
        lines = [line.strip() for line in document.text.splitlines() if line.strip()]
        markup = [line for line in lines if line.startswith(("#", "|", "```", "    ")) or "`" in line]
        if not catalog and lines and len(markup) >= max(1, 0.2 * len(lines)):
            reason = "it is laid out as documentation (Markdown headings, tables or code)"
    if kind not in (Kind.PRESS_RELEASE, Kind.PRESS_ARTICLE):
        reason = f"it reads as {kind.value!r}"
    if reason:
        raise AssistantError(
            f"{path.name} is not a council press release or press article ({reason}): `audit` checks what a press "
            "release or article claims against the inspection documents. Use `check` for a single claim."
        )


def run_chat(args: argparse.Namespace, assistant) -> int:
    """Play the turns of one conversation: each line of --batch (or the one question) is the next turn."""
    from .answering.glossary import glossary

    filters = _filters_of(args)
    history: list = []
    failures = 0
    for question in _queries(args, "question"):
        try:
            answer = assistant.ask(question, filters, history=history)
        except AssistantError as error:
            if not args.batch:
                raise
            failures += 1
            print(json.dumps({"question": question, "error": str(error)}, ensure_ascii=False))
            continue
        history.append(answer)
        terms = [{"term": term, "definition": definition} for term, definition in glossary(answer)]
        if args.batch or args.json:
            payload = asdict(answer) | {"searched_for": answer.searched_for, "glossary": terms}
            print(json.dumps(payload, ensure_ascii=False, indent=None if args.batch else 1))
        else:
            print(f"Searched for: {answer.searched_for}")
            print(format_answer(answer))
            for item in terms:
                print(f"  {item['term']}: {item['definition']}")
    return 1 if failures else 0


def list_documents(args: argparse.Namespace, settings: Settings) -> int:
    """Print the indexed documents: reads the index only (no model is loaded)."""
    from .api import build_settings, manifest_corpus_dirs
    from .ingest.index import load_index

    check_index_folder(args)
    corpus = (
        list(args.corpus) if args.corpus else manifest_corpus_dirs(settings.index_dir) or list(settings.corpus_dirs)
    )
    index = load_index(settings.index_dir, build_settings(settings), corpus)
    counts: dict[str, int] = {}
    for chunk in index.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    rows = [
        {  # names, not words
            "doc_id": d.doc_id,
            "title": d.title,
            "kind": d.kind.value,
            "date": d.date,
            "authority": d.authority,
            "passages": counts.get(d.doc_id, 0),
        }
        for d in index.documents.values()
    ]
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            about = f"{row['kind']}, {row['authority']}, {row['date']}; {row['passages']} passages"
            print(f"{row['doc_id']}: {row['title']} ({about})")
    return 0


def _queries(args: argparse.Namespace, what: str) -> Iterable[str]:
    if args.batch:
        try:
            lines = args.batch.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise AssistantError(f"Cannot read the batch file {args.batch}: {error}") from error
        return [line for line in lines if line.strip()]
    value = getattr(args, what)
    if value is None:
        raise AssistantError(f"Give a {what}, or --batch FILE with one {what} per line.")
    return [value]


def _run_each(args: argparse.Namespace, what: str, run: Callable[[str], object], show: Callable[[object], str]) -> int:
    """Run `run` on each query; in batch mode a failing line prints an error object and the rest go on."""
    failures = 0
    for query in _queries(args, what):
        try:
            result = run(query)
        except AssistantError as error:
            if not args.batch:
                raise
            failures += 1
            print(json.dumps({what: query, "error": str(error)}, ensure_ascii=False))
            continue
        if args.batch or args.json:
            payload = [asdict(item) for item in result] if isinstance(result, list) else asdict(result)
            print(json.dumps(payload, ensure_ascii=False, indent=None if args.batch else 1))
        else:
            print(show(result))
    return 1 if failures else 0


@contextmanager
def tqdm_progress() -> Iterator[Callable[[float, str], None]]:
    """A progress callback drawing one tqdm bar on stderr (percent done, current file)."""
    from tqdm import tqdm

    with tqdm(total=100, unit="%", file=sys.stderr, bar_format="{l_bar}{bar}| {elapsed} {postfix}") as bar:

        def update(fraction: float, message: str) -> None:
            bar.update(max(0, round(fraction * 100) - bar.n))
            bar.set_postfix_str(message[-60:], refresh=True)

        yield update


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    set_offline_environment()
    args = make_parser().parse_args(argv)
    try:
        _check_arguments_decode(args)
        return _dispatch(args)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the previous index is still in place.", file=sys.stderr)
        return 130


def _check_arguments_decode(args: argparse.Namespace) -> None:
    """Arguments that were not valid UTF-8 reach Python as lone surrogates: refuse them with a message."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            text = str(item) if isinstance(item, (str, Path)) else ""
            bad = next((i for i, char in enumerate(text) if "\ud800" <= char <= "\udfff"), None)
            if bad is not None:
                raise AssistantError(
                    f"the {name} argument is not valid UTF-8 (undecodable byte at character {bad + 1}); "
                    "type it again or set the terminal to UTF-8."
                )


def _dispatch(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.command == "ingest":
        from .api import build_settings, manifest_corpus_dirs
        from .ingest.index import build_index, unused_cache_entries

        # Without --corpus, the folders the index was built from (recovered from its generation if need be).
        corpus_dirs = list(settings.corpus_dirs)
        if not args.corpus and settings.corpus_dirs == Settings().corpus_dirs:
            corpus_dirs = manifest_corpus_dirs(settings.index_dir) or corpus_dirs
        with tqdm_progress() as progress:
            report = build_index(
                corpus_dirs, settings.index_dir, build_settings(settings), progress=progress, prune=args.prune
            )
        synced = None
        if settings.backend != "faiss":  # the one ingest job also writes the shared backend (docs/deployment.md)
            from .api import open_backend, sync_backend
            from .ingest.index import load_index

            index = load_index(settings.index_dir, build_settings(settings), corpus_dirs)
            with tqdm_progress() as progress:
                synced = sync_backend(index, open_backend(settings, int(index.manifest["dimension"])), progress)
        if args.json:
            print(json.dumps(asdict(report), indent=1))
        else:
            if synced is not None:
                print(f"{settings.backend}: added {len(synced.added)}, removed {len(synced.removed)}, "
                      f"kept {synced.unchanged} documents in {synced.seconds:.1f} s.")  # fmt: skip
            print(
                f"Indexed {report.documents} documents, {report.chunks} passages in {report.seconds:.1f} s "
                f"(embedded {len(report.embedded_files)}, reused {len(report.reused_files)}, "
                f"removed {len(report.removed_files)})."
            )
            for skipped in report.skipped:
                print(f"skipped: {skipped}")
            kept = unused_cache_entries(settings.index_dir)
            if kept:
                print(f"kept the cached vectors of {kept} files no longer in the corpus (`ingest --prune` drops them)")
        return 0
    if args.command == "serve":
        from .web.app import launch

        launch(settings)
        return 0
    if args.command == "documents":
        return list_documents(args, settings)
    if args.command == "audit":
        check_auditable(args, settings)
    assistant = load_assistant(args, settings)
    if args.command == "chat":
        return run_chat(args, assistant)
    if args.command == "search":
        filters = _filters_of(args)
        return _run_each(args, "query", lambda q: assistant.search(q, args.k, filters, args.mode), format_passages)
    if args.command == "ask":
        filters = _filters_of(args)
        return _run_each(args, "question", lambda q: assistant.ask(q, filters), format_answer)
    if args.command == "check":
        return _run_each(args, "claim", assistant.check, format_check)
    if args.command == "audit":
        report = assistant.audit(args.document, against=args.against)
        print(render_audit(report, args.format))
        return 0
    if args.command == "eval":
        from .evaluation import (
            DEFAULT_GOLD,
            evaluate_claims,
            evaluate_conversations,
            format_reports,
            format_set_report,
            run_gold,
            set_kind,
        )

        gold = args.gold or DEFAULT_GOLD
        kind = set_kind(gold)
        if kind != "questions":  # a claim set or a conversation set: one report
            report = (evaluate_claims if kind == "claims" else evaluate_conversations)(assistant, gold)
            print(json.dumps(asdict(report), indent=1) if args.json else format_set_report(report))
            return 0
        reports = run_gold(assistant, gold, compare=args.compare)
        print(json.dumps([asdict(r) for r in reports], indent=1) if args.json else format_reports(reports))
        return 0
    raise AssistantError(f"Unknown command {args.command!r}.")
