import pytest

from newsweave import errors
from newsweave.config import load_config
from newsweave.model import Article
from newsweave.pipeline import check_order, run_article_stages
from newsweave.registry import article_stage


@article_stage("test-boom@1", requires=("article.text",), assigns=("article.boom",))
def _boom(articles, config):
    for article in articles:
        if "boom" in article.text:
            raise RuntimeError("exploded")
        article.values["boom"] = False


def test_order_is_checked():
    with pytest.raises(errors.NewsweaveError) as info:
        check_order(["embed@1"])
    assert info.value.code == errors.PIPELINE_ORDER
    assert "sentences" in info.value.reason


def test_unknown_stage_names_the_known_ones():
    with pytest.raises(errors.NewsweaveError, match="spacy@1"):
        check_order(["nope@1"])


def test_one_bad_article_does_not_sink_the_batch():
    config = load_config(pipeline={"article_stages": ["test-boom@1"], "story_stages": []})
    articles = [Article.from_text(str(i), t) for i, t in enumerate(["fine one", "boom here", "fine two"])]
    kept, skipped = run_article_stages(articles, config)
    assert [a.id for a in kept] == ["0", "2"]
    assert len(skipped) == 1 and skipped[0]["code"] == errors.STAGE_FAILED
    assert "test-boom@1" in skipped[0]["reason"]
