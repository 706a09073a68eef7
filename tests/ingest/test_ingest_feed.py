"""RSS and Atom feeds: one article per entry, hostile markup reduced to text, only http(s) links."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

import pytest
from ingest_helpers import ENGLISH, read_all

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Daily &amp; Co</title><link>https://daily.example</link>
<item>
  <title>Macron &lt;b&gt;troops&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</title>
  <link>javascript:alert(1)</link>
  <guid>https://daily.example/world/macron-troops</guid>
  <pubDate>Tue, 27 Feb 2024 10:00:00 GMT</pubDate>
  <author>jane@daily.example (Jane Roe)</author>
  <description>{escape("<p>" + ENGLISH.replace("Olaf Scholz", "<b>Olaf Scholz</b>") + " Caf&eacute; &amp; bar.</p><script>alert(1)</script>")}</description>
</item>
<item>
  <title>Second entry</title>
  <link>https://daily.example/world/allies</link>
  <description>{escape(ENGLISH)}</description>
</item>
<item><title>No text</title><link>https://daily.example/empty</link></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>tag:atom.example,2024:post-17</id><title type="html">Allies &lt;i&gt;reject&lt;/i&gt;</title>
<link href="https://atom.example/posts/17"/><updated>2024-03-01T08:30:00Z</updated>
<author><name>John Doe</name></author>
<summary>Short summary.</summary>
<content type="html">{escape("<div><p>" + ENGLISH + "</p></div>")}</content></entry>
</feed>
"""


def test_rss_entries(write):
    path = write("daily.rss", RSS)
    articles, problems = read_all([path])
    first, second = articles
    assert first.id == "macron-troops"
    assert first.meta.title == "Macron troops"  # markup of the title is not kept
    assert first.meta.url is None  # javascript: links are dropped
    assert first.meta.source == "The Daily & Co"
    assert first.meta.author == "Jane Roe"
    assert first.meta.published == datetime(2024, 2, 27, 10, tzinfo=timezone.utc)
    assert first.meta.path == f"{path}#entry 1"
    assert first.raw.startswith("<p>")  # raw is the entry's HTML
    assert "alert" not in first.text and "<b>" not in first.text
    assert "Olaf Scholz said" in first.text and first.text.endswith("Café & bar.")
    start = first.text.index("Olaf Scholz said")
    raw_start, raw_end = first.to_raw(start, start + len("Olaf Scholz said"))
    assert first.raw[raw_start:raw_end] == "Olaf Scholz</b> said"
    assert second.id == "allies" and second.meta.url == "https://daily.example/world/allies"
    (problem,) = problems
    assert problem.code == "E012" and problem.input == f"{path}#entry 3"


def test_atom_entry_prefers_content(write):
    path = write("news.atom", ATOM)
    (article,), problems = read_all([path])
    assert problems == []
    assert article.id == "tag-atom.example-2024-post-17"
    assert article.text == ENGLISH
    assert article.meta.title == "Allies reject"
    assert article.meta.author == "John Doe"
    assert article.meta.url == "https://atom.example/posts/17"
    assert article.meta.source == "Atom News"


@pytest.mark.parametrize("name, content, code", [
    ("broken.rss", "<rss version='2.0'><channel><title>x</title></chan", "E008"),
    ("page.xml", "<?xml version='1.0'?><catalog><book>Not a feed</book></catalog>", "E008"),
    ("html.atom", "<html><body><p>An HTML page named .atom</p></body></html>", "E008"),
    ("empty-feed.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>", "E001"),
])
def test_bad_feeds(write, name, content, code):
    path = write(name, content)
    articles, (problem,) = read_all([path])
    assert articles == []
    assert problem.code == code
    assert problem.input == str(path)
    assert problem.fix


def test_feed_text_that_looks_like_a_url_is_not_fetched(write, monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("feedparser tried to fetch a URL")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    path = write("url.xml", "http://127.0.0.1:9/feed.rss")
    articles, (problem,) = read_all([path])
    assert problem.code == "E008"


def test_truncated_feed_keeps_its_complete_entries(write):
    cut = RSS[: RSS.index("<item><title>No text")]  # ends inside the channel: not well-formed
    articles, problems = read_all([write("cut.rss", cut)])
    assert [a.id for a in articles] == ["macron-troops", "allies"]
    assert problems == []
