"""Feeds and pages that misbehave: each is skipped with its reason, the others go on, and a
failed feed is tried again at the next poll (then backs off)."""
from __future__ import annotations

import pytest
from watch_site import Route, item


@pytest.fixture
def broken(site):
    """A good feed beside a 500, a slow one, a huge one, a malformed one and a missing one."""
    urls = {
        "good": site.feed("/good", [item("bridge-a"), item("fire-a")]),
        "down": site.url("/down"),
        "slow": site.url("/slow"),
        "huge": site.url("/huge"),
        "malformed": site.url("/malformed"),
        "missing": site.url("/missing"),
    }
    site.routes["/down"] = Route(b"oops", status=500, content_type="text/plain")
    site.routes["/slow"] = Route(site.routes["/good"].body, delay=2.5)  # timeout is 1 s
    site.routes["/huge"] = Route(endless=2_000_000)  # the cap is 200,000 bytes
    # Cut off before its first item (feedparser recovers entries from lesser damage).
    site.routes["/malformed"] = Route(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                                      b"<title>Cut &bogus; <<")
    return urls


def test_a_bad_feed_is_skipped_with_its_reason_and_the_others_go_on(broken, store, make_watcher):
    watcher = make_watcher(list(broken.values()))
    report = watcher.poll()
    outcome = {f.url: f for f in report.feeds}
    assert outcome[broken["good"]].status == "read" and report.added == 2
    codes = {name: outcome[url].error["code"] for name, url in broken.items() if name != "good"}
    assert codes == {"down": "E020", "slow": "E020", "huge": "E004", "malformed": "E008",
                     "missing": "E020"}
    reasons = {name: outcome[url].error["reason"] for name, url in broken.items()
               if name != "good"}
    assert "HTTP 500" in reasons["down"] and "HTTP 404" in reasons["missing"]
    assert "no answer within 1 s" in reasons["slow"]
    assert "larger than 200,000 bytes" in reasons["huge"]
    assert not report.all_failed


def test_a_failed_feed_is_retried_at_the_next_poll_then_backs_off(site, broken, store,
                                                                  make_watcher):
    watcher = make_watcher([broken["down"], broken["slow"]])
    first = watcher.poll()
    assert [f.status for f in first.feeds] == ["failed", "failed"] and first.all_failed
    asked = len(site.asked("/down"))

    # The server is back: the next poll asks again and reads it.
    site.feed("/down", [item("fire-b")])
    second = watcher.poll()
    assert len(site.asked("/down")) == asked + 1
    assert {f.url: f.status for f in second.feeds} == {broken["down"]: "read",
                                                       broken["slow"]: "failed"}
    assert second.added == 1
    # The slow feed failed twice in a row: it sits out one poll, then is tried again.
    assert "sits out the next 1 poll" in second.feeds[1].error["reason"]
    slow_asked = len(site.asked("/slow"))
    third = watcher.poll()
    assert {f.url: f.status for f in third.feeds}[broken["slow"]] == "waiting"
    assert len(site.asked("/slow")) == slow_asked
    fourth = watcher.poll()
    assert {f.url: f.status for f in fourth.feeds}[broken["slow"]] == "failed"
    assert len(site.asked("/slow")) == slow_asked + 1


def test_a_trickling_body_is_abandoned_at_the_deadline(site, store, make_watcher):
    # One byte every 0.1 s for 100 s: each read is quick, the whole is not (timeout 1 s).
    site.routes["/trickle"] = Route(endless=1000, trickle=0.1)
    report = make_watcher([site.url("/trickle")]).poll()
    assert report.feeds[0].error["code"] == "E020"
    assert "took longer than 1 s" in report.feeds[0].error["reason"]


def test_every_feed_failing_is_reported(broken, store, make_watcher):
    report = make_watcher([broken["down"], broken["malformed"]]).poll()
    assert report.all_failed and report.added == 0


def test_robots_txt_keeps_pages_out(site, store, make_watcher):
    site.robots("User-agent: *\nDisallow: /news/private/\n")
    site.page("/news/private/fire-b.html", "fire-b")
    site.page("/news/private/bridge-b.html", "bridge-b")
    site.page("/news/bridge-c.html", "bridge-c")
    short = dict(item("fire-b", content=False, summary="A fire."),
                 link=site.url("/news/private/fire-b.html"))
    long_summary = dict(item("bridge-b", content=False, summary=None),
                        link=site.url("/news/private/bridge-b.html"))
    long_summary["summary"] = long_summary["summary"].removesuffix("...") + " The council said."
    allowed = item("bridge-c", site=site, content=False)
    feed = site.feed("/rss", [short, long_summary, allowed])
    report = make_watcher([feed]).poll()

    assert site.asked("/news/private/fire-b.html") == []
    assert site.asked("/news/private/bridge-b.html") == []
    assert len(site.asked("/news/bridge-c.html")) == 1
    assert len(site.asked("/robots.txt")) == 1  # read once per host
    # Too little summary: skipped, naming robots.txt. Enough summary: stored from it.
    assert [(s["code"], s["input"]) for s in report.skipped] == [("E022", f"{feed}#entry 1")]
    assert "robots.txt" in report.skipped[0]["reason"]
    assert report.added == 2
    texts = [r[0] for r in store.conn.execute("SELECT text FROM articles ORDER BY seq")]
    assert any(t.endswith("The council said.") for t in texts)


