"""Polling against a local site: items ingested once, stories created then updated, conditional
requests, pages fetched for summary-only entries."""
from __future__ import annotations

from watch_site import REPORTS, item


def _story_of(store, article_id: str) -> str:
    row = store.conn.execute(
        "SELECT m.story_id FROM articles a JOIN story_members m ON m.article_seq = a.seq "
        "WHERE a.id = ?", (article_id,)).fetchone()
    assert row, f"{article_id} is in no story"
    return row[0]


def test_first_poll_ingests_entries_and_pages_into_stories(site, store, make_watcher):
    site.page("/news/bridge-c.html", "bridge-c")
    feed = site.feed("/rss", [item("bridge-a"), item("fire-a"),
                              item("bridge-c", site=site, content=False)])
    report = make_watcher([feed]).poll()

    assert [(f.url, f.status, f.new_entries) for f in report.feeds] == [(feed, "read", 3)]
    assert report.added == 3 and report.known == 0 and report.skipped == []
    assert store.counts()["articles"] == 3
    # The summary-only entry was read from its page (the page's full text, not the summary).
    assert len(site.asked("/news/bridge-c.html")) == 1
    text = store.conn.execute("SELECT text FROM articles WHERE url LIKE '%bridge-c%'").fetchone()[0]
    assert "detours" in text and "several weeks" in text
    # Two bridge reports form one story, the fire report another; both were created.
    bridge = _story_of(store, "urn-valley-bridge-a")
    assert bridge == _story_of(store, "urn-valley-bridge-c") != _story_of(store, "urn-valley-fire-a")
    assert sorted((s.added, s.created) for s in report.stories) == [(1, True), (2, True)]
    # The request named newsweave.
    assert site.asked("/rss")[0].headers["user-agent"].startswith("newsweave/")


def test_second_poll_is_conditional_and_new_items_update_their_story(site, store, make_watcher):
    feed = site.feed("/rss", [item("bridge-a"), item("fire-a")])
    watcher = make_watcher([feed])
    first = watcher.poll()
    assert first.added == 2
    etag = site.routes["/rss"].etag

    second = watcher.poll()
    asked = site.asked("/rss")[-1].headers
    assert asked.get("if-none-match") == etag and "if-modified-since" in asked
    assert [f.status for f in second.feeds] == ["not-modified"], second.feeds
    assert second.added == 0 and store.counts()["articles"] == 2

    # A new item appears: only it is ingested, and it joins the existing bridge story.
    bridge = _story_of(store, "urn-valley-bridge-a")
    site.feed("/rss", [item("bridge-b", day=1), item("bridge-a"), item("fire-a")])
    third = watcher.poll()
    assert [(f.status, f.new_entries) for f in third.feeds] == [("read", 1)]
    assert third.added == 1 and store.counts()["articles"] == 3
    assert [(s.story_id, s.created, s.added, s.size) for s in third.stories] == [
        (bridge, False, 1, 2)]
    assert _story_of(store, "urn-valley-bridge-b") == bridge


def test_items_are_stored_once_across_polls_feeds_and_guids(site, store, make_watcher):
    # No validators: the feed is read in full at every poll.
    one = site.feed("/one", [item("bridge-a"), item("fire-a")], validators=False)
    # The same article in a second feed (same link, another guid), and the same text under a
    # new guid and link (a republished item): stored once each time.
    same_link = dict(item("bridge-a"), guid="urn:other:1")
    republished = dict(item("fire-a"), guid="urn:valley:fire-a-again",
                       link="https://news.example/fire-a-again")
    two = site.feed("/two", [same_link, republished], validators=False)
    watcher = make_watcher([one, two])

    first = watcher.poll()
    assert first.added == 2 and first.known == 1  # the republished text is known by content
    assert store.counts()["articles"] == 2
    second = watcher.poll()
    assert [(f.status, f.new_entries) for f in second.feeds] == [("read", 0), ("read", 0)]
    assert second.added == 0 and store.counts()["articles"] == 2
    # Each entry is recorded once.
    rows = store.conn.execute("SELECT status, count(*) FROM watch_items GROUP BY status")
    assert dict(rows.fetchall()) == {"added": 2, "known": 1}


def test_a_page_that_fails_is_retried_at_the_next_poll(site, store, make_watcher):
    from watch_site import Route

    site.routes["/news/fire-b.html"] = Route(b"busy", status=503, content_type="text/plain")
    feed = site.feed("/rss", [item("fire-b", site=site, content=False), item("fire-a")])
    watcher = make_watcher([feed])
    first = watcher.poll()
    assert first.added == 1
    assert [(p["code"], "tried again" in p["reason"]) for p in first.pending] == [("E020", True)]

    site.page("/news/fire-b.html", "fire-b")
    second = watcher.poll()
    # The feed was read in full again (no validators sent while an entry waits) ...
    assert "if-none-match" not in site.asked("/rss")[-1].headers
    # ... and the page now gives its article, which joins the fire story.
    assert second.added == 1 and second.pending == []
    assert [(s.created, s.size) for s in second.stories] == [(False, 2)]


