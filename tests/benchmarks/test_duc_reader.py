"""The DUC 2003 reader on a tiny synthetic cluster in the real TREC SGML layout (made-up text)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsweave.ingest.trec_sgml import parse_trec_sgml, read_trec_sgml

ROOT = Path(__file__).resolve().parents[2]

APW = """<DOC>
<DOCNO> APW19981017.0151 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 10/17/1998 05:50:00 </DATE_TIME>
<HEADER>
w2985 &Cx1f; wstm-
r i &Cx13;  &Cx11;  BC-Harbour-Bridge     10-17 0337
</HEADER>
<BODY>
<SLUG> BC-Harbour-Bridge </SLUG>
<TEXT>
	   PORTVILLE (AP) _ The city council of Portville on Saturday approved a new
bridge over the harbour, ending a dispute that lasted three years.
	   ``It was a long search,'' said the mayor, Ana Ruiz, who chairs the council.
&QL;
	   Work on the bridge &AMP; the roads will start in March &amp; cost 40 million.
</TEXT>
</BODY>
<TRAILER> AP-NY-10-17-98 0550EDT </TRAILER>
</DOC>
"""

NYT = """<DOC>
<DOCNO> NYT19981018.0042 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE> 19981018 </DATE>
<BODY>
<TEXT>
	The Portville council voted to build the harbour bridge on Saturday after a dispute
that lasted three years, city officials said.
	Mayor Ana Ruiz called the vote ``a long search'' that had ended well.
</TEXT>
</BODY>
</DOC>
"""


def _load_duc():
    spec = importlib.util.spec_from_file_location("duc_bench", ROOT / "benchmarks" / "duc.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


@pytest.fixture
def duc_dir(tmp_path: Path) -> Path:
    cluster = tmp_path / "docs.without.headlines" / "d39999t"
    cluster.mkdir(parents=True)
    (cluster / "APW19981017.0151").write_text(APW, encoding="latin-1")
    (cluster / "NYT19981018.0042").write_text(NYT, encoding="latin-1")
    (tmp_path / "docs.without.headlines" / "README").write_text("not a cluster")
    return tmp_path


def test_reads_text_paragraphs_quotes_and_drops_control_codes(duc_dir: Path) -> None:
    [article] = read_trec_sgml(duc_dir / "docs.without.headlines" / "d39999t" / "APW19981017.0151")
    assert article.id == "APW19981017.0151"
    assert article.text.split("\n\n") == [
        "PORTVILLE (AP) _ The city council of Portville on Saturday approved a new bridge over "
        "the harbour, ending a dispute that lasted three years.",
        '"It was a long search," said the mayor, Ana Ruiz, who chairs the council.',
        "Work on the bridge & the roads will start in March & cost 40 million.",
    ]
    assert "Cx1f" not in article.text and "QL" not in article.text and "BC-" not in article.text
    assert article.meta.published.isoformat() == "1998-10-17T05:50:00"
    assert article.meta.source == "Associated Press"


def test_offsets_lead_back_to_the_sgml(duc_dir: Path) -> None:
    [article] = read_trec_sgml(duc_dir / "docs.without.headlines" / "d39999t" / "APW19981017.0151")
    start = article.text.index("The city council")
    end = article.text.index("three years.") + len("three years.")
    raw_start, raw_end = article.to_raw(start, end)
    assert article.raw[raw_start:raw_end].split() == article.text[start:end].split()
    quote = article.text.index('"It was')
    quote_end = article.text.index('," said') + 2
    raw_start, raw_end = article.to_raw(quote, quote_end)
    assert article.raw[raw_start:raw_end] == "``It was a long search,''"


def test_date_element_and_several_docs_in_one_file() -> None:
    articles = parse_trec_sgml(APW + NYT, path="wire.sgml")
    assert [a.id for a in articles] == ["APW19981017.0151", "NYT19981018.0042"]
    assert articles[1].meta.published.date().isoformat() == "1998-10-18"
    assert articles[1].meta.path == "wire.sgml#NYT19981018.0042"
    assert articles[1].text.startswith("The Portville council voted")
    assert 'called the vote "a long search" that' in articles[1].text


def test_benchmark_finds_clusters_by_folder_name(duc_dir: Path) -> None:
    duc = _load_duc()
    topics = duc.read_topics(duc_dir)
    assert [topic for topic, _ in topics] == ["d39999t"]
    assert sorted(a.id for a in topics[0][1]) == ["APW19981017.0151", "NYT19981018.0042"]
    # The cluster folder itself, or the docs folder, work as well.
    assert [t for t, _ in duc.read_topics(duc_dir / "docs.without.headlines")] == ["d39999t"]


def test_a_file_without_text_gives_no_article() -> None:
    assert parse_trec_sgml("<DOC><DOCNO> X1 </DOCNO></DOC>") == []
    assert parse_trec_sgml("just a readme") == []
