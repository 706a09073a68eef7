import numpy as np
import pytest

from newsweave.nlp.fingerprint import content_hash, minhash_values, normalised_words, shingles


@pytest.mark.parametrize("text", [
    "The United States is not going to send any troops to Ukraine, the spokesman said.",
    "short",
    "",
])
def test_minhash_matches_datasketch_legacy(text):
    datasketch = pytest.importorskip("datasketch")
    reference = datasketch.MinHash(num_perm=128, seed=1, scheme="legacy")
    reference.update_batch(list(shingles(normalised_words(text))))
    assert np.array_equal(reference.hashvalues, minhash_values(text))


def test_near_duplicates_share_most_values_and_others_few():
    base = ("Officials said on Monday that the bridge would stay closed for repairs until the "
            "end of the month while engineers inspect the damaged supports.")
    edited = base.replace("Monday", "Tuesday")
    other = ("The central bank left interest rates unchanged and said inflation was expected "
             "to ease slowly over the coming year as energy prices fall.")
    same = float((minhash_values(base) == minhash_values(edited)).mean())
    different = float((minhash_values(base) == minhash_values(other)).mean())
    assert same > 0.5 > 0.1 > different


def test_content_hash_ignores_spacing_case_and_punctuation():
    assert content_hash("Hello,  World!") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("world hello")
