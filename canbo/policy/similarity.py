"""Near-duplicate texts: copied self-assessments.

Method (Broder, "On the resemblance and containment of documents", 1997;
Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3):

1. Vietnamese normalisation: NFC, then each word without diacritics (đ → d),
   case-folded; punctuation and extra whitespace dropped. A writer's own name
   can be masked, so two texts differing only in names look the same.
2. Word shingles: the set of runs of `k` consecutive words (default 5).
3. Similarity: the Jaccard index |A ∩ B| / |A ∪ B| of the two shingle sets,
   computed exactly to confirm a candidate pair.
4. MinHash signatures: for each of `permutations` hash functions, the least
   hash over the shingles; two signatures agree at a position with probability
   equal to the Jaccard index. The hash family is fixed and seeded (SHAKE-128 of
   a seed and the shingle, cut into 32-bit words), never Python's salted `hash`,
   so a run gives the same signatures on every machine.
5. LSH banding: the signature is cut into `bands` bands of `rows` values; texts
   sharing one whole band become a candidate pair. A pair of similarity s is a
   candidate with probability 1 - (1 - s^rows)^bands, an S-curve whose midpoint
   is about (1/bands)^(1/rows); pairs are never compared all against all.
6. Shared passages: the longest common runs of words, as word-index spans in
   each text, for highlighting.

Thresholds are defaults, not rules: an inspector sets them per run.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_SHINGLE = 5  # words per shingle
DEFAULT_PERMUTATIONS = 128
DEFAULT_BANDS = 32  # 32 bands of 4 rows: candidates from a similarity of about 0.42
DEFAULT_THRESHOLD = 0.6  # Jaccard index of the shingle sets (a default setting)
DEFAULT_MIN_WORDS = 20  # shorter texts ("Hoàn thành tốt nhiệm vụ") are not compared
DEFAULT_PASSAGE_WORDS = 4  # the shortest shared passage highlighted
SEED = b"canbo.similarity.v1"
NAME = "\u2205"  # the token a masked name becomes

_WORD = re.compile(r"[^\W_]+")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})
_MAX = 0xFFFFFFFF


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    # A language has few distinct words: each is folded once.
    decomposed = unicodedata.normalize("NFD", word.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character offsets of each word in NFC(`text`).

    A word is a run of letters and digits; punctuation and spaces separate words.
    """
    nfc = unicodedata.normalize("NFC", text)
    return [match.span() for match in _WORD.finditer(nfc)]


def words(text: str) -> list[str]:
    """The words of `text`, normalised: without diacritics (đ → d), case-folded.

    "Hoàn thành TỐT, nhiệm vụ!" and "hoan thanh tot nhiem vu" give the same words,
    in NFC or NFD; word i is the i-th span of `word_spans(text)`.
    """
    return list(map(_fold_word, _WORD.findall(unicodedata.normalize("NFC", text))))


def normalize(text: str) -> str:
    """The normalised text: its words joined by single spaces."""
    return " ".join(words(text))


def mask(tokens: Sequence[str], names: Iterable[str]) -> list[str]:
    """Replace each occurrence of a name (two words or more) by one NAME token.

    Single words are never masked: a given name such as "An" is also a word
    ("an toàn"). Longer names are masked first.
    """
    folded = {tuple(words(name)) for name in names}
    phrases = sorted((p for p in folded if len(p) >= 2), key=len, reverse=True)
    if not phrases:
        return list(tokens)
    firsts = {phrase[0] for phrase in phrases}
    out: list[str] = []
    at = 0
    while at < len(tokens):
        for phrase in phrases if tokens[at] in firsts else ():
            if tuple(tokens[at : at + len(phrase)]) == phrase:
                out.append(NAME)
                at += len(phrase)
                break
        else:
            out.append(tokens[at])
            at += 1
    return out


def shingles(tokens: Sequence[str], k: int = DEFAULT_SHINGLE) -> frozenset[str]:
    """The set of runs of `k` consecutive words; a shorter text is one shingle."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if len(tokens) <= k:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0 when both are empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def similarity(
    a: str,
    b: str,
    *,
    names_a: Iterable[str] = (),
    names_b: Iterable[str] = (),
    k: int = DEFAULT_SHINGLE,
) -> float:
    """The Jaccard index of the two texts' shingles, after normalisation and
    masking each writer's names."""
    return jaccard(
        shingles(mask(words(a), names_a), k), shingles(mask(words(b), names_b), k)
    )


