"""Who said what: attributions (speaker, cue, content) found in each article.

Direct, indirect and mixed quotes, quotes split around "he said" (or around "said X, <who X
is>."), quotes running over several sentences or paragraphs, "according to X", "NAME: ..." lines
of transcripts and headlines, and cues beyond "said" (a trained classifier over the parse
decides which verbs, nouns and adjectives report speech, thought or positions). The speaker span is the local
mention ("he", "the spokesman"); ``speakers.resolve`` names the person behind it with the role
and affiliation the article gives.

>>> from newsweave.model import Article
>>> from newsweave.config import load_config
>>> article = Article.from_text("a", 'Kremlin spokesman Dmitry Peskov said the talks were over. '
...                             '"We will not wait," he told reporters.')
>>> from newsweave.pipeline import run_article_stages
>>> config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})
>>> _ = run_article_stages([article], config)
>>> [(q.speaker_name, article.span_text(q.content[0]), q.direct) for q in article.values["quotes"]]
[('Dmitry Peskov', 'the talks were over', False), ('Dmitry Peskov', '"We will not wait,"', True)]
"""
from __future__ import annotations

import re
from dataclasses import replace

from newsweave.config import Config
from newsweave.model import Article, Quote, Span
from newsweave.nlp import quote_rules as rules
from newsweave.nlp.quote_model import CueModel, load_cue_model
from newsweave.nlp.quote_subjects import relayed_saying
from newsweave.nlp.spacy_stage import doc_text
from newsweave.registry import article_stage

STAGE_VERSION = "quotes@1"
_NAME_AFTER_DASH = re.compile(r"[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,4}")
_DASH = re.compile(r"[ \t]*([\u2015\u2014\u2013]|--?)[ \t]*")
# Quoted passages shorter than this many words, attached to no cue, are scare quotes or titles.
MIN_DIRECT_WORDS = 4
# Cues the model doubts still carry a quoted passage they stand next to ("he said").
ATTACH_THRESHOLD = 0.2


# ----------------------------------------------------------------------------- finding
def find_attributions(doc, *, model: CueModel | None = None, threshold: float | None = None,
                      candidates: list[rules.Candidate] | None = None) -> list[Quote]:
    """Attributions in a parsed text (a spaCy Doc), without speaker resolution.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> doc = load_nlp()("The minister warned that prices would rise.")
    >>> [doc.text[q.content[0].start:q.content[0].end] for q in find_attributions(doc)]
    ['that prices would rise']
    """
    model = model or load_cue_model()
    threshold = model.threshold if threshold is None else threshold
    text = doc_text(doc)
    quoted = rules.find_quoted_spans(text)
    if candidates is None:
        candidates = rules.candidates(doc, quoted)
    # copies: the steps below extend contents, and precomputed candidates may be reused
    cands = [replace(c, content=list(c.content)) for c in candidates]
    for cand in cands:
        cand.score = model.prob(cand.features)
        if relayed_saying(doc[cand.cue_token]):
            cand.score = max(cand.score, threshold)
    _keep_saying_inside_according(doc, cands, threshold)
    kept = [c for c in cands if c.score >= threshold and c.content]
    kept = _drop_nested_duplicates(kept)
    kept = _one_per_verb_chain(doc, kept)
    _cut_at_coordinated_cue(doc, text, kept, quoted)
    kept = _hand_to_nearer_cue(doc, text, kept, cands)
    kept = _attach_quotes(doc, text, quoted, kept, cands)
    _attach_unmarked_first_person(doc, text, kept)
    for cand in kept:
        _start_at_opening_mark(text, quoted, cand)
        _end_before_gloss(text, quoted, cand)
    kept = [c for c in kept if not _only_a_title(text, c) and not _cut_off(doc, c)]
    out = []
    for cand in sorted(kept, key=lambda c: c.content[0][0]):
        content = tuple(Span(a, b, "CONTENT") for a, b in cand.content)
        direct = any(text[s.start] in "\u201c\"\u201e\u00ab'`\u201d" for s in content)
        out.append(Quote(
            speaker=Span(*cand.source, "SPEAKER") if cand.source else None,
            cue=Span(*cand.cue, "CUE") if cand.cue else None,
            content=content, direct=direct, kind=cand.kind, score=round(cand.score, 4),
        ))
    return out


