import pytest

from newsweave.ingest.cleanup import clean_text, is_boilerplate
from newsweave.model import Article, Span


@pytest.mark.parametrize("line, furniture", [
    ("Read also:", True),
    ("Read more: Ten things about the summit", True),
    ("Written by B.C. Begley", True),
    ("Image is licensed under the Creative Commons CC0 1.0 Universal Public Domain Dedication.", True),
    ("Photo: Reuters", True),
    ("Share this article", True),
    ("© 2024 Example Media. All rights reserved.", True),
    # News that merely mentions the words stays.
    ("He said the letter was read by millions of people across Europe.", False),
    ("The photo agency said its licence had been revoked after a dispute over credits in court.", False),
    ("Share prices fell sharply on Monday after the announcement.", False),
    ("Written statements were submitted to the committee by both sides before the hearing.", False),
])
def test_boilerplate_lines(line, furniture):
    assert is_boilerplate(line) is furniture


def test_offset_map_points_every_char_back():
    raw = "Title\r\n\r\n  Body\u00a0text  with\u200b spaces.\nRead also:\nNext\tline."
    text, offsets = clean_text(raw)
    assert text == "Title\n\nBody text with spaces.\nNext line."
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        source = raw[offsets[i]]
        assert source == ch or (ch == " " and source.isspace())


def test_article_to_raw_round_trip():
    raw = "A\u00a0long   day.\nRead also:\nMore news here."
    article = Article.from_text("a", raw)
    start = article.text.index("More")
    rs, re_ = article.to_raw(start, start + len("More news here."))
    assert raw[rs:re_] == "More news here."
    with pytest.raises(ValueError):
        article.to_raw(0, len(article.text) + 1)


def test_span_rejects_bad_range():
    with pytest.raises(ValueError):
        Span(5, 2)
    assert Span(0, 4).overlaps(Span(3, 6)) and not Span(0, 3).overlaps(Span(3, 6))


def test_empty_text_has_one_offset():
    text, offsets = clean_text("")
    assert text == "" and offsets == [0]