def is_copy(value: float, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """A similarity at or above the threshold is a signal for review."""
    return value >= threshold


@lru_cache(maxsize=8)
def _unpacker(permutations: int) -> struct.Struct:
    return struct.Struct(f"<{permutations}I")


def minhash(
    items: Iterable[str],
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: bytes = SEED,
) -> tuple[int, ...]:
    """The MinHash signature of a set of shingles: for each of `permutations`
    seeded 32-bit hash functions, the least value over the set (all 2^32 - 1 for
    an empty set)."""
    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    unpack = _unpacker(permutations).unpack
    size = 4 * permutations
    rows = [
        unpack(hashlib.shake_128(seed + item.encode()).digest(size)) for item in items
    ]
    if not rows:
        return (_MAX,) * permutations
    return tuple(map(min, zip(*rows, strict=True)))


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of positions where two signatures agree (estimates Jaccard)."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures must have the same, non-zero length")
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def rows_per_band(permutations: int, bands: int) -> int:
    if bands < 1 or permutations % bands:
        raise ValueError("bands must divide the number of permutations")
    return permutations // bands


def candidate_probability(value: float, bands: int, rows: int) -> float:
    """The probability that a pair of this similarity becomes a candidate."""
    return float(1 - (1 - value**rows) ** bands)


def lsh_threshold(bands: int, rows: int) -> float:
    """About where the S-curve rises: (1/bands)^(1/rows)."""
    return float((1 / bands) ** (1 / rows))


def candidate_pairs(
    signatures: Sequence[Sequence[int]], bands: int = DEFAULT_BANDS
) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of signatures sharing at least one whole band.

    Each band puts the signatures in buckets; only signatures in the same bucket
    are paired, so dissimilar texts are never compared.
    """
    if not signatures:
        return set()
    rows = rows_per_band(len(signatures[0]), bands)
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for index, signature in enumerate(signatures):
        for band in range(bands):
            key = (band, tuple(signature[band * rows : (band + 1) * rows]))
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for n, first in enumerate(members):
            for second in members[n + 1 :]:
                pairs.add((first, second))
    return pairs


@dataclass(frozen=True)
class Passage:
    """A run of words common to two texts: [a_start, a_end) in the first text's
    words, [b_start, b_end) in the second's."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def length(self) -> int:
        return self.a_end - self.a_start


def _runs(
    a: Sequence[str], b: Sequence[str], min_words: int
) -> list[tuple[int, int, int]]:
    """Every maximal common run (length, start in a, start in b) of min_words or more."""
    starts: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - min_words + 1):
        starts[tuple(b[j : j + min_words])].append(j)
    runs: list[tuple[int, int, int]] = []
    for i in range(len(a) - min_words + 1):
        for j in starts.get(tuple(a[i : i + min_words]), ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts earlier
            n = min_words
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            runs.append((n, i, j))
    return runs


def shared_passages(
    a: Sequence[str], b: Sequence[str], min_words: int = DEFAULT_PASSAGE_WORDS
) -> list[Passage]:
    """The longest common runs of words of two word lists, longest first chosen,
    none overlapping another in either text; returned in the order of `a`.

    Runs may appear in a different order in the two texts (moved sentences).
    """
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    taken_a = [False] * len(a)
    taken_b = [False] * len(b)
    chosen: list[Passage] = []
    for n, i, j in sorted(_runs(a, b, min_words), key=lambda r: (-r[0], r[1], r[2])):
        if any(taken_a[i : i + n]) or any(taken_b[j : j + n]):
            continue
        taken_a[i : i + n] = [True] * n
        taken_b[j : j + n] = [True] * n
        chosen.append(Passage(i, i + n, j, j + n))
    return sorted(chosen, key=lambda p: p.a_start)


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut NFC(`text`) into parts, each marked or not: a span [start, end) of word
    indices marks the text from its first word to its last."""
    nfc = unicodedata.normalize("NFC", text)
    offsets = word_spans(nfc)
    ranges = sorted(
        (offsets[start][0], offsets[end - 1][1])
        for start, end in spans
        if 0 <= start < end <= len(offsets)
    )
    parts: list[tuple[str, bool]] = []
    at = 0
    for begin, finish in ranges:
        if begin < at:
            begin = at
        if begin >= finish:
            continue
        if begin > at:
            parts.append((nfc[at:begin], False))
        parts.append((nfc[begin:finish], True))
        at = finish
    if at < len(nfc):
        parts.append((nfc[at:], False))
    return parts