def _start_at_opening_mark(text: str, quoted, cand: rules.Candidate) -> None:
    """'Ken Salazar expresses doubt over the clean-up "They have pushed BP in every way," he
    said': a quotation that opens on a capital right after a word, with no colon or comma
    before its mark, is a sentence of its own; the words before it (a caption run in, a
    heading) are not what the speaker said, so the content starts at the mark. A quotation
    that goes on a sentence ('The plan is "dead," he said') opens in lower case and stays."""
    if not cand.content or cand.cue is None:
        return
    a, b = cand.content[0]
    if b > cand.cue[0]:
        return  # the content follows the cue: the frame is not '"...," he said'
    inner = next((q for q in quoted if a < q[0] and abs(q[1] - b) <= 2), None)
    if inner is None or any(q[0] < inner[0] and q[1] > a for q in quoted):
        return
    before = text[a:inner[0]].rstrip()
    words = text[inner[0] + 1:inner[1]].split()
    if len(before.split()) >= 3 and before[-1:].isalnum() and len(words) >= 4 and \
            words[0][:1].isupper() and words[0] != "I":
        cand.content[0] = (inner[0], b)


# (a comma, inside the closing mark or after it, then "which": a relative clause with no
# comma, '"a pathological liar" who is "utterly amoral"', is the speaker's own description)
_GLOSS = re.compile(r"\s*,\s*which\b")


def _end_before_gloss(text: str, quoted, cand: rules.Candidate) -> None:
    """'Gibbs said the spill would not be the administration's "Hurricane Katrina," which deeply
    wounded Bush's second term': a relative clause right after a quoted phrase inside reported
    words glosses the phrase for the reader; it is the writer's, so the content ends at the
    closing mark."""
    if not cand.content:
        return
    a, b = cand.content[-1]
    for qa, qb in quoted:
        if a < qa and qb < b and (_GLOSS.match(text, qb) or (
                text[qb - 2:qb - 1] == "," and text[qb:qb + 7] == " which ")):
            cand.content[-1] = (a, qb)
            return


_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by",
                   "with", "from", "as", "is", "vs", "de", "la", "le"}


def _only_a_title(text: str, cand: rules.Candidate) -> bool:
    """A content that is nothing but a short quoted title ("played \"Born in the U.S.A.\"",
    "starred in \"The Long Goodbye\""): the name of a work, not something said."""
    if len(cand.content) != 1:
        return False
    a, b = cand.content[0]
    inner = text[a:b].strip("\u201c\u201d\"'`\u2018\u2019 ,.")
    if text[a] not in "\u201c\"'`" or not inner:
        return False
    words = re.findall(r"[^\W\d_][\w.'\u2019-]*", inner)
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    return 2 <= len(words) <= 8 and bool(content) and words[0][0].isupper() and all(
        w[0].isupper() for w in content)


_DANGLING_POS = {"ADP", "DET", "AUX", "CCONJ", "SCONJ"}
_BREAK = re.compile(r"\s*(?:--|\u2014|\u2013|\.\.\.|\u2026)")


def _cut_off(doc, cand: rules.Candidate) -> bool:
    """Reported words broken off by a dash on a word that needs a continuation ("estimates
    ... range wildly from -- people say", "said ... I think is --"): a broadcast
    transcript's interrupted sentence, whose content is not what anyone said. A stranded
    preposition at a sentence's end ("the deal they had hoped for.") is no break."""
    for a, b in cand.content:
        span = doc.char_span(a, b, alignment_mode="expand")
        words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
        if not words or not _BREAK.match(doc.text, words[-1].idx + len(words[-1].text)):
            continue
        last = words[-1]
        if last.dep_ != "prt" and (
                last.pos_ in _DANGLING_POS or (last.pos_ == "PART" and last.lower_ == "to")):
            return True
    return False


