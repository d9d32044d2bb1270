"""HTML and Markdown pieces of the web app: chat text, source cards, document view, claim checks (all text escaped)"""

from __future__ import annotations

import html
import re
from dataclasses import asdict
from pathlib import Path

from ..answering.glossary import glossary
from ..api import Assistant
from ..types import Answer, Citation, Query, SearchFilters

ANY = "Any"
EXAMPLES = [
    "What did Ofsted say about supervision?",
    "How are care leavers supported into education, employment and training?",
    "What did inspectors say about UASC?",
    "What did the council say about staff turnover?",
]
UPLOAD_TYPES = [".pdf", ".docx", ".html", ".htm", ".txt", ".md"]
CSS = """
.source-card { border: 1px solid #6b7280; border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; }
.source-card p { white-space: pre-wrap; }
.source-card mark, #doc-view mark { background: #fde047; color: #111827; padding: 0 2px; }
.source-jumped { outline: 3px solid #2563eb; }
.source-meta { font-size: 0.9em; color: inherit; opacity: 0.85; }
#doc-view { max-height: 520px; overflow-y: auto !important; white-space: pre-wrap; line-height: 1.5; }
.verdict { font-weight: 700; padding: 2px 8px; border-radius: 4px; color: #111827; }
.verdict-verbatim, .verdict-supported { background: #86efac; }
.verdict-altered { background: #fca5a5; }
.verdict-reworded { background: #fde68a; }
.verdict-not_found { background: #d1d5db; }
del.diff { background: #fecaca; color: #111827; }
ins.diff { background: #bbf7d0; color: #111827; text-decoration: none; }
.doc-header { position: sticky; top: 0; background: var(--background-fill-primary); padding: 4px 0;
  border-bottom: 1px solid #6b7280; white-space: normal; }
@media (max-width: 640px) { #doc-view { max-height: 360px; } }
"""
SCROLL_TO_QUOTE = (
    "() => { setTimeout(() => document.querySelector('#doc-view mark')?.scrollIntoView({block: 'center'}), 200); }"
)

# Citation markers [n] in the chat are links to "#source-n"; this makes them scroll to (and flash) that source card
# in the Sources panel instead of navigating.
JUMP_TO_SOURCE = """() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href*="#source-"]');
    if (!link) return;
    const card = document.getElementById(link.getAttribute('href').split('#')[1]);
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    card.scrollIntoView({block: 'center'});
    card.classList.add('source-jumped');
    setTimeout(() => card.classList.remove('source-jumped'), 1500);
  }, true);
}"""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def escape_markdown(text: str) -> str:
    """Text shown literally in a Markdown-rendering component: HTML and Markdown syntax are neutralised."""
    from ..render import break_autolinks  # bare URLs and e-mail addresses must not become links either

    return break_autolinks(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def chat_text(answer: Answer) -> str:
    """The answer as chat Markdown: document words escaped, citation markers kept as plain [n]."""
    if answer.abstained:
        return escape_markdown(answer.answer)
    parts = re.split(r"(\[\d+\])", answer.answer)
    return "".join(
        f"[\\[{part[1:-1]}\\]](#source-{part[1:-1]})" if re.fullmatch(r"\[\d+\]", part) else escape_markdown(part)
        for part in parts
    )


def glossary_markdown(answer: Answer) -> str:
    """Plain-English lines for the sector terms an answer uses, as Markdown (definitions escaped), or ""."""
    lines = glossary(answer)
    if not lines:
        return ""
    items = "\n".join(f"- **{escape_markdown(term)}**: {escape_markdown(text)}" for term, text in lines)
    return f"*Terms used:*\n\n{items}"


def filters_from(authority: str, kind: str, since: str, until: str) -> SearchFilters:
    """SearchFilters from the filter controls ("Any" and blanks mean no filter)."""
    return SearchFilters(
        authority="" if authority in (ANY, None) else authority,
        kind="" if kind in (ANY, None) else kind,
        since=(since or "").strip(),
        until=(until or "").strip(),
    )


def _paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)


def highlighted(text: str, start: int, end: int) -> str:
    """HTML of `text` with text[start:end] marked; everything escaped."""
    return f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"


