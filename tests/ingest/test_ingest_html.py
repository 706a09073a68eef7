"""HTML pages: trafilatura's text located back in the source, metadata, and bad pages."""
from __future__ import annotations

from datetime import datetime

import pytest
from ingest_helpers import ENGLISH, check_offsets, read_all

from newsweave.errors import NewsweaveError
from newsweave.ingest.html_reader import align, article_from_html
from newsweave.ingest.html_text import plain_text, visible_text

PAGE = """<!DOCTYPE html>
<html><head><title>Macron &amp; troops | The Daily</title>
<meta property="og:site_name" content="The Daily"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-02-27T10:00:00Z">
<link rel="canonical" href="https://daily.example/world/macron-troops">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Macron opens door to troops</h1>
<p>French President Emmanuel Macron said on Monday that sending Western
   troops to Ukraine could not be &ldquo;ruled out&rdquo;, a remark that drew swift denials.</p>
<p>German Chancellor <b>Olaf Scholz</b> said there would be no ground troops from European
countries or NATO. The Kremlin warned of an <i>inevitable</i> conflict.</p>
<p>Caf&eacute; owners in Paris &amp; Berlin watched the news&#8212;and the markets&#x2019; reaction.</p>
<p>Read also: Scholz rules out troops</p>
</article><footer>Copyright 2024 The Daily. All rights reserved.</footer></body></html>
"""


def test_html_article_text_metadata_and_offsets(write):
    path = write("macron-troops.html", PAGE)
    (article,), problems = read_all([path])
    assert problems == []
    assert article.id == "macron-troops"
    assert article.raw == PAGE
    meta = article.meta
    assert meta.title == "Macron opens door to troops"
    assert meta.source == "The Daily"
    assert meta.author == "Jane Roe"
    assert meta.url == "https://daily.example/world/macron-troops"
    assert meta.published == datetime(2024, 2, 27)
    text = article.text
    assert "Home" not in text and "not text" not in text and "color" not in text
    assert "Read also" not in text and "All rights reserved" not in text
    assert "sending Western troops to Ukraine could not be “ruled out”" in text
    assert "Café owners in Paris & Berlin watched the news—and the markets’ reaction." in text
    check_offsets(article)
    # a passage maps to the HTML that shows it, markup in between included
    start = text.index("Olaf Scholz said")
    raw_start, raw_end = article.to_raw(start, start + len("Olaf Scholz said"))
    assert PAGE[raw_start:raw_end] == "Olaf Scholz</b> said"
    # an entity maps to where it starts
    e = text.index("é")
    assert PAGE[article.offsets[e]:article.offsets[e] + 8] == "&eacute;"
    assert article.offsets == sorted(article.offsets)


@pytest.mark.parametrize("page, words", [
    ("<p>a &amp b &ampfoo; &&& &#; &#x41 &#65;x</p>", "a & b &foo; &&& &#; A Ax"),
    ("<div>one<br>two</div><table><tr><td>c1</td><td>c2</td></tr></table>", "one two c1 c2"),
    ("<head><title>T</title><meta x><p>Body text</p>", "Body text"),
    ("<p>unclosed <b>bold <i>and <div <<>> &lt;", "unclosed bold and > <"),
    ("<script>if (a<b) x='</div>'</script><p>after</p>", "after"),
    ("<pre>keep   spaces</pre>", "keep spaces"),
])
def test_visible_text(page, words):
    mapped = visible_text(page)
    assert " ".join(mapped.text.split()) == words
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for i, ch in enumerate(mapped.text):
        if not ch.isspace():
            assert page[mapped.starts[i]] in (ch, "&")


def test_plain_text_strips_markup_from_titles():
    assert plain_text('Macron <img src=x onerror="alert(1)">troops &amp; allies') == "Macron troops & allies"