def _keep_saying_inside_according(doc, cands: list[rules.Candidate], threshold: float) -> None:
    """"The officer said the youth had a gun, according to the New York Post": the paper
    relays what the officer said, and the officer's saying stands as an attribution of its own
    (the cue model, which reads it as nested, scores it low). Only a saying verb with a
    speaker named by a noun (not "it" or "they"), outside quotation marks, inside an "according
    to" attribution that is kept."""
    quoted = None
    for outer in cands:
        if outer.kind != "according" or outer.score < threshold or not outer.content:
            continue
        for inner in cands:
            if inner.kind == "verb" and inner.source and inner.content and inner.cue \
                    and inner.source_head is not None \
                    and doc[inner.source_head].pos_ in ("NOUN", "PROPN") \
                    and _inside(inner.content, outer.content) \
                    and _inside([inner.cue], outer.content) \
                    and rules.stem(doc[inner.cue_token].lower_) in rules.SAYING_VERBS:
                if quoted is None:
                    quoted = rules.find_quoted_spans(doc_text(doc))
                if not any(a <= inner.cue[0] < b for a, b in quoted):
                    inner.score = max(inner.score, threshold)


def _drop_nested_duplicates(kept: list[rules.Candidate]) -> list[rules.Candidate]:
    """Two cues over the same content ("Macron added, France 24 reported"): keep the one the
    model prefers clearly, else the one nearer the content."""
    out: list[rules.Candidate] = []
    for cand in sorted(kept, key=lambda c: -c.score):
        rival = next((other for other in out if _same_content(cand, other)), None)
        if rival is None:
            out.append(cand)
        elif (rival.source is None and cand.source is not None) or (
                (rival.source is None) == (cand.source is None)
                and rival.score - cand.score < 0.25 and _distance(cand) < _distance(rival)):
            out[out.index(rival)] = cand
    return out


def _one_per_verb_chain(doc, kept: list[rules.Candidate]) -> list[rules.Candidate]:
    """"declined to comment on the report", "vowed to build a wall": a verb and the infinitive
    it governs make one attribution, whose content is the rest; of the two readings
    (content "to build a wall" or "a wall") the model's preferred one stays."""
    by_token = {c.cue_token: c for c in kept if c.kind == "verb"}
    drop = set()
    for cand in kept:
        if cand.kind != "verb":
            continue
        tok = doc[cand.cue_token]
        head = by_token.get(tok.head.i)
        if tok.dep_ != "xcomp" or head is None or head is cand or tok.head.i > tok.i:
            continue
        if not _inside(cand.content, head.content):
            continue
        drop.add(id(head) if cand.score >= head.score else id(cand))
    return [c for c in kept if id(c) not in drop]


