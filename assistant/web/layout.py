"""Layout and event wiring of the web app, one function per tab; HTML helpers live in views.py, answers in api.py.

A person's mistake (an empty or over-long question, a refused upload) is answered with a message in the page and one
log line; it never raises, so no component is replaced by an "Error" label and the next action works."""

from __future__ import annotations

import html
import logging
import re
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from ..api import Assistant
from ..errors import AssistantError
from ..render import answer_markdown, audit_verdict, render_audit
from ..types import Kind
from .views import (
    ANY,
    EXAMPLES,
    JUMP_TO_SOURCE,
    SCROLL_TO_QUOTE,
    UPLOAD_TYPES,
    ask_turn,
    chat_text,
    claim_html,
    document_html,
    documents_rows,
    escape_markdown,
    filters_from,
    glossary_markdown,
    sources_html,
)

log = logging.getLogger("assistant.web")

DOCUMENT_COLUMNS = ["Title", "Kind", "Authority", "Date", "Passages", "Publisher", "File"]
DOCUMENT_WIDTHS = ["30%", "13%", "11%", "10%", "8%", "14%", "14%"]
AUDIT_COLUMNS = ["#", "Verdict", "Claim", "Attributed to", "Best evidence", "Note"]
AUDIT_WIDTHS = ["5%", "12%", "28%", "10%", "25%", "20%"]


@lru_cache(maxsize=1)
def _downloads() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="assistant-downloads-")  # removed at exit by its finaliser


def downloads_folder() -> Path:
    """The one folder the app's download files go in, removed when the app's process ends."""
    return Path(_downloads().name)


