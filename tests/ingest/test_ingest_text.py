"""Plain text and Markdown: cleaned text, titles, offsets, and the example corpus."""
from __future__ import annotations

import pytest
from ingest_helpers import ENGLISH, EXAMPLES, check_offsets, read_all

from newsweave.ingest.cleanup import clean_mapped, clean_text
from newsweave.ingest.text_reader import headline


def test_plain_text_article(write):
    raw = "\ufeffTroops rejected\r\n\r\n" + ENGLISH + "\u00a0\n\nWritten by Jane Roe\n"
    path = write("wire/2024-troops.txt", raw)
    (article,), problems = read_all([path])
    assert problems == []
    assert article.id == "2024-troops"
    assert article.raw == raw  # decoded, untouched
    assert article.meta.title == "Troops rejected"
    assert article.meta.path == str(path)
    assert article.meta.language == "en"
    assert article.text.startswith("Troops rejected\n\nFrench President")
    assert "Written by" not in article.text
    start, end = article.to_raw(article.text.index("Olaf"), article.text.index("Olaf") + 10)
    assert raw[start:end] == "Olaf Scholz"[:10]


def test_markdown_article(write):
    raw = (
        "# Macron *opens* the door\n\n"
        "> **Scholz** rules out troops, says [Reuters](https://reuters.example/a_b_c).\n\n"
        "- " + ENGLISH + "\n"
        "1. A second point with `code` and snake_case_names and 5 * 3 * 2.\n\n"
        "***\n\n![A photo](photo.png)\n[ref]: https://example.com/ref\n"
    )
    path = write("story.md", raw)
    (article,), problems = read_all([path])
    assert problems == []
    assert article.meta.title == "Macron opens the door"
    lines = article.text.splitlines()
    assert lines[0] == "Macron opens the door"
    assert "Scholz rules out troops, says Reuters." in article.text
    assert "https://" not in article.text and "*" not in article.text.replace("5 * 3 * 2", "")
    assert "snake_case_names" in article.text and "`" not in article.text
    assert lines[-1] == "A photo"
    check_offsets(article)


def test_markdown_front_matter(write):
    raw = ("---\ntitle: \"Allies reject troops\"\ndate: 2024-02-27\nsource: The Daily\n"
           "url: https://daily.example/a\n---\n\n" + ENGLISH)
    (article,), _ = read_all([write("fm.markdown", raw)])
    assert article.meta.title == "Allies reject troops"
    assert article.meta.published.isoformat() == "2024-02-27T00:00:00"
    assert article.meta.source == "The Daily"
    assert article.meta.url == "https://daily.example/a"
    assert article.text.startswith("French President")


@pytest.mark.parametrize("text, expected", [
    ("European, US allies taken aback by Macron's comments\n\nBody.", "European, US allies taken aback by Macron's comments"),
    ("American authorities refute Macron's statement.\nBody.", "American authorities refute Macron's statement."),
    ("Is this the end of NATO?\nBody.", "Is this the end of NATO?"),
    ("“Nothing should be ruled out”\nBody.", "“Nothing should be ruled out”"),
    # negatives
    ("The US has firmly denied the proposal of deploying Western troops to engage in ground "
     "combat in Ukraine, officials said on Tuesday.\nBody.", None),
    ("The US denied it. Macron faced backlash.\nBody.", None),
    ("Kirby said the following:\nWe won't.", None),
    ("the lower-case start of a sentence\nBody.", None),
    ("A headline with no body", None),
    ("Waiting for news...\nBody.", None),
])
def test_headline(text, expected):
    assert headline(text) == expected


def test_examples_are_clean_english_with_boilerplate_removed():
    paths = sorted(EXAMPLES.glob("*.txt"))
    assert len(paths) == 5
    articles, problems = read_all(paths)
    assert problems == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {p.stem for p in paths}
    assert all(a.meta.language == "en" for a in articles)
    assert "Image is licensed under the" not in by_id["002_6fb568b95650c9a2"].text
    assert "Written by B.C. Begley" not in by_id["003_c9e233ed828a4b21"].text
    assert "Read also:" not in by_id["004_1ec102d3ff05419f"].text
    # the news around the furniture stays
    assert "Joe Biden, during his visit to France" in by_id["004_1ec102d3ff05419f"].text
    assert "no ground troops from European countries" in by_id["003_c9e233ed828a4b21"].text
    assert by_id["003_c9e233ed828a4b21"].meta.title.startswith("European, US allies")
    assert by_id["000_b6c0ea54cc3e3fd3"].meta.title is None


@pytest.mark.parametrize("raw, text", [
    ("Title\r\n\r\n\r\nBody\u00a0text.\nRead also:\n", "Title\n\nBody text."),
    ("\ufeff  Title \u200b\nBody", "Title\nBody"),
    ("Hello\n\u200b", "Hello"),
    ("a\n\u200b\nb", "a\n\nb"),
    ("  spaced   words  \n\n\n\nnext", "spaced words\n\nnext"),
    ("", ""),
])
def test_clean_text(raw, text):
    cleaned, offsets = clean_text(raw)
    assert cleaned == text
    assert len(offsets) == len(cleaned) + 1
    for i, ch in enumerate(cleaned):
        if ch not in " \n":
            assert raw[offsets[i]] == ch


def test_clean_mapped_composes_maps():
    # "A &amp; B" seen as "A & B": the "&" comes from five raw characters starting at 2
    text, offsets = clean_mapped("A & B ", [0, 1, 2, 7, 8, 9], [1, 2, 7, 8, 9, 10])
    assert text == "A & B"
    assert offsets == [0, 1, 2, 7, 8, 9]
    text, offsets = clean_mapped("x &", [0, 1, 2], [1, 2, 7])
    assert offsets[-1] == 7  # the end of the entity, not its first character + 1
    assert clean_mapped("", []) == ("", [0])


def test_clean_text_stops_past_max_chars():
    raw = "first line here\nsecond line here\nthird line here\n"
    text, offsets = clean_text(raw, max_chars=20)
    assert 20 < len(text) < len(clean_text(raw)[0])
    assert len(offsets) == len(text) + 1
    assert clean_text(raw, max_chars=1000) == clean_text(raw)