def _cut_at_coordinated_cue(doc, text: str, kept: list[rules.Candidate],
                            quoted: list[tuple[int, int]]) -> None:
    """"The mayor said the plan was sound and called the critics cynical": a second cue of the
    same speaker joined by "and" ends what the first one reports; so does a joined clause with
    a speaker of its own (``_other_speakers_clause``)."""
    for cand in kept:
        if not cand.content or cand.source_head is None:
            continue
        a, b = cand.content[0][0], cand.content[-1][1]
        cuts = []
        span = doc.char_span(a, b, alignment_mode="expand")
        cue_verb = doc[cand.cue_token]
        for child in span if span is not None else ():
            if cand.kind == "verb" and _goes_on_from_cue(child, cue_verb, span, quoted):
                # "The government says 2,000 personnel have been killed and blames the
                # violence on armed gangs": the cue's subject's second act, in the cue's form
                start = child.left_edge
                while start.i > span.start and (doc[start.i - 1].dep_ == "cc" or (
                        doc[start.i - 1].is_punct and doc[start.i - 1].text == ",") or (
                        doc[start.i - 1].dep_ == "advmod" and doc[start.i - 1].head.dep_ == "cc")):
                    start = doc[start.i - 1]  # with its ", but" or "and"
                cuts.append(start.idx)
            first = child.left_edge
            if child.dep_ in ("advcl", "xcomp") and first.lower_ == "only" and \
                    first.i + 1 < len(doc) and doc[first.i + 1].lower_ == "to" and \
                    a < first.idx < b:
                # 'told Hitchens "Your nose is growing," only to deride his opponent': what
                # the speaker went on to do, in the writer's words
                cuts.append(first.idx)
        for other in kept:
            if other is not cand and other.kind == "verb" and other.source_head is not None \
                    and other.source_head != cand.source_head:
                cut = _other_speakers_clause(doc, other, a, b, cand.cue_token)
                if cut is not None:
                    cuts.append(cut)
                continue
            if other is cand or other.source_head != cand.source_head or other.kind != "verb":
                continue
            tok = doc[other.cue_token]
            if tok.dep_ != "conj" or not a < tok.idx < b or tok.i <= cand.cue_token:
                continue
            left = [c for c in tok.lefts if c.dep_ in ("cc", "punct", "preconj")]
            start = doc[min([c.i for c in left] + [tok.i])]
            prev = doc[start.i - 1] if start.i else None
            if prev is not None and prev.dep_ in ("cc", "punct") and prev.head == tok.head:
                start = prev  # ", and" hung on the first conjunct
            cuts.append(start.idx)
        if not cuts:
            continue
        cut = min(cuts)
        content = [rules.trim(text, x, min(y, cut)) for x, y in cand.content if x < cut]
        content = [r for r in content if r[1] > r[0]]
        if content:
            cand.content = content


# Subordinators of a clause set against the one before ("..., while rebel officials say ...").
_CONTRASTING = {"while", "whereas", "although", "though"}


def _goes_on_from_cue(tok, cue, span, quoted) -> bool:
    """Whether ``tok``, a verb joined by "and"/"but" to a verb of the reported words, is
    rather the speaker's next act: it has no subject of its own, the cue's form, and a form
    that cannot share the auxiliaries of the verb it is joined to ("says 2,000 personnel have
    been killed and blames", "said a ceasefire could come into force, but also accused").
    Never inside quotation marks, nor in a relative clause."""
    head = tok.head
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.tag_ != cue.tag_ or head.i == cue.i \
            or not span.start <= head.i < span.end or any(a <= tok.idx < b for a, b in quoted) \
            or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return False
    path = []
    for a in tok.ancestors:
        if a.i == cue.i:
            break
        path.append(a)
    else:
        return False
    if any(a.dep_ in ("relcl", "acl") for a in path):
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ == "VBZ":  # "blames" cannot go on "have been killed"
        return head.tag_ in ("VBN", "VBG", "VB") and bool(auxes)
    # "accused" cannot go on "could come"
    return tok.tag_ == "VBD" and head.tag_ == "VB" and any(a.tag_ == "MD" for a in auxes)


def _other_speakers_clause(doc, other: rules.Candidate, a: int, b: int, cue: int) -> int | None:
    """Where a clause joined to the reported words starts when it has a speaker and a cue of
    its own ("said the visit was agreed with Turkey but in Ankara the Turkish Foreign Ministry
    said there had been no contact"): the radio's report ends before "but" (None when the
    other cue is not such a clause inside ``a:b``)."""
    tok, speaker = doc[other.cue_token], doc[other.source_head]
    contrast = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in _CONTRASTING),
                    None) if tok.dep_ == "advcl" else None
    if (tok.dep_ != "conj" and contrast is None) or not a < speaker.idx < tok.idx < b or \
            tok.i <= cue or speaker.i < doc[cue].i or speaker.head.i != tok.i or \
            speaker.dep_ != "nsubj" or speaker.tag_ in ("WDT", "WP", "PRP"):
        # (its own subject, named: a subject the conjunct shares or a "which" is the first
        # clause's, "and discussed how ..." goes on)
        return None
    # ("The damage has been repaired, AGOCO said, while rebel officials say they have set up
    # a force": a clause set against it by "while" is the other speaker's, from "while")
    start = contrast if contrast is not None and contrast.i < speaker.i else tok.left_edge
    prev = doc[start.i - 1] if start.i else None
    if prev is None or not (prev.dep_ == "cc" or prev.is_punct):
        return None  # no conjunction or comma before it: not a clause of its own
    return prev.idx


