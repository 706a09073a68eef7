"""Story clustering: same event together, same kind of event apart, order independence,
stable ids and aliases, time windows; the example corpus forms one story."""
from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from newsweave.model import Article, ArticleMeta, Span
from newsweave.stories.cluster import StoryClusterer, entity_keys, group_into_stories


def _embed(text: str) -> np.ndarray:
    """A stand-in embedding: hashed bag of words, L2-normalised."""
    vec = np.zeros(64, dtype=np.float32)
    for word in text.lower().split():
        vec[zlib.crc32(word.strip(".,:'").encode()) % 64] += 1.0
    return vec / max(float(np.linalg.norm(vec)), 1e-9)


def _article(article_id: str, title: str, body: str, entities: dict[str, str],
             published: datetime | None = None) -> Article:
    text = f"{title}\n\n{body}"
    article = Article.from_text(article_id, text, ArticleMeta(title=title, published=published))
    spans = []
    for name, label in entities.items():
        start = article.text.find(name)
        while start >= 0:
            spans.append(Span(start, start + len(name), label))
            start = article.text.find(name, start + 1)
    article.layers["entities"] = sorted(spans, key=lambda s: s.start)
    article.values["embedding"] = _embed(text)
    return article


QUAKE_PERU = {"Peru": "GPE", "Ica": "GPE", "Alan Garcia": "PERSON", "Garcia": "PERSON"}
QUAKE_JAPAN = {"Japan": "GPE", "Niigata": "GPE", "Shinzo Abe": "PERSON", "Abe": "PERSON"}
ARREST = {"Lyon": "GPE", "Marc Dubois": "PERSON", "Dubois": "PERSON"}


def corpus() -> list[Article]:
    """Two earthquakes (same kind, different events) and an arrest, several reports each."""
    return [
        _article("peru-1", "Magnitude 7.9 earthquake strikes Peru near Ica",
                 "A powerful earthquake struck Peru on Wednesday near Ica, killing at least 300 "
                 "people. President Alan Garcia declared a state of emergency.", QUAKE_PERU),
        _article("peru-2", "Peru earthquake toll rises as Ica digs out",
                 "Rescuers in Ica pulled survivors from the rubble after the earthquake in Peru. "
                 "Alan Garcia said the army would deliver water and tents.", QUAKE_PERU),
        _article("peru-3", "Garcia visits Ica after deadly Peru quake",
                 "President Alan Garcia toured Ica, where the earthquake destroyed the cathedral. "
                 "Peru asked for international aid.", QUAKE_PERU),
        _article("japan-1", "Strong earthquake hits Niigata, Japan",
                 "A strong earthquake hit Niigata in Japan on Monday, killing nine people and "
                 "starting a fire at a nuclear plant. Shinzo Abe flew to the area.", QUAKE_JAPAN),
        _article("japan-2", "Japan quake: nuclear plant fire in Niigata put out",
                 "Firefighters put out the fire at the nuclear plant in Niigata after the "
                 "earthquake. Prime minister Shinzo Abe promised an inquiry in Japan.",
                 QUAKE_JAPAN),
        _article("japan-3", "Abe promises aid to Niigata quake victims",
                 "Shinzo Abe said Japan would rebuild Niigata after the earthquake, which killed "
                 "nine people and damaged the nuclear plant.", QUAKE_JAPAN),
        _article("arrest-1", "Police in Lyon arrest Marc Dubois over bank robbery",
                 "Police in Lyon arrested Marc Dubois on Friday over a bank robbery in which "
                 "two guards were hurt.", ARREST),
        _article("arrest-2", "Marc Dubois charged over Lyon bank robbery",
                 "Prosecutors in Lyon charged Marc Dubois with armed robbery of a bank; two "
                 "guards were hurt in the raid.", ARREST),
    ]


def partition(clusterer_or_stories) -> set[frozenset[str]]:
    stories = clusterer_or_stories
    if isinstance(stories, StoryClusterer):
        stories = stories.stories()
    return {frozenset(s.articles) for s in stories}


EXPECTED = {frozenset({"peru-1", "peru-2", "peru-3"}),
            frozenset({"japan-1", "japan-2", "japan-3"}),
            frozenset({"arrest-1", "arrest-2"})}


