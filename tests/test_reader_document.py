"""The reader's Document: the text split once, offsets that hold in every view of it."""

from __future__ import annotations

import pytest

from incimap.geo.reader.document import Document, document_of, fold, paragraphs, sentences

TEXT = (
    "Gunmen attack bus in the north\n"
    "\n"
    "Mr. Khan said on Monday that gunmen fired on a bus. Two people died. Police said\n"
    "the attack began at 9 a.m.\n"
    "\n"
    "\u201cWe will find them,\u201d the U.S. envoy said. Officials in S\u00e3o Paulo agreed."
)


def test_sentences_split_at_stops_and_lines_but_not_after_abbreviations():
    texts = [s.text for s in sentences(TEXT)]
    assert texts[0] == "Gunmen attack bus in the north"  # a headline is its own sentence
    assert texts[1] == "Mr. Khan said on Monday that gunmen fired on a bus."
    assert "Two people died." in texts
    assert any(t.startswith("\u201cWe will find them,\u201d the U.S. envoy said.") for t in texts)


def test_a_word_that_ends_like_an_abbreviation_still_ends_its_sentence():
    """"No." and "St." are abbreviations only as whole words: a town ending in "-no" or
    "the east." ends a sentence."""
    texts = [s.text for s in sentences("Teachers struck in Niono. Gunmen fled to the east. "
                                       "Police said No. 8 was shut. Gen. Ba agreed.")]
    assert texts == ["Teachers struck in Niono.", "Gunmen fled to the east.",
                     "Police said No. 8 was shut.", "Gen. Ba agreed."]


def test_a_clock_time_ends_a_sentence_only_before_another_word():
    texts = [s.text for s in sentences("It went off at 7:00 p.m. AST (2300 UTC) outside a bar. "
                                       "It was at 9 a.m. Police said so.")]
    assert texts == ["It went off at 7:00 p.m. AST (2300 UTC) outside a bar.",
                     "It was at 9 a.m.", "Police said so."]


def test_every_sentence_span_points_at_its_text():
    for span in sentences(TEXT):
        assert TEXT[span.start:span.end] == span.text


def test_paragraphs_are_split_at_blank_lines():
    paras = paragraphs(TEXT)
    assert len(paras) == 3
    assert paras[1].text.startswith("Mr. Khan")
    assert all(TEXT[p.start:p.end] == p.text for p in paras)


def test_fold_keeps_the_length_so_offsets_carry_over():
    folded = fold(TEXT)
    assert len(folded) == len(TEXT)
    start = TEXT.index("S\u00e3o Paulo")
    assert folded[start:start + 9] == "sao paulo"
    assert fold("\u201cKano\u2019s\u201d") == " kano s "


def test_fold_keeps_the_length_where_lower_case_is_longer():
    text = "\u0130stanbul"  # capital dotted I lower-cases to two characters
    assert len(fold(text)) == len(text)


def test_sentence_at_and_paragraph_at_find_the_holder_of_an_offset():
    doc = Document(TEXT)
    offset = TEXT.index("Two people")
    assert doc.sentence_at(offset).text == "Two people died."
    assert doc.paragraph_at(offset) == 1
    assert doc.paragraph_at(len(TEXT) - 1) == 2


def test_tokens_are_the_words_in_reading_order_with_their_offsets():
    doc = Document(TEXT)
    assert all(TEXT[t.start:t.end] == t.text for t in doc.tokens)
    words = [t.text for t in doc.tokens]
    assert words[:3] == ["Gunmen", "attack", "bus"]
    assert "U.S" in words and "S\u00e3o" in words
    starts = [t.start for t in doc.tokens]
    assert starts == sorted(starts)
    assert doc.sentence_tokens(1)[0].text == "Mr" and doc.sentence_tokens(1)[0].capitalised


def test_lower_words_know_what_the_article_writes_in_lower_case():
    doc = Document(TEXT)
    assert "gunmen" in doc.lower_words
    assert "khan" not in doc.lower_words


def test_the_document_is_built_once_and_its_splits_are_cached():
    doc = Document(TEXT)
    assert doc.sentences is doc.sentences
    assert doc.tokens is doc.tokens
    assert document_of(doc) is doc
    assert isinstance(document_of(TEXT), Document)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "no stop at all"])
def test_degenerate_texts_give_no_or_one_sentence(text):
    doc = Document(text)
    assert len(doc.sentences) == (1 if text.strip() else 0)
    assert doc.paragraph_at(0) <= max(0, len(doc.paragraphs) - 1)