def _inside(inner, outer) -> bool:
    return bool(inner) and all(any(x <= a and b <= y for x, y in outer) for a, b in inner)


def _hand_to_nearer_cue(doc, text, kept, cands) -> list[rules.Candidate]:
    """'"...," Macron added, France 24 reported': the quote is Macron's; a contentless cue
    between a quote and the cue the parse gave it takes the quote over."""
    out = []
    for cand in kept:
        end = cand.content[-1][1]
        if cand.kind != "verb" or cand.cue[0] <= end or "\n" in text[end:cand.cue[0]]:
            out.append(cand)
            continue
        nearer = [c for c in cands if not c.content and c.source and end <= c.cue[0] < cand.cue[0]
                  and c.score >= ATTACH_THRESHOLD and c.source[0] >= end]
        if nearer:
            best = min(nearer, key=lambda c: c.cue[0])
            out.append(rules.Candidate(best.cue, best.cue_token, best.source, best.source_head,
                                       list(cand.content), "verb", best.features,
                                       max(best.score, cand.score)))
        else:
            out.append(cand)
    return out


def _distance(cand: rules.Candidate) -> int:
    a, b = cand.content[0][0], cand.content[-1][1]
    x = cand.cue[0]
    return 0 if a <= x < b else min(abs(x - a), abs(x - b))


def _same_content(a: rules.Candidate, b: rules.Candidate) -> bool:
    sa = sum(y - x for x, y in a.content)
    sb = sum(y - x for x, y in b.content)
    inter = sum(max(0, min(y1, y2) - max(x1, x2)) for x1, y1 in a.content for x2, y2 in b.content)
    return inter >= 0.9 * min(sa, sb) and inter >= 0.9 * max(sa, sb)


def _covered(span: tuple[int, int], kept: list[rules.Candidate]) -> bool:
    a, b = span
    for cand in kept:
        if cand.cue and a <= cand.cue[0] < b:
            continue  # a cue inside the quote ("I think") does not account for the quote
        for x, y in cand.content:
            if max(0, min(b, y) - max(a, x)) >= 0.5 * (b - a):
                return True
    return False


def _attach_quotes(doc, text: str, quoted, kept, cands) -> list[rules.Candidate]:
    """Give each quoted passage that no kept cue covers a speaker: a cue in the same sentence
    or paragraph, a cue ending in a colon just before it, or the speaker of the quote just
    before it (a quote that carries on in the next paragraph)."""
    kept = list(kept)
    by_token = {c.cue_token: c for c in cands}
    for span in quoted:
        if _covered(span, kept):
            continue
        if rules.quote_words(text, span) < MIN_DIRECT_WORDS:
            host = _split_quote_host(text, span, kept)
            if host is not None:
                host.content = rules._merge_ranges(host.content + [span])
            continue
        host = _nearby_cue(doc, text, span, kept, by_token, quoted)
        if host is None:
            continue
        if host in kept and host.kind != "quote":
            host.content = rules._merge_ranges(host.content + [span])
        else:
            host.content = [span]
            kept.append(host)
            if host.kind != "quote":
                # a second quote of the paragraph around the same cue joins this one
                by_token[host.cue_token] = host
    return kept


def _split_quote_host(text: str, span, kept):
    """'"Here comes Big Daddy," she said, clapping. "The Donald."': a short quote right after
    the cue of a quote continues it."""
    a, _ = span
    for cand in kept:
        if not cand.cue or not cand.content:
            continue
        end = max(cand.cue[1], cand.source[1] if cand.source else 0, cand.content[-1][1])
        if end <= a and a - end < 40 and "\n" not in text[end:a] and \
                any(_opens_quote(text, x) for x, _ in cand.content):
            return cand
    return None


