"""Which supporting passage a corroborated claim is shown as (stories/claim_wording.py)."""
import numpy as np

from newsweave.stories.claim_wording import covered, origins_stating, shown_wording
from newsweave.stories.statements import Statement


def _st(article: str, text: str) -> Statement:
    words = frozenset(w.strip(".,").lower() for w in text.split() if len(w) > 3)
    return Statement(article, 0, {"text": text}, np.zeros(2), np.zeros(2), lemmas=words)


ORIGIN = {"a": 1, "b": 2, "c": 3, "a2": 1}.get


def _reads(s: Statement) -> bool:
    return not s.claim["text"].startswith("He ")


def test_a_longer_representative_gives_way_to_the_part_others_state():
    st = [_st("a", "Marlowe painted murals in Lisbon, and taught drawing in Porto."),
          _st("b", "Marlowe taught drawing in Porto."),
          _st("c", "In Porto Marlowe taught drawing for years.")]
    kept, note = shown_wording([0, 1, 2], st, ORIGIN, _reads)
    assert kept[0] == 1 and sorted(kept) == [0, 1, 2]
    assert "3 origins state in full" in note


def test_a_representative_another_origin_states_in_full_stays():
    st = [_st("a", "Marlowe taught drawing in Porto."),
          _st("b", "Marlowe taught drawing in Porto, the school said."),
          _st("c", "Drawing classes ended.")]
    assert shown_wording([0, 1, 2], st, ORIGIN, _reads) == ([0, 1, 2], None)


def test_only_another_origin_vouches_and_a_passage_must_read_alone():
    st = [_st("a", "Marlowe painted murals in Lisbon, and taught drawing in Porto."),
          _st("a2", "Marlowe taught drawing in Porto."),   # the same origin as the first
          _st("b", "He taught drawing in Porto.")]          # does not read alone
    assert origins_stating(1, [0, 1, 2], st, ORIGIN) == 2
    kept, note = shown_wording([0, 1, 2], st, ORIGIN, _reads)
    assert kept[0] == 1


def test_no_passage_stated_by_two_origins_keeps_the_representative():
    st = [_st("a", "Marlowe painted murals in Lisbon, and taught drawing in Porto."),
          _st("b", "Critics praised the murals of Lisbon.")]
    assert shown_wording([0, 1], st, ORIGIN, _reads) == ([0, 1], None)


def test_covered_counts_inflected_forms():
    assert covered(frozenset({"release", "patch"}), frozenset({"releases", "patches"})) == 1.0
    assert covered(frozenset({"arson", "damage"}), frozenset({"damage"})) == 0.5
    assert covered(frozenset(), frozenset({"x"})) == 0.0


def test_a_passage_the_representative_does_not_state_never_replaces_it():
    st = [_st("a", "Marlowe escaped from the county jail after pulling a knife on guards."),
          _st("b", "Marlowe is accused of using a knife smuggled into the jail by visitors."),
          _st("c", "Marlowe is accused of using a knife smuggled into the jail.")]
    assert shown_wording([0, 1, 2], st, ORIGIN, _reads) == ([0, 1, 2], None)