def test_same_event_together_same_kind_apart():
    assert partition(group_into_stories(corpus())) == EXPECTED


@pytest.mark.parametrize("seed", range(5))
def test_streaming_result_does_not_depend_on_order(seed):
    articles = corpus()
    random.Random(seed).shuffle(articles)
    clusterer = StoryClusterer()
    for i in range(0, len(articles), 3):  # batches, as an ingest brings them
        clusterer.add_many(articles[i : i + 3])
    assert partition(clusterer) == EXPECTED


def test_story_ids_are_stable_and_come_from_the_first_member():
    clusterer = StoryClusterer()
    articles = corpus()
    first = clusterer.add(articles[0])
    assert first.startswith("s-")
    for article in articles[1:]:
        clusterer.add(article)
    clusterer.consolidate()
    assert clusterer.story_of("peru-1") == first
    assert clusterer.story_of("peru-3") == first


def _volcano_articles() -> tuple:
    """An eruption and the flights it grounded: two stories until bridging reports join them."""
    lava = _article("lava", "Volcano erupts near Grindavik",
                    "Lava flows toward Grindavik after the volcano erupted overnight in Iceland.",
                    {"Grindavik": "GPE", "Iceland": "GPE"})
    ash = _article("ash", "Flights cancelled across Europe",
                   "Airlines cancelled flights across Europe as the ash cloud from Iceland "
                   "spread.", {"Europe": "LOC", "Iceland": "GPE"})
    bridges = [_article(f"bridge-{i}", "Iceland volcano: lava near Grindavik, flights cancelled",
                        "The volcano near Grindavik erupted, lava flows toward the town and "
                        "airlines cancelled flights across Europe as the ash cloud from Iceland "
                        f"spread. Update {i}.",
                        {"Grindavik": "GPE", "Iceland": "GPE", "Europe": "LOC"})
               for i in range(3)]
    return lava, ash, bridges


def test_merged_story_keeps_old_id_as_alias():
    clusterer = StoryClusterer()
    lava, ash, bridges = _volcano_articles()
    s_lava, s_ash = clusterer.add(lava), clusterer.add(ash)
    assert s_lava != s_ash
    clusterer.add_many(bridges)
    ids = {clusterer.story_of(a) for a in ("lava", "ash", "bridge-0")}
    assert len(ids) == 1
    (kept,) = ids
    gone = ({s_lava, s_ash} - {kept}).pop()
    assert clusterer.resolve(gone) == kept
    (story,) = [s for s in clusterer.stories() if s.id == kept]
    assert story.aliases == [gone]
    changes = clusterer.pop_changes()
    assert changes.aliases == {gone: kept}


def test_time_window_separates_recurring_events():
    day = datetime(2024, 5, 1, tzinfo=timezone.utc)
    text = ("Storm floods Lyon", "Heavy rain flooded the centre of Lyon, closing schools.")
    early = _article("early", *text, {"Lyon": "GPE"}, published=day)
    late = _article("late", *text, {"Lyon": "GPE"}, published=day + timedelta(days=60))
    near = _article("near", *text, {"Lyon": "GPE"}, published=day + timedelta(days=2))
    assert partition(group_into_stories([early, late, near])) == {
        frozenset({"early", "near"}), frozenset({"late"})}
    assert len(group_into_stories([early, late], None)) == 2


def test_title_is_that_of_the_most_central_article():
    stories = group_into_stories(corpus())
    titles = {s.title for s in stories}
    assert len(titles) == 3
    for story in stories:
        assert story.title in {a.meta.title for a in corpus() if a.id in story.articles}


def test_entity_keys_match_people_by_surname():
    assert "name:garcia" in entity_keys("PERSON", "Alan Garcia")
    assert entity_keys("PERSON", "Garcia") == ["person:garcia", "name:garcia"]