def _opens_quote(text: str, pos: int) -> bool:
    """A quote mark opens at ``pos``: curly, straight, or the two-apostrophe marks of wires."""
    return text[pos] in "\u201c\"" or text.startswith(("''", "``"), pos)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _dash_speaker(doc, text, span):
    """'"Quote." ― Jane Doe': a dash after the quote introduces its speaker."""
    a, b = span
    m = _DASH.match(text, b)
    if not m:
        return None
    for ent in doc.ents:
        if ent.start_char == m.end() and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return rules.Candidate((m.start(1), m.end(1)), doc[ent.start].i,
                                   (ent.start_char, ent.end_char), ent.root.i, [], "quote",
                                   [], 1.0)
    name = _NAME_AFTER_DASH.match(text, m.end())
    if name and "\n" not in name.group():
        span = doc.char_span(name.start(), name.end(), alignment_mode="expand")
        if span is not None:
            return rules.Candidate((m.start(1), m.end(1)), span.root.i, (name.start(), name.end()),
                                   span.root.i, [], "quote", [], 1.0)
    return None


def _label_candidate(doc, text, span):
    """'... the spill. Doug Suttles of BP: "We've had periods of pumping"': the label's person
    said the words; no verb, so no other sentence's cue reaches past it."""
    ent = next((e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= span[0]
                and rules.label_before(text, e.start_char, e.end_char, span[0])), None)
    if ent is None:
        # 'Editorial in Jordan's Al-Dustur: "If the Syrian regime ..."': the paper says it
        m = rules.OUTLET_LABEL.search(text, max(0, span[0] - 100), span[0])
        if m is None:
            return None
        start = m.start("outlet")
        owner = re.search(r".*['\u2019]s ", m["outlet"])
        if owner is not None:
            start += owner.end()  # "Jordan's Al-Dustur": the paper, not its country
        outlet = doc.char_span(start, m.end("outlet"), alignment_mode="expand")
        if outlet is None:
            return None
        colon = text.rindex(":", m.end("outlet"), span[0])
        return rules.Candidate((colon, colon + 1), outlet[0].i, (start, m.end("outlet")),
                               outlet.root.i, [], "quote", [], 1.0)
    colon = text.rindex(":", ent.end_char, span[0])
    return rules.Candidate((colon, colon + 1), doc[ent.start].i, (ent.start_char, ent.end_char),
                           ent.root.i, [], "quote", [], 1.0)


