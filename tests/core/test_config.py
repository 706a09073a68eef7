import pytest

from newsweave import errors
from newsweave.config import load_config


def test_defaults_load_and_validate():
    config = load_config()
    assert config.summary.words > 0
    assert config.pipeline.article_stages[0] == "spacy@1"


def test_overrides_win():
    assert load_config(summary={"words": 77}).summary.words == 77


@pytest.mark.parametrize("toml, needle", [
    ("[summary]\nwords = -3\n", "summary.words"),
    ("[summary]\nwordz = 3\n", "wordz"),
    ("[nonsense]\nx = 1\n", "nonsense"),
    ("[stories]\nthreshold = \"high\"\n", "stories.threshold"),
    ("[stories]\nwindow_days = -1\n", "stories.window_days"),
    ("[stories]\nthreshhold = 0.4\n", "threshhold"),
    ("[summary\nwords = 3\n", "not valid TOML"),
])
def test_bad_config_is_a_coded_error(tmp_path, toml, needle):
    path = tmp_path / "c.toml"
    path.write_text(toml)
    with pytest.raises(errors.NewsweaveError) as info:
        load_config(path)
    assert info.value.code == errors.BAD_CONFIG
    assert needle in str(info.value)
    assert str(path) in str(info.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(errors.NewsweaveError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_stories_section_reaches_the_clusterer_and_copies():
    from newsweave.stories.cluster import StoryClusterer
    from newsweave.stories.copies import _options

    config = load_config(stories={"threshold": 1.5, "window_days": 0, "copies_rewrite_cosine": 0.9})
    clusterer = StoryClusterer.from_config(config)
    assert clusterer.threshold == 1.5 and clusterer.window_days is None
    assert _options(config)["rewrite_cosine"] == 0.9
    assert _options(load_config())["rewrite_cosine"] == 0.95