def test_robots_txt_crawl_delay_spaces_requests(site, store, make_watcher):
    from newsweave.watch.politeness import HostDelay

    site.robots("User-agent: newsweave\nCrawl-delay: 7\n")
    site.page("/news/bridge-c.html", "bridge-c")
    feed = site.feed("/rss", [item("bridge-c", site=site, content=False)])
    slept: list[float] = []
    clock = [0.0]
    watcher = make_watcher([feed])
    watcher.fetcher.delay = watcher.robots.fetcher.delay = HostDelay(
        0.0, clock=lambda: clock[0], sleep=lambda s: slept.append(s))
    watcher.poll()
    # feed, robots.txt, page: the page waited for the 7 s crawl delay after robots.txt.
    assert slept == [pytest.approx(7.0)]


def test_links_into_a_private_network_from_a_public_feed_are_refused(site, store, make_watcher):
    """The feed's host is made to resolve to a public address; its entry links to localhost."""
    site.page("/news/fire-b.html", "fire-b")
    entry = dict(item("fire-b", content=False, summary="A fire."),
                 link=site.url("/news/fire-b.html", host="localhost"))
    feed = site.feed("/rss", [entry])

    def resolve(host):
        return ["93.184.216.34"] if host == "127.0.0.1" else ["127.0.0.1"]

    report = make_watcher([feed], resolve=resolve).poll()
    assert [s["code"] for s in report.skipped] == ["E021"]
    assert "private" in report.skipped[0]["reason"]
    assert site.asked("/news/fire-b.html") == [] and site.asked("/robots.txt") == []

    # --allow-private lifts the rule.
    store.conn.execute("DELETE FROM watch_items")
    store.conn.execute("DELETE FROM watch_feeds")
    again = make_watcher([feed], resolve=resolve, allow_private=True).poll()
    assert again.added == 1 and len(site.asked("/news/fire-b.html")) == 1


def test_redirects_are_checked_and_capped(site, store, make_watcher):
    site.routes["/to-file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    site.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    site.feed("/real", [item("fire-a")])
    site.routes["/moved"] = Route(status=301, headers={"Location": "/real"})
    report = make_watcher([site.url("/to-file"), site.url("/loop"), site.url("/moved")]).poll()
    errors = {f.url.rsplit("/", 1)[1]: f.error for f in report.feeds}
    assert errors["to-file"]["code"] == "E021" and "http and https" in errors["to-file"]["reason"]
    assert errors["loop"]["code"] == "E020" and "redirects" in errors["loop"]["reason"]
    assert errors["moved"] is None and report.added == 1
    assert len(site.asked("/loop")) == 6  # the first request and 5 redirects (the cap)


def test_bad_arguments_are_refused_before_any_request(store, make_watcher, tmp_path):
    from newsweave.errors import NewsweaveError

    for given, code in (("file:///etc/passwd", "E021"), ("ftp://example.com/rss", "E021"),
                        (str(tmp_path / "none.opml"), "E011")):
        with pytest.raises(NewsweaveError) as caught:
            make_watcher([given])
        assert caught.value.code == code
    not_opml = tmp_path / "saved.rss"
    not_opml.write_text("<rss/>")
    report = make_watcher([str(not_opml)]).poll()
    assert report.feeds[0].error["code"] == "E008"
    assert "newsweave ingest" in report.feeds[0].error["reason"]


def test_an_unreadable_robots_txt_holds_pages_back_until_a_later_poll(site, store, make_watcher):
    site.routes["/robots.txt"] = Route(b"", status=503, content_type="text/plain")
    site.page("/news/fire-b.html", "fire-b")
    site.page("/news/bridge-c.html", "bridge-c")
    feed = site.feed("/rss", [item("fire-b", site=site, content=False),
                              item("bridge-c", site=site, content=False)])
    watcher = make_watcher([feed])
    first = watcher.poll()
    assert [p["code"] for p in first.pending] == ["E022", "E022"]
    assert len(site.asked("/robots.txt")) == 1  # once per poll, not once per page
    assert site.asked("/news/fire-b.html") == []
    site.robots("User-agent: *\nAllow: /\n")
    second = watcher.poll()
    assert second.added == 2 and second.pending == []