def _nearby_cue(doc, text, span, kept, by_token, quoted):
    a, b = span
    dash = _dash_speaker(doc, text, span) or _label_candidate(doc, text, span)
    if dash is not None:
        return dash
    for cand in kept:
        # '"I think we would delude ourselves," he emphasised, "in thinking that ..."': the
        # quotation the cue breaks into goes on after it, whatever cue comes later
        if cand.cue and cand.content and cand.kind != "quote" and \
                any(_opens_quote(text, x) for x, _ in cand.content):
            end = max(cand.cue[1], cand.source[1] if cand.source else 0)
            if end <= a and text[end:a].strip() in ("", ",") and cand.content[-1][1] <= end:
                return cand
    p_start, p_end = _paragraph(text, a)
    # 1. a cue in the same paragraph, outside the quote, nearest to it
    best, best_dist = None, None
    for cand in list(by_token.values()):
        tok = doc[cand.cue_token]
        if not p_start <= tok.idx < p_end or a <= tok.idx < b or cand.source is None:
            continue
        if any(x <= tok.idx < y for x, y in quoted):
            continue  # a verb inside another quote ("he would say") is not this quote's cue
        if cand.score < ATTACH_THRESHOLD:
            continue
        if tok.idx >= b and tok.sent.start_char >= b and _reports_a_clause(doc, cand, span):
            # '"He could apologize or lose his post." Barton had complained that ...': a cue
            # in a later sentence that reports words of its own is not this quote's ('"What a
            # year!" Ann Lee shouted to the crowd.' is: "the crowd" is no clause)
            continue
        if tok.idx < a:
            # (from where the attribution before ends, its reported words included: 'X said he
            # would request warrants. "Crimes against humanity ..." At a meeting, Russia
            # criticised ...' gives the quotation to X, whose sentence ends right before it)
            ends = [tok.idx + len(tok)] + [y for _, y in cand.content if y <= a] + (
                [cand.source[1]] if cand.source and cand.source[1] <= a else [])
            dist = a - max(ends)
        else:
            dist = tok.idx - b
        if cand in kept and not _touches(cand, span, text):
            dist += 40
        if best_dist is None or dist < best_dist:
            best, best_dist = cand, dist
    if best is not None and best_dist is not None and best_dist < 200:
        if best in kept:
            return best
        same = [c for c in kept if c.source_head is not None and c.source_head == best.source_head
                and c.kind == "verb" and p_start <= c.cue[0] < p_end
                and any(_opens_quote(text, x) for x, _ in c.content)]
        if same:
            # '"...," said Caddell, speaking of X. "...."': the quote goes on, the
            # participle describes the speaker
            return same[0]
        clone = rules.Candidate(best.cue, best.cue_token, best.source, best.source_head, [],
                                "verb", best.features, best.score)
        return clone
    # 2. a cue ending with a colon just before the quote, or the speaker of the quote before
    before = [c for c in kept if c.content and c.content[-1][1] <= a and a - c.content[-1][1] < 400]
    if before:
        prev = max(before, key=lambda c: c.content[-1][1])
        tail = max([prev.content[-1][1]] + [x[1] for x in (prev.cue, prev.source) if x])
        gap = text[prev.content[-1][1]:a]
        prev_quoted = any(_opens_quote(text, x) for x, _ in prev.content)
        cue_colon = text[prev.cue[1]:prev.cue[1] + 2].strip().startswith(":") if prev.cue else False
        if gap.count("\n") <= 2 and (prev_quoted or cue_colon) and tail <= a and \
                not _has_other_speaker(doc, text[tail:a]):
            if "\n" not in text[prev.content[0][0]:a] and prev.kind != "quote" and prev_quoted:
                # '"...," said Ann Lee, an economist at X. "...."': one attribution
                return prev
            return rules.Candidate(None, prev.cue_token, prev.source, prev.source_head, [],
                                   "quote", prev.features, prev.score)
    return None


def _reports_a_clause(doc, cand: rules.Candidate, span) -> bool:
    """Whether the candidate's content outside ``span`` holds a clause (a verb)."""
    a, b = span
    for x, y in cand.content:
        if a <= x < b:
            continue
        part = doc.char_span(x, y, alignment_mode="expand")
        if part is not None and any(t.pos_ in ("VERB", "AUX") for t in part):
            return True
    return False


_FIRST_PERSON = re.compile(r"(We|I|Our|My|Us)\b")