def sources_html(assistant: Assistant, answer: Answer) -> str:
    """One card per citation: title, kind, date, authority and the quote highlighted in its paragraph."""
    if answer.abstained or not answer.citations:
        return "<p>No sources: the documents do not answer this question.</p>"
    cards = []
    for c in answer.citations:
        text = assistant.document(c.doc_id).text
        para_start, para_end = _paragraph_around(text, c.start, c.end)
        paragraph = highlighted(text[para_start:para_end], c.start - para_start, c.end - para_start)
        page = f", page {c.page}" if c.page else ""
        cards.append(
            f'<div class="source-card" id="source-{c.n}"><div><strong>[{c.n}] {html.escape(c.title)}</strong></div>'
            f'<div class="source-meta">{html.escape(c.kind)} · {html.escape(c.authority or "no authority")} · '
            f"{html.escape(c.date or 'undated')} · characters {c.start}-{c.end}{page}</div>"
            f"<p>{paragraph}</p></div>"
        )
    return "\n".join(cards)


def document_html(assistant: Assistant, citation: Citation | dict | None) -> str:
    """The whole cited document with the quote marked (the page scrolls to it)."""
    if not citation:
        return "<p>Ask a question, then choose one of its sources to open the whole document.</p>"
    c = citation if isinstance(citation, dict) else asdict(citation)
    document = assistant.document(c["doc_id"])
    header = (
        f"<div class='doc-header'><strong>{html.escape(document.title)}</strong><br><span class='source-meta'>"
        f"{html.escape(document.kind.value)} · {html.escape(document.authority or 'no authority')} · "
        f"{html.escape(document.date or 'undated')} · {html.escape(document.publisher)}</span></div>"
    )
    return header + f"<div>{highlighted(document.text, c['start'], c['end'])}</div>"


def documents_rows(assistant: Assistant) -> list[list]:
    """Rows for the Documents tab."""
    counts = assistant.passage_counts()
    return [
        [d.title, d.kind.value, d.authority, d.date, counts.get(d.doc_id, 0), d.publisher, Path(d.path).name]
        for d in sorted(assistant.documents.values(), key=lambda d: (d.authority, d.date))
    ]


def ask_turn(assistant: Assistant, question: str, asked: list[Query], filters: SearchFilters) -> tuple[Answer, str]:
    """Answer a chat turn: the question is read in the light of the earlier ones; returns (answer, searched for)."""
    answer = assistant.ask(question, filters, history=asked)
    return answer, answer.searched_for


def claim_html(check) -> str:
    """A claim check: verdict, what it rests on, the source note, a word diff and the evidence."""
    verdict = check.verdict.value
    parts = [
        f"<p><span class='verdict verdict-{verdict}'>{html.escape(verdict.replace('_', ' '))}</span> "
        f"{html.escape(check.explanation)}</p>"
    ]
    if check.source_note:
        parts.append(f"<p><strong>{html.escape(check.source_note)}</strong></p>")
    if check.diff:
        words = []
        for op in check.diff:
            if op.op == "equal":
                words.append(html.escape(op.claim_text))
            if op.op in ("delete", "replace") and op.source_text:
                words.append(f"<del class='diff' title='source'>{html.escape(op.source_text)}</del>")
            if op.op in ("insert", "replace") and op.claim_text:
                words.append(f"<ins class='diff' title='claim'>{html.escape(op.claim_text)}</ins>")
        parts.append(
            "<p><em>Differences (source struck through, claim underlined):</em><br>" + " ".join(words) + "</p>"
        )
    for evidence in check.evidence:
        page = f", page {evidence.page}" if evidence.page else ""
        parts.append(
            f'<div class="source-card"><strong>{html.escape(evidence.title)}</strong>'
            f'<div class="source-meta">{html.escape(evidence.kind)} · {html.escape(evidence.authority)} · '
            f"{html.escape(evidence.date)} · characters {evidence.start}-{evidence.end}{page}</div>"
            f"<p><mark>{html.escape(evidence.quote)}</mark></p></div>"
        )
    return "\n".join(parts)
