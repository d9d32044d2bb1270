"""Ask latency (issue 16, item 5): an index keeps each passage's sentences with vectors pooled from the passage's
own run of the model, and the model's vector of every passage word, so that answering a question embeds only the
question."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.text import meaning_words, sentence_spans

pytestmark = pytest.mark.slow


def test_each_passage_keeps_its_sentences_with_a_vector_of_each(assistant, embedder):
    store = assistant.index.sentences
    own_best, total = 0, 0
    for chunk in assistant.index.chunks:
        spans, vectors = store.of(chunk.chunk_id)
        assert spans == sentence_spans(chunk.text)
        long = [(start, end) for start, end, _ in spans if len(chunk.text[start:end].split()) >= 6]
        if len(long) < 2:
            continue
        alone = embedder.embed([chunk.text[start:end] for start, end in long])
        pooled = np.stack([vectors[span] for span in long])
        np.testing.assert_allclose(np.linalg.norm(pooled, axis=1), 1.0, atol=1e-2)
        # A sentence's pooled vector is nearest its own sentence's vector among its passage's sentences (152 of
        # 179 on the seeds: pooled in context, a vector also carries its neighbours' meaning).
        own_best += int((np.argmax(pooled @ alone.T, axis=1) == np.arange(len(long))).sum())
        total += len(long)
    assert total > 100 and own_best / total >= 0.8, (own_best, total)


def test_the_word_table_holds_the_models_vector_of_every_passage_word(assistant, embedder):
    table = assistant.index.words
    words = sorted(set().union(*(meaning_words(chunk.text) for chunk in assistant.index.chunks)))
    assert set(words) == set(table.rows)
    sample = words[:: max(len(words) // 40, 1)]
    stored = table.known(sample)
    fresh = embedder.embed(sample)
    cosines = np.array([stored[word] @ vector for word, vector in zip(sample, fresh, strict=True)])
    assert cosines.min() >= 0.999, cosines.min()


def test_an_answer_embeds_the_question_and_none_of_the_documents_sentences(assistant, monkeypatch):
    embedded: list[str] = []
    real = assistant.embedder.embed

    def spy(texts, show_progress=False):
        embedded.extend(texts)
        return real(texts)

    monkeypatch.setattr(assistant.embedder, "embed", spy)
    question = "How regularly are the personal advisers of Rotherham's care leavers supervised?"
    answer = assistant.ask(question)
    assert not answer.abstained and answer.citations
    sentences = {
        chunk.text[start:end]
        for chunk in assistant.index.chunks
        for start, end, _ in assistant.index.sentences.of(chunk.chunk_id)[0]
    }
    assert embedded and not sentences & set(embedded), embedded
    assert all(len(text) <= len(question) for text in embedded), embedded