@pytest.mark.slow
def test_example_corpus_forms_one_story(example_dir):
    from newsweave.config import load_config
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import run_article_stages

    config = load_config()
    articles = [a for a in read_inputs([str(example_dir)], config) if isinstance(a, Article)]
    articles, skipped = run_article_stages(articles, config)
    assert not skipped and len(articles) == 5
    stories = group_into_stories(articles, config)
    main = max(stories, key=lambda s: len(s.articles))
    # All five, or the four of late February with the June follow-up (004) on its own.
    assert len(main.articles) >= 4
    assert {a.id for a in articles if not a.id.startswith("004")} <= set(main.articles)


def test_large_stories_take_part_as_blocks():
    # With split_limit=2 every story of 3+ reports is re-clustered as one block (plus its new
    # members): the bounded-cost path must give the same grouping.
    articles = corpus()
    random.Random(7).shuffle(articles)
    clusterer = StoryClusterer(split_limit=2)
    for i in range(0, len(articles), 2):
        clusterer.add_many(articles[i : i + 2])
    assert partition(clusterer) == EXPECTED


def test_unknown_option_is_refused():
    with pytest.raises(ValueError, match="unknown clustering option"):
        StoryClusterer(words_weight=0.5)


# -- time window, bounded cost --------------------------------------------------------------

def _flood(article_id: str, published: datetime, city: str = "Lyon") -> Article:
    return _article(article_id, f"Storm floods {city}",
                    f"Heavy rain flooded the centre of {city}, closing schools and roads.",
                    {city: "GPE"}, published=published)


@pytest.mark.parametrize("seed", range(8))
def test_old_story_is_not_joined_by_a_much_later_report_in_any_order(seed):
    day = datetime(2024, 5, 1, tzinfo=timezone.utc)
    articles = ([_flood(f"may-{i}", day + timedelta(hours=6 * i)) for i in range(3)]
                + [_flood(f"july-{i}", day + timedelta(days=60, hours=6 * i)) for i in range(2)])
    random.Random(seed).shuffle(articles)
    clusterer = StoryClusterer()
    for i in range(0, len(articles), 2):
        clusterer.add_many(articles[i : i + 2])
    assert partition(clusterer) == {frozenset({"may-0", "may-1", "may-2"}),
                                    frozenset({"july-0", "july-1"})}


def test_stories_without_recent_reports_leave_the_candidate_index():
    day = datetime(2024, 5, 1, tzinfo=timezone.utc)
    clusterer = StoryClusterer()
    clusterer.add_many([_flood("may-0", day), _flood("may-1", day + timedelta(hours=3))])
    (old,) = {clusterer.story_of("may-0"), clusterer.story_of("may-1")}
    assert old in clusterer._row_of
    clusterer.add_many([_flood("june-0", day + timedelta(days=30), city="Lille")])
    assert old not in clusterer._row_of                      # no longer a candidate ...
    assert clusterer.story_state(old).members == ["may-0", "may-1"]   # ... still a story
    assert clusterer.story_of("june-0") != old


def test_a_late_report_still_joins_its_story_out_of_the_index():
    day = datetime(2024, 5, 1, tzinfo=timezone.utc)
    clusterer = StoryClusterer()
    clusterer.add_many([_flood("may-0", day), _flood("may-1", day + timedelta(hours=3))])
    (old,) = {clusterer.story_of("may-0"), clusterer.story_of("may-1")}
    clusterer.add_many([_flood("june-0", day + timedelta(days=30), city="Lille")])
    assert old not in clusterer._row_of
    clusterer.add_many([_flood("may-late", day + timedelta(hours=8))])   # arrives a month late
    assert clusterer.story_of("may-late") == old
    assert clusterer.story_of("june-0") != old


def _member_sum(clusterer: StoryClusterer, story_id: str) -> dict[int, float]:
    out: dict[int, float] = {}
    for aid in clusterer.story_state(story_id).members:
        vec = clusterer.space.vector(aid)
        for i, v in zip(vec.idx.tolist(), vec.val.tolist()):
            out[i] = out.get(i, 0.0) + v
    return out