def test_a_page_that_keeps_failing_is_given_up_with_its_reason(site, store, make_watcher):
    from watch_site import Route

    site.routes["/news/fire-b.html"] = Route(b"busy", status=503, content_type="text/plain")
    feed = site.feed("/rss", [item("fire-b", site=site, content=False, summary="Short.")])
    watcher = make_watcher([feed])  # page_attempts = 2 in the test config
    assert len(watcher.poll().pending) == 1
    second = watcher.poll()
    assert second.pending == [] and [s["code"] for s in second.skipped] == ["E020"]
    assert "2 attempts" in second.skipped[0]["reason"]
    third = watcher.poll()
    assert third.skipped == [] and third.pending == []
    assert len(site.asked("/news/fire-b.html")) == 2


def test_opml_file_and_url_list_feeds(site, store, make_watcher, tmp_path):
    from watch_site import opml_bytes

    a = site.feed("/a", [item("bridge-a")])
    b = site.feed("/b", [item("fire-a")])
    listing = tmp_path / "feeds.opml"
    listing.write_bytes(opml_bytes([a, "javascript:alert(1)"]))
    remote = site.opml("/feeds.opml", [b, a])
    report = make_watcher([str(listing), remote]).poll()
    assert sorted((f.url, f.status) for f in report.feeds) == sorted([
        (str(listing), "listed"), (a, "read"), (remote, "listed"), (b, "read")])
    assert [p["code"] for p in report.problems] == ["E021"]
    assert report.added == 2
    assert len(site.asked("/a")) == 1  # listed twice, polled once


def test_entry_content_is_read_like_a_feed_file(site, store, make_watcher, tmp_path):
    """A polled entry gives the same article as `newsweave ingest` of the saved feed."""
    from newsweave.ingest import read_inputs

    feed = site.feed("/rss", [item("fire-a")])
    make_watcher([feed]).poll()
    saved = tmp_path / "feed.rss"
    saved.write_bytes(site.routes["/rss"].body)
    from_file = [a for a in read_inputs([saved], store.config)][0]
    stored = store.get_articles(["urn-valley-fire-a"])["urn-valley-fire-a"]
    assert (stored.text, stored.raw, stored.meta.title, stored.meta.source) == (
        from_file.text, from_file.raw, from_file.meta.title, from_file.meta.source)
    assert stored.text.startswith(REPORTS["fire-a"][1][:40])


def test_an_opml_url_that_has_not_changed_still_gives_its_feeds(site, store, make_watcher):
    a = site.feed("/a", [item("bridge-a")])
    remote = site.opml("/feeds.opml", [a])
    site.routes["/feeds.opml"].etag = '"opml-1"'
    watcher = make_watcher([remote])
    assert watcher.poll().added == 1
    site.feed("/a", [item("bridge-b", day=1), item("bridge-a")])
    second = watcher.poll()
    assert site.asked("/feeds.opml")[-1].headers.get("if-none-match") == '"opml-1"'
    assert [(f.url, f.status) for f in second.feeds] == [(remote, "listed"), (a, "read")]
    assert second.added == 1


def test_entries_over_the_cap_wait_for_the_next_poll(site, store, make_watcher):
    from watch_site import light_config

    feed = site.feed("/rss", [item("bridge-a"), item("fire-a"), item("bridge-b")])
    watcher = make_watcher([feed], config=light_config(max_entries_per_feed=2))
    first = watcher.poll()
    assert first.added == 2
    second = watcher.poll()  # read in full again (no 304), and the third entry comes in
    assert "if-none-match" not in site.asked("/rss")[-1].headers
    assert second.added == 1 and store.counts()["articles"] == 3
    third = watcher.poll()
    assert [f.status for f in third.feeds] == ["not-modified"]


def test_an_opml_url_that_becomes_a_feed_is_polled_as_one(site, store, make_watcher):
    a = site.feed("/a", [item("bridge-a")])
    remote = site.opml("/list", [a])
    watcher = make_watcher([remote])
    assert watcher.poll().added == 1
    site.feed("/list", [item("fire-a")])
    second = watcher.poll()
    assert [(f.url, f.status) for f in second.feeds] == [(remote, "read")]
    assert second.added == 1


def test_a_watcher_killed_before_recording_its_entries_stores_nothing_twice(site, store,
                                                                            make_watcher):
    """Entries are recorded after their articles are committed; if the watcher dies between
    the two, the next poll meets the entries again and the store knows their content."""
    feed = site.feed("/rss", [item("bridge-a"), item("fire-a")])
    assert make_watcher([feed]).poll().added == 2
    store.conn.execute("DELETE FROM watch_items")
    store.conn.execute("DELETE FROM watch_feeds")
    again = make_watcher([feed]).poll()
    assert (again.added, again.known) == (0, 2) and store.counts()["articles"] == 2