def _attach_unmarked_first_person(doc, text: str, kept: list[rules.Candidate]) -> None:
    """A sentence in the first person with no quote marks and no cue, right after an
    attribution in the same paragraph, carries on what the speaker said (quote marks lost
    in translation or syndication: "...he said. We won't have troops there.")."""
    if not kept:
        return
    for sent in doc.sents:
        a, b = rules.trim(text, sent.start_char, sent.end_char)
        if b <= a or not _FIRST_PERSON.match(text, a) or any(ch in text[a:b] for ch in "\u201c\u201d\""):
            continue
        # the sentence's own first-person cues ("We have no plans ...") give way to the
        # speaker the sentence continues
        inner = [c for c in kept if c.cue and a <= c.cue[0] < b and c.source
                 and text[c.source[0]:c.source[1]].lower() in ("i", "we")]
        if any(x < b and a < y for c in kept if c not in inner
               for x, y in c.content + ([c.cue] if c.cue else [])):
            continue
        p_start, _ = _paragraph(text, a)
        before = [c for c in kept if c.content and p_start <= c.content[-1][1] <= a
                  and not text[c.content[-1][1]:a].strip(" .,;\u2026\"\u201d")]
        after = [c for c in kept if c.content and c.content[0][0] >= b and c.cue
                 and "\n" not in text[b:c.content[0][0]] and c.content[0][0] - b < 5]
        before = [c for c in before if c not in inner and _speaks_on(c, text)]
        after = [c for c in after if c not in inner]
        host = before[0] if before else after[0] if after else None
        if host is None and inner:
            continue
        for c in inner:
            kept.remove(c)
        if host is None:
            # the sentence may have been split off the content: "embassy…The president ..."
            host = next((c for c in kept if c.content and p_start <= c.content[-1][1] <= a
                         and _speaks_on(c, text)
                         and len(text[c.content[-1][1]:a]) < 80
                         and "\n" not in text[c.content[-1][1]:a]
                         and not any(x < a and c.content[-1][1] < y for o in kept if o is not c
                                     for x, y in o.content)), None)
            if host is not None:
                host.content = rules._merge_ranges(host.content + [(host.content[-1][1], b)])
                host.content = [rules.trim(text, x, y) for x, y in host.content]
            continue
        host.content = rules._merge_ranges(host.content + [(a, b)])


def _speaks_on(cand, text: str) -> bool:
    """Whether an attribution's speaker may go on in an unmarked next sentence: not when what
    it reports is an account of them ("She often spoke of how humbled she was": the writer
    tells of her, and a next "We have come to expect ..." is the writer's own), only when it
    reports their words ("he mentioned that ...", "...," he said)."""
    if cand.cue is None or not cand.content:
        return False
    return _ACCOUNT.match(text, cand.content[0][0]) is None


_ACCOUNT = re.compile(r"\s*(?:how|what|why|whether|when|where)\b", re.IGNORECASE)


def _touches(cand, span, text) -> bool:
    a, b = span
    return any(abs(x - b) <= 3 or abs(a - y) <= 3 for x, y in cand.content)


def _has_other_speaker(doc, gap: str) -> bool:
    return any(ch.isalpha() for ch in gap)


# ----------------------------------------------------------------------------- the stage
@article_stage(STAGE_VERSION, requires=("article.doc", "article.entities"),
               assigns=("article.quotes",))
def quotes_stage(articles: list[Article], config: Config) -> None:
    """Find who said what in each article, with speakers resolved inside the article."""
    from newsweave.nlp.speakers import resolve_speakers

    model = load_cue_model()
    threshold = model.threshold if config.quotes.threshold is None else config.quotes.threshold
    for article in articles:
        doc = article.cache["doc"]
        found = find_attributions(doc, model=model, threshold=threshold)
        article.values["quotes"] = [replace(q, article=article.id)
                                    for q in resolve_speakers(doc, found)]
        article.values.setdefault("model_versions", {})["quotes"] = model.version


def attribution_records(article: Article) -> list[dict]:
    """The article's attributions as prediction records in raw offsets: the format of the
    PolNeAR scorer (``source``, ``cue``, ``content`` as [start, end] or a list of pairs), with
    the resolved speaker alongside.

    >>> from newsweave.model import Article
    >>> attribution_records(Article.from_text("x", "No quotes here."))
    []
    """
    out = []
    for q in article.values.get("quotes", []):
        content = [list(article.to_raw(s.start, s.end)) for s in q.content]
        out.append({
            "source": list(article.to_raw(q.speaker.start, q.speaker.end)) if q.speaker else None,
            "cue": list(article.to_raw(q.cue.start, q.cue.end)) if q.cue else None,
            "content": content[0] if len(content) == 1 else content,
            "direct": q.direct,
            "anonymous": q.anonymous,
            "speaker_name": q.speaker_name,
            "role": q.role,
            "affiliation": q.affiliation,
            "speaker_type": q.speaker_type,
        })
    return out