def write_download(text: str, name: str) -> str:
    """A download file named after what it holds (the browser saves it under this name), in a fresh subfolder of
    the app's downloads folder, so that two people's downloads of one name do not collide."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)[:120].strip("-") or "download"
    path = Path(tempfile.mkdtemp(dir=downloads_folder())) / safe
    path.write_text(text, encoding="utf-8")
    return str(path)


def _answer_file_name(question: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", question.lower())[:8]
    return "answer-" + "-".join(words) + ".md"


def ask_tab(gr, assistant: Assistant, authority_choices, valid_text):
    """The Ask tab: chat, filters, sources, document view and export; returns the authority dropdown."""
    kinds = [ANY] + [k.value for k in Kind if k is not Kind.OTHER]

    def on_ask(question, chat, asked, authority, kind, since, until):
        chat = list(chat or [])
        asked = list(asked or [])
        unchanged = (gr.update(),) * 6

        def refused(message: str):
            log.info("question refused: %s", message)
            gr.Warning(message)
            return (gr.update(), gr.update(), asked, gr.update(), escape_markdown(message), *unchanged[:4])

        try:
            question = valid_text(question).strip()
        except gr.Error as error:
            return refused(str(error.message if hasattr(error, "message") else error))
        if not question:
            return refused("Type a question first.")
        filters = filters_from(authority, kind, since, until)
        try:
            answer, searched = ask_turn(assistant, question, asked, filters)
        except AssistantError as error:
            return refused(str(error))
        asked.append(answer.query)
        reply = chat_text(answer)
        terms = glossary_markdown(answer)
        if terms:
            reply += "\n\n" + terms
        if answer.filters:
            reply += f"\n\n*Filters applied: {escape_markdown(answer.filters)}*"
        chat += [{"role": "user", "content": escape_markdown(question)}, {"role": "assistant", "content": reply}]
        citations = [asdict(c) for c in answer.citations]
        choices = [(f"[{c['n']}] {c['title']} ({c['date'] or 'undated'})", i) for i, c in enumerate(citations)]
        markdown = answer_markdown(answer) + (f"\n{terms}\n" if terms else "")
        return (
            "",
            chat,
            asked,
            sources_html(assistant, answer),
            f"Searched for: {escape_markdown(searched)}"
            + (f" · filters: {escape_markdown(answer.filters)}" if answer.filters else ""),
            markdown,
            write_download(markdown, _answer_file_name(question)),
            citations,
            gr.update(choices=choices, value=0 if choices else None),
        )

    def on_open(index, citations):
        if not citations or index is None:
            return document_html(assistant, None)
        return document_html(assistant, citations[int(index)])

    def on_clear():
        return [], [], "", "", "", None, [], gr.update(choices=[], value=None), document_html(assistant, None)

    with gr.Tab("Ask"):
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                chat = gr.Chatbot(label="Conversation", height=420, elem_id="chat", buttons=["copy"])
                question = gr.Textbox(
                    label="Your question",
                    placeholder="What did Ofsted say about supervision?",
                    elem_id="question",
                    lines=1,
                    max_lines=4,
                    submit_btn=True,
                )
                gr.Examples(EXAMPLES, inputs=question, label="Examples")
                searched = gr.Markdown(elem_id="searched")
                with gr.Accordion("Filters", open=False, elem_id="filters"):
                    authority = gr.Dropdown(
                        authority_choices(), value=ANY, label="Local authority", elem_id="authority"
                    )
                    kind = gr.Dropdown(kinds, value=ANY, label="Document kind", elem_id="kind")
                    with gr.Row():
                        since = gr.Textbox(label="Published from (YYYY or YYYY-MM-DD)", elem_id="since")
                        until = gr.Textbox(label="Published until", elem_id="until")
                clear = gr.Button("New conversation", variant="secondary")
            with gr.Column(scale=2, min_width=280):
                gr.Markdown("### Sources")
                sources = gr.HTML("<p>Sources of the answer appear here.</p>", elem_id="sources")
                source_choice = gr.Dropdown([], label="Open a source in its document", elem_id="source-choice")
                open_source = gr.Button("Open the whole document", elem_id="open-source")
                with gr.Accordion("Copy or export the answer (Markdown)", open=False):
                    export = gr.Code(language="markdown", label="Answer with citations", elem_id="export")
                    download = gr.DownloadButton("Download .md", elem_id="download-md")
        document_view = gr.HTML(document_html(assistant, None), elem_id="doc-view")
        asked = gr.State([])
        citations = gr.State([])
        ask_inputs = [question, chat, asked, authority, kind, since, until]
        ask_outputs = [question, chat, asked, sources, searched, export, download, citations, source_choice]
        question.submit(on_ask, ask_inputs, ask_outputs, api_visibility="private")
        open_source.click(on_open, [source_choice, citations], document_view, api_visibility="private").then(
            None, js=SCROLL_TO_QUOTE
        )
        clear.click(
            on_clear,
            None,
            [chat, asked, sources, searched, export, download, citations, source_choice, document_view],
            api_visibility="private",
        )
    return authority


def documents_tab(gr, assistant: Assistant, authority, audited, authority_choices, audit_choices) -> None:
    """The Documents tab: the indexed documents and an upload box; a refused file changes nothing and the next
    good one is added."""

    def on_upload(files, progress=gr.Progress()):  # noqa: B008 (Gradio injects progress through this default)
        keep = (gr.update(), gr.update(), gr.update())

        def refused(message: str):
            log.info("upload refused: %s", message)
            gr.Warning(message)
            return (escape_markdown(message), *keep, None)  # the refused file is cleared, never sent again

        if not files:
            return refused("Choose one or more files to add.")
        paths = [Path(f if isinstance(f, str) else f.name) for f in files]

        def report(fraction: float, message: str) -> None:
            progress(fraction, desc=message[-80:])

        try:
            result = assistant.add_files(paths, progress=report)
        except AssistantError as error:  # messages name the stored file name, never a server path
            return refused(f"Nothing was added: {error}")
        except OSError as error:
            return refused(f"Nothing was added: the files could not be stored ({error.strerror}).")
        names = ", ".join(p.name for p in paths)  # the names they are stored and indexed under
        message = escape_markdown(
            f"Added and indexed {names}: the index now holds {result.documents} documents, {result.chunks} passages."
        )
        return (
            message,
            documents_rows(assistant),
            gr.update(choices=authority_choices()),
            gr.update(choices=audit_choices()),
            None,
        )

    with gr.Tab("Documents"):
        table = gr.Dataframe(
            documents_rows(assistant),
            headers=DOCUMENT_COLUMNS,
            column_widths=DOCUMENT_WIDTHS,
            interactive=False,
            wrap=True,
            elem_id="documents",
        )
        upload = gr.File(
            label="Add documents (pdf, docx, html, txt, md)",
            file_types=UPLOAD_TYPES,
            file_count="multiple",
            elem_id="upload",
        )
        add = gr.Button("Add to the corpus and index", variant="primary", elem_id="add")
        upload_message = gr.Markdown(elem_id="upload-message")
        add.click(on_upload, upload, [upload_message, table, authority, audited, upload], api_visibility="private")


def claims_tab(gr, assistant: Assistant, valid_text):
    """The Check a claim tab: one claim, or an audit of a press release or article; returns the audit dropdown
    and the function listing its choices (the Documents tab refreshes them)."""

    def refused(message: str) -> str:
        """Logs one line and shows the message; the caller puts it where the result would go."""
        log.info("claim or audit refused: %s", message)
        gr.Warning(message)
        return message

    def on_check(claim):
        try:
            claim = valid_text(claim, "claim").strip()
        except gr.Error as error:
            message = refused(str(error.message if hasattr(error, "message") else error))
        else:
            message = "" if claim else refused("Type or paste a claim first.")
        if not message:
            try:
                return claim_html(assistant.check(claim))
            except AssistantError as error:
                message = refused(str(error))
        return f"<p class='refused'>{html.escape(message)}</p>"

    def on_audit(doc_id):
        keep = (gr.update(), gr.update(), gr.update())
        if not doc_id:
            return (escape_markdown(refused("Choose a press release or article to audit.")), *keep)
        try:
            report = assistant.audit(doc_id)
        except AssistantError as error:
            return (escape_markdown(refused(str(error))), *keep)
        rows = [
            [
                row.n,
                audit_verdict(row),
                row.claim,
                row.attribution,
                row.check.evidence[0].quote[:300] if row.check.evidence else "",
                row.check.source_note,
            ]
            for row in report.rows  # Ofsted-attributed claims that are not confirmed come first
        ]
        counts = ", ".join(f"{verdict}: {n}" for verdict, n in report.counts.items())
        summary = f"Checked {len(report.rows)} claims against {'; '.join(report.against)}. {counts}"
        return (
            escape_markdown(summary),
            rows,
            write_download(render_audit(report, "md"), f"audit-{report.doc_id}.md"),
            write_download(render_audit(report, "csv"), f"audit-{report.doc_id}.csv"),
        )

    def audit_choices() -> list[tuple[str, str]]:
        """Press releases first (what officers audit), then articles and other secondary documents."""
        secondary = [d for d in assistant.documents.values() if not d.kind.is_primary]
        secondary.sort(key=lambda d: (d.kind is not Kind.PRESS_RELEASE, d.title))
        return [(f"{d.title} ({d.kind.value}, {d.date})", d.doc_id) for d in secondary]

    choices = audit_choices()
    with gr.Tab("Check a claim"):
        gr.Markdown(
            "Paste a claim or quote. **Verbatim**: the words stand in a source. **Supported**: a passage says "
            "the same in other words. **Altered**: a passage is close but a negation, quantifier, number, date, "
            "grade or key word differs. **Reworded**: a passage is close but a word differs that nothing "
            "explains; check the marked words (never a confirmation). **Not found**: no source says it. "
            "Verdicts rest on exact and fuzzy alignment (rapidfuzz), the embedding model's similarity and "
            "explicit checks for those changes; inspection letters and reports are primary sources, press "
            "releases and articles secondary."
        )
        claim = gr.Textbox(label="Claim or quote", lines=1, max_lines=6, elem_id="claim")
        check = gr.Button("Check", variant="primary", elem_id="check")
        verdict = gr.HTML(elem_id="verdict")
        check.click(on_check, claim, verdict, api_visibility="private")
        claim.submit(on_check, claim, verdict, api_visibility="private")
        gr.Markdown("### Audit a press release or article against the inspection documents")
        audited = gr.Dropdown(
            choices, value=choices[0][1] if choices else None, label="Document to audit", elem_id="audited"
        )
        run_audit = gr.Button("Audit", elem_id="run-audit")
        audit_summary = gr.Markdown()
        audit_table = gr.Dataframe(
            headers=AUDIT_COLUMNS, column_widths=AUDIT_WIDTHS, interactive=False, wrap=True, elem_id="audit-table"
        )
        with gr.Row():
            audit_md = gr.DownloadButton("Download audit (.md)")
            audit_csv = gr.DownloadButton("Download audit (.csv)")
        run_audit.click(on_audit, audited, [audit_summary, audit_table, audit_md, audit_csv], api_visibility="private")
    return audited, audit_choices


def build_app(assistant: Assistant):
    """The Gradio Blocks app over one Assistant (tabs: Ask, Check a claim, Documents)."""
    import gradio as gr

    def authority_choices() -> list[str]:
        return [ANY, *assistant.authorities]

    def valid_text(text, what: str = "question") -> str:
        """The text, or a gr.Error (not a traceback) when it holds lone surrogates (not valid Unicode)."""
        text = "" if text is None else str(text)
        if any("\ud800" <= char <= "\udfff" for char in text):
            raise gr.Error(f"The {what} holds characters that are not valid Unicode (lone surrogates); type it again.")
        return text

    def api_ask(question: str, authority: str = "", kind: str = "", since: str = "", until: str = "") -> dict:
        """Answer one question (no conversation); the JSON of the Answer."""
        question = valid_text(question)
        return asdict(assistant.ask(question, filters_from(authority or ANY, kind or ANY, since, until)))

    def api_search(query: str, k: int = 10, authority: str = "", kind: str = "") -> list[dict]:
        """Ranked passages for a query; the JSON of each Passage."""
        query = valid_text(query, "query")
        return [asdict(p) for p in assistant.search(query, int(k), filters_from(authority or ANY, kind or ANY, "", ""))]

    def api_check(claim: str) -> dict:
        """Check one claim; the JSON of the ClaimCheck."""
        return asdict(assistant.check(valid_text(claim, "claim")))

    with gr.Blocks(title="Ofsted evidence assistant") as app:
        gr.Markdown(
            "# Ofsted evidence assistant\n"
            "Answers quote the documents word for word; every quote carries a citation [n] to its source. "
            "When the documents do not say, the assistant says so."
        )
        authority = ask_tab(gr, assistant, authority_choices, valid_text)
        audited, audit_choices = claims_tab(gr, assistant, valid_text)
        documents_tab(gr, assistant, authority, audited, authority_choices, audit_choices)
        gr.api(api_ask, api_name="ask")
        gr.api(api_search, api_name="search")
        gr.api(api_check, api_name="check")
        app.load(None, js=JUMP_TO_SOURCE)
    return app
