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