def test_align_exact_fuzzy_and_unplaceable():
    page = ("<p>The first paragraph is here and it is long enough to anchor.</p>"
            "<p>Second paragraph with   odd\nspacing and a typo fixed by the extractor.</p>")
    visible = visible_text(page)
    extracted = ("The first paragraph is here and it is long enough to anchor.\n"
                 "Second paragraph with odd spacing and a typo fixd by the extractor.\n"
                 "A line that the page does not hold at all, anywhere.")
    selected = align(extracted, visible)
    paragraphs = selected.text.split("\n\n")
    assert paragraphs[0] == "The first paragraph is here and it is long enough to anchor."
    assert paragraphs[1].startswith("Second paragraph with   odd")  # the page's own characters
    assert len(paragraphs) == 2
    for i, ch in enumerate(selected.text):
        if not ch.isspace():
            assert page[selected.starts[i]] == ch


def test_html_through_the_library_function(config):
    article = article_from_html(f"<html><body><article><p>{ENGLISH}</p></article></body></html>",
                                config, article_id="x", display="x.html",
                                url="javascript:alert(1)")
    assert article.text == ENGLISH
    assert article.meta.url is None
    check_offsets(article)


@pytest.mark.parametrize("name, content, code", [
    ("tags-only.html", "<html><head></head><body><div></div></body></html>", "E006"),
    ("broken.html", "<<<<>>>> <div <p </ </html", "E012"),  # 8 characters of "text"
    ("binary-ish.html", "<html><body>\ufffd\ufffd<p>\u0007</p></body></html>", "E006"),
    ("nav-only.html", "<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav></body></html>", "E012"),
])
def test_bad_html_is_reported_not_raised(write, name, content, code):
    path = write(name, content)
    articles, (problem,) = read_all([path])
    assert articles == []
    assert problem.code == code
    assert problem.input == str(path)
    assert problem.fix


def test_malformed_html_with_text_still_reads(write):
    page = f"<html><body><div><p>{ENGLISH}<span><i>unclosed <<< &bogus; </p></div></table></html"
    (article,), problems = read_all([write("malformed.html", page)])
    assert problems == []
    assert ENGLISH in article.text


def test_html_in_declared_legacy_encoding(write):
    body = f"<html><head><meta charset='windows-1252'></head><body><article><p>Caf\xe9 news. {ENGLISH}</p></article></body></html>"
    path = write("legacy.htm", body.encode("cp1252"))
    (article,), problems = read_all([path])
    assert problems == []
    assert "Café news." in article.text


def test_large_page_is_fast(write):
    import time

    paragraphs = "".join(f"<p>Paragraph {i}: {ENGLISH}</p>\n<div class=ad>Advert {i}</div>\n"
                         for i in range(400))
    path = write("long.html", f"<html><body><article>{paragraphs}</article></body></html>")
    started = time.perf_counter()
    (article,), _ = read_all([path])
    assert time.perf_counter() - started < 10
    assert article.text.count("Paragraph ") == 400


def test_article_from_html_raises_coded_error(config):
    with pytest.raises(NewsweaveError) as info:
        article_from_html("<html></html>", config, article_id="x", display="feed.jsonl#line 3")
    assert info.value.code == "E006" and info.value.input == "feed.jsonl#line 3"


def test_lists_and_tables_are_located_despite_trafilatura_decoration(write):
    page = (f"<html><body><article><h2>Key points</h2><ul><li>First point: {ENGLISH}</li>"
            "<li>Second point is long enough to matter here.</li></ul>"
            "<table><tr><td>Country</td><td>Troops</td></tr>"
            "<tr><td>France</td><td>Maybe, said the president</td></tr></table>"
            f"<p>{ENGLISH}</p></article></body></html>")
    (article,), _ = read_all([write("lists.html", page)])
    lines = article.text.split("\n\n")
    assert "First point: " + ENGLISH in lines
    assert "Second point is long enough to matter here." in lines
    assert "Country Troops" in lines and "France Maybe, said the president" in lines