def test_kept_story_sums_equal_the_sums_of_their_members():
    # With split_limit=1 every story of 2+ reports takes part as a block whose kept sum is
    # reused: after a stream of batches each story's sum is still that of its members.
    articles = corpus()
    random.Random(3).shuffle(articles)
    clusterer = StoryClusterer(split_limit=1)
    for article in articles:
        clusterer.add_many([article])
    assert partition(clusterer) == EXPECTED
    for story in clusterer.stories():
        state = clusterer.story_state(story.id)
        got = dict(zip(state.sum.idx.tolist(), state.sum.val.tolist()))
        want = _member_sum(clusterer, story.id)
        assert got.keys() == want.keys()
        assert all(abs(got[k] - want[k]) < 1e-9 for k in want)
        dense = np.sum([clusterer.space.vector(a).dense for a in state.members], axis=0)
        assert np.allclose(state.sum.dense, dense, atol=1e-5)


def test_scores_do_not_depend_on_the_product_path(monkeypatch):
    from newsweave.stories import cluster_scoring

    clusterer = StoryClusterer()
    clusterer.add_many(corpus())
    ids = sorted(clusterer.features)
    vecs = [clusterer.space.vector(a) for a in ids]
    sums = [clusterer.story_state(s.id).sum for s in clusterer.stories()]
    n_keys = len(clusterer.space.vocab.id_of)

    def naive(left, right):
        def dense(vecs):
            rows = np.zeros((len(vecs), n_keys))
            for r, v in enumerate(vecs):
                rows[r, v.idx] = v.val
            return rows
        out = dense(left) @ dense(right).T
        return out + clusterer.space.dense_gram(np.stack([v.dense for v in left]),
                                           np.stack([v.dense for v in right]))

    small_self, small_cross = clusterer.space.gram(vecs), clusterer.space.gram(vecs, sums)
    monkeypatch.setattr(cluster_scoring, "_DENSE_CELLS", 0)  # every product sparse
    assert np.allclose(clusterer.space.gram(vecs), small_self)
    assert np.allclose(clusterer.space.gram(vecs, sums), small_cross)
    assert np.allclose(small_self, naive(vecs, vecs))
    assert np.allclose(small_cross, naive(vecs, sums))


def test_vectors_computed_together_equal_vectors_computed_one_by_one():
    clusterer = StoryClusterer()
    articles = corpus()
    articles[0].values.pop("embedding")  # a hashed stand-in
    clusterer.add_many(articles)
    ids = sorted(clusterer.features)
    clusterer.space.vectors.clear()
    one = {a: clusterer.space.vector(a) for a in ids}
    clusterer.space.vectors.clear()
    clusterer.space.vectorize(ids)
    for a in ids:
        got = clusterer.space.vectors[a]
        assert np.array_equal(got.idx, one[a].idx)
        assert np.array_equal(got.val, one[a].val)
        assert np.array_equal(got.dense, one[a].dense)


def test_aliases_follow_a_story_merged_twice():
    clusterer = StoryClusterer()
    clusterer.aliases["s-old"] = "s-mid"
    clusterer._aliased_to["s-mid"].add("s-old")
    lava, ash, bridges = _volcano_articles()
    s_lava, s_ash = clusterer.add(lava), clusterer.add(ash)
    # Pretend the ash story was once "s-mid" (which had absorbed "s-old").
    clusterer.aliases = {"s-old": s_ash}
    clusterer._aliased_to.clear()
    clusterer._aliased_to[s_ash].add("s-old")
    clusterer.add_many(bridges)
    (kept,) = {clusterer.story_of(a) for a in ("lava", "ash", "bridge-0")}
    assert clusterer.resolve("s-old") == kept
    assert all(target == kept for target in clusterer.aliases.values())
    (story,) = [s for s in clusterer.stories() if s.id == kept]
    assert "s-old" in story.aliases


def test_one_blas_thread_keeps_results_and_restores_the_setting():
    from threadpoolctl import threadpool_info

    from newsweave import blas

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    a = np.random.default_rng(0).random((120, 50))
    before, threads = a @ a.T, blas_threads()
    with blas.one_blas_thread():
        inside = a @ a.T
        assert all(n == 1 for n in blas_threads())
        with blas.one_blas_thread():  # nested blocks are fine
            pass
    assert np.allclose(before, inside)
    assert blas_threads() == threads  # the setting is back as it was
