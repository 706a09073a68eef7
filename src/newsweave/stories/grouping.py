"""The grouping stage: articles into stories, with the same clusterer as `newsweave ingest`."""
from __future__ import annotations

from newsweave.config import Config
from newsweave.model import Article, Story
from newsweave.registry import corpus_stage


# Words are enough to group; the article embedding and entities, when a stage assigned them,
# make the score sharper, so they are used but not required.
@corpus_stage("cluster@1", requires=("article.text",), assigns=("story.articles",))
def cluster_stage(articles: list[Article], config: Config) -> list[Story]:
    """Group articles into stories by the learned pairwise score (stories/cluster.py)."""
    from newsweave.stories.cluster import group_into_stories

    return group_into_stories(articles, config)
