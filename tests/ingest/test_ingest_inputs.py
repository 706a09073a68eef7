"""read_inputs: dispatch, directories, bad inputs as coded errors, unique ids, the meta sidecar."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from ingest_helpers import ENGLISH, EXAMPLES, read_all

from newsweave.errors import NewsweaveError
from newsweave.ingest import load_meta, read_inputs, supported_extensions
from newsweave.ingest.language import detect, is_english

FRENCH = ("Le président Emmanuel Macron a déclaré lundi que l'envoi de troupes occidentales en "
          "Ukraine ne pouvait pas être exclu, une remarque qui a suscité des démentis rapides.")


def _fifty_megabytes(path):
    with path.open("wb") as handle:  # sparse: instant, and nothing is ever read
        handle.truncate(50_000_000)


BAD_INPUTS = [
    # (file name, content or a function that makes the file, code, words in the reason)
    ("empty.txt", b"", "E001", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E002", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 200, "E002", "binary"),
    ("latin1.txt", ("Café au lait. " + ENGLISH).encode("latin-1"), "E003", "byte 0xe9 at offset 3"),
    ("utf16.txt", ENGLISH.encode("utf-16"), "E003", "UTF-16"),
    ("huge.txt", _fifty_megabytes, "E004", "20,000,000"),
    ("notes.docx", ENGLISH, "E005", "unsupported"),
    ("expected.json", "{}", "E005", "unsupported"),
    ("no-extension", ENGLISH, "E005", "unsupported"),
    ("french.txt", FRENCH, "E010", "not English"),
    ("short.txt", "Too short.", "E012", "fewer than 40"),
    ("furniture.txt", "Read also:\nWritten by Jane Roe\n\n© 2024 The Daily\n", "E012", "no text"),
]


@pytest.mark.parametrize("name, content, code, words", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_becomes_a_coded_error(tmp_path, name, content, code, words):
    path = tmp_path / name
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    articles, (problem,) = read_all([path])
    assert articles == []
    assert problem.code == code
    assert problem.input == str(path)
    assert str(path) in str(problem)  # the message names the input
    assert words in problem.reason
    assert problem.fix


def test_unknown_extension_names_the_supported_ones(write):
    _, (problem,) = read_all([write("a.pdf", "x")])
    assert problem.fix.endswith(supported_extensions())
    assert ".warc.gz" in problem.fix and ".jsonl" in problem.fix


def test_missing_path(tmp_path):
    _, (problem,) = read_all([tmp_path / "nope.txt"])
    assert (problem.code, problem.input) == ("E011", str(tmp_path / "nope.txt"))


def test_too_long_article_is_skipped_not_truncated(write):
    path = write("long.txt", (ENGLISH + "\n") * 20)
    _, (problem,) = read_all([path], ingest={"max_article_chars": 1000})
    assert problem.code == "E004" and "1,000" in problem.reason and "max_article_chars" in problem.reason


def test_non_english_allowed_when_configured(write):
    (article,), problems = read_all([write("fr.txt", FRENCH)], ingest={"require_english": False})
    assert problems == [] and article.meta.language == "fr"


def test_directory_is_read_recursively_in_order_reporting_hidden(write, tmp_path):
    write("b.txt", ENGLISH)
    write("a/z.txt", ENGLISH)
    write("a/deeper/y.md", "# Title\n\n" + ENGLISH)
    write(".hidden.txt", ENGLISH)
    write(".git/ignored.txt", ENGLISH)
    write("a/notes.pdf", "x")
    write("c/empty.html", "")
    items = list(read_inputs([tmp_path], _config()))
    summary = [getattr(i, "id", None) or (i.code, i.input) for i in items]
    assert summary == [
        ("E016", str(tmp_path / ".git")), ("E016", str(tmp_path / ".hidden.txt")),
        "y", ("E005", str(tmp_path / "a/notes.pdf")), "z", "b",
        ("E001", str(tmp_path / "c/empty.html")),
    ]


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    _, (problem,) = read_all([tmp_path / "empty"])
    assert problem.code == "E001"


def test_duplicate_ids_get_a_suffix(write):
    paths = [write("one/story.txt", ENGLISH), write("two/story.txt", ENGLISH),
             write("three/story.md", ENGLISH),
             write("batch.jsonl", json.dumps({"id": "story", "text": ENGLISH}) + "\n")]
    articles, problems = read_all(paths)
    assert problems == []
    assert [a.id for a in articles] == ["story", "story-2", "story-3", "story-4"]
    assert [a.meta.path for a in articles][:2] == [str(paths[0]), str(paths[1])]


def test_examples_folder(tmp_path):
    articles, problems = read_all([EXAMPLES])
    assert problems == [] and len(articles) == 5


def test_a_reader_bug_does_not_end_the_batch(write, monkeypatch):
    from newsweave.ingest import text_reader

    def broken(path, display, config):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(text_reader, "read_file", broken)
    html = write("b.html", f"<html><body><article><p>{ENGLISH}</p></article></body></html>")
    articles, (problem,) = read_all([write("a.txt", ENGLISH), html])
    assert [a.id for a in articles] == ["b"]
    assert problem.code == "E015" and "RuntimeError" in problem.reason


# --- the metadata sidecar -------------------------------------------------------------------

def _corpus(write):
    return [write("000_abc.txt", ENGLISH), write("001_def.txt", ENGLISH),
            write("wire.jsonl", json.dumps({"id": "ap-7", "text": ENGLISH, "source": "AP"}) + "\n")]


def test_meta_sidecar_csv(write):
    paths = _corpus(write)
    sidecar = write("meta.csv", (
        "file,source,url,published,title,author\n"
        "000_abc.txt,Kyiv Post,https://kp.example/a,2024-02-27,Allies balk,Jane Roe\n"
        "001_def,Bloomberg,,2024-03-01T09:30:00+00:00,,\n"
        "ap-7,Reuters,,,,\n"
    ))
    table = load_meta(sidecar)
    articles = [a for a in read_inputs([str(p) for p in paths], _config(), meta=table)]
    first, second, wire = articles
    assert (first.meta.source, first.meta.url, first.meta.title, first.meta.author) == (
        "Kyiv Post", "https://kp.example/a", "Allies balk", "Jane Roe")
    assert first.meta.published == datetime(2024, 2, 27)
    assert second.meta.source == "Bloomberg" and second.meta.published.hour == 9
    assert wire.meta.source == "Reuters"  # matched by article id; the sidecar wins


def test_meta_sidecar_json_object_and_list(write):
    paths = _corpus(write)
    as_object = write("meta.json", json.dumps({
        "000_abc": {"source": "Kyiv Post"}, "001_def.txt": {"published": "2024-03-05"}}))
    as_list = write("list.json", json.dumps([
        {"id": "000_abc", "source": "Kyiv Post"}, {"file": "001_def.txt", "published": "2024-03-05"}]))
    for sidecar in (as_object, as_list):
        first, second, wire = read_inputs([str(p) for p in paths], _config(), meta=load_meta(sidecar))
        assert first.meta.source == "Kyiv Post"
        assert second.meta.published == datetime(2024, 3, 5)
        assert wire.meta.source == "AP"


@pytest.mark.parametrize("name, content, words", [
    ("missing.csv", None, "not found"),
    ("nokey.csv", "name,source\na.txt,AP\n", "no key column"),
    ("typo.csv", "file,sorce\na.txt,AP\n", "unknown field 'sorce'"),
    ("date.csv", "file,published\na.txt,last week\n", "not an ISO date"),
    ("url.csv", "file,url\na.txt,javascript:alert(1)\n", "not an http(s) URL"),
    ("ragged.csv", "file,source\na.txt,AP,extra\n", "more cells"),
    ("broken.json", "{\"a\": ", "not valid JSON"),
    ("scalar.json", "[1, 2]", "not an object"),
    ("latin1.csv", "file,source\na.txt,Caf\xe9\n".encode("latin-1"), "UTF-8"),
])
def test_bad_meta_file_raises_e013(tmp_path, name, content, words):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsweaveError) as info:
        load_meta(path)
    assert info.value.code == "E013"
    assert info.value.input.startswith(str(path))
    assert words in info.value.reason
    assert info.value.fix


# --- language ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("Zelensky met Stoltenberg in Kyiv.", "en"),
    ("Kirby: No US troops. Biden, Macron, Scholz, Sunak and Meloni agree.", "en"),
    ("Olaf Scholz, Emmanuel Macron, Rishi Sunak, Giorgia Meloni, Jens Stoltenberg. " * 10, "en"),
    ("NATO chief Jens Stoltenberg: no plans for troops in Ukraine", "en"),
    (FRENCH, "fr"),
    ("Der Bundeskanzler sagte, dass keine Bodentruppen aus europäischen Ländern oder von der "
     "NATO in die Ukraine geschickt werden.", "de"),
    ("El presidente francés dijo que no se descarta el envío de tropas occidentales a Ucrania, "
     "según las declaraciones a la prensa.", "es"),
    ("Президент Франции заявил, что отправка западных войск на Украину не исключена.", "non-latin"),
    ("法国总统马克龙表示，不排除向乌克兰派遣西方军队的可能性。", "non-latin"),
])
def test_language_detector(text, language):
    assert detect(text) == language


def test_examples_read_as_english():
    for path in EXAMPLES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert is_english(text), path.name
        assert all(is_english(line) for line in text.splitlines() if line.strip()), path.name


def _config(**overrides):
    from newsweave.config import load_config

    return load_config(**overrides)


def test_long_file_is_refused_without_cleaning_all_of_it(write):
    import time

    path = write("long-wire.txt", ("A line of news text that goes on, as news does. " * 4 + "\n") * 50_000)
    started = time.perf_counter()
    _, (problem,) = read_all([path])
    assert time.perf_counter() - started < 5
    assert problem.code == "E004" and "200,000" in problem.reason
