"""The reconcile step on its own (no Spark): stories cut by a partition boundary are put back
together by StoryClusterer.reconcile, unless they exceed reconcile_limit."""
from __future__ import annotations

from serve_stores import light_config, write_reports

from newsweave.api import analyse_articles, group_stories, read_articles
from newsweave.spark.grouping import Assignment, partition_of, reconcile
from newsweave.spark.rows import published_ts
from newsweave.stories.cluster import group_into_stories


def per_partition(tmp_path, config, days: float):
    articles, _ = read_articles([str(write_reports(tmp_path / "in"))], config=config)
    articles, _ = analyse_articles(articles, config=config)
    stamps = {a.id: (partition_of(published_ts(a), days), published_ts(a), i)
              for i, a in enumerate(articles)}
    story_of, titles = {}, {}
    for part in sorted({s[0] for s in stamps.values()}):
        for story in group_into_stories([a for a in articles if stamps[a.id][0] == part], config):
            titles[story.id] = story.title
            story_of.update(dict.fromkeys(story.articles, story.id))
    by_id = {a.id: a for a in articles}
    return articles, Assignment(story_of, titles), stamps, lambda ids: {i: by_id[i] for i in ids}


def groups(story_of):
    out = {}
    for aid, sid in story_of.items():
        out.setdefault(sid, set()).add(aid)
    return sorted(map(sorted, out.values()))


def test_reconcile_joins_a_story_cut_by_a_boundary(tmp_path):
    config = light_config()
    articles, assignment, stamps, fetch = per_partition(tmp_path, config, 1.0)
    assert ["ferry-a", "ferry-b"] in groups(assignment.story_of)  # cut: ferry-c is a day later
    reconcile(assignment, stamps, fetch, config, partition_days=1.0)
    expected = sorted(sorted(s.articles) for s in group_stories(articles, config))
    assert groups(assignment.story_of) == expected
    assert assignment.reconciled == 1 and assignment.refused == 0
    assert set(assignment.titles) == set(assignment.story_of.values())


def test_reconcile_refuses_over_the_limit(tmp_path):
    config = light_config()
    # The ferry stories near the boundary hold 3 articles: over a limit of 2.
    config = config.model_copy(update={"stories": config.stories.model_copy(
        update={"reconcile_limit": 2})})
    _, assignment, stamps, fetch = per_partition(tmp_path, config, 1.0)
    before = groups(assignment.story_of)
    reconcile(assignment, stamps, fetch, config, partition_days=1.0)
    assert assignment.refused == 1 and assignment.reconciled == 0
    assert groups(assignment.story_of) == before
