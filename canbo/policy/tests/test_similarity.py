from __future__ import annotations

import random
import unicodedata

import pytest

from canbo.policy.similarity import (
    NAME,
    Passage,
    candidate_pairs,
    candidate_probability,
    estimated_jaccard,
    highlight,
    is_copy,
    jaccard,
    lsh_threshold,
    mask,
    minhash,
    normalize,
    rows_per_band,
    shared_passages,
    shingles,
    similarity,
    word_spans,
    words,
)


def w(text: str) -> list[str]:
    return text.split()


ORIGINAL = (
    "Tôi là Nguyễn Văn An, chuyên viên Phòng Tổ chức. Trong tháng 10, tôi đã "
    "hoàn thành 12 hồ sơ thẩm định biên chế, tham mưu dự thảo quyết định điều "
    "động hai công chức, tổng hợp báo cáo chất lượng đội ngũ của sở đúng hạn. "
    "Tôi luôn chấp hành nghiêm kỷ luật, kỷ cương hành chính, giữ gìn đoàn kết "
    "nội bộ và tích cực học tập nâng cao trình độ chuyên môn."
)
# The same text, copied: diacritics dropped, case and punctuation changed, the
# writer's name swapped.
COPIED = (
    "toi la TRAN THI BICH chuyen vien phong to chuc; trong thang 10 toi da "
    "hoan thanh 12 ho so tham dinh bien che - tham muu du thao quyet dinh dieu "
    "dong hai cong chuc, tong hop bao cao chat luong doi ngu cua so dung han!! "
    "Toi luon chap hanh nghiem ky luat ky cuong hanh chinh giu gin doan ket "
    "noi bo va tich cuc hoc tap nang cao trinh do chuyen mon"
)
# An honest colleague on the same topic, in their own words.
HONEST = (
    "Tháng 10 tôi được giao thẩm định hồ sơ biên chế của ba đơn vị sự nghiệp và "
    "đã trình lãnh đạo sở đúng thời hạn. Ngoài ra tôi phối hợp xây dựng kế "
    "hoạch tuyển dụng năm 2027, rà soát vị trí việc làm và cập nhật cơ sở dữ "
    "liệu cán bộ. Tôi chấp hành tốt nội quy cơ quan, còn hạn chế là đôi khi "
    "chậm cập nhật văn bản mới."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoàn thành TỐT, nhiệm vụ!", "hoan thanh tot nhiem vu"),
        (unicodedata.normalize("NFD", "Đặng Thị Hồng"), "dang thi hong"),
        ("  nhiều   khoảng\ttrắng\n", "nhieu khoang trang"),
        ("đúng hạn (100%) - 12,5 điểm", "dung han 100 12 5 diem"),
        ("Ưu điểm; khuyết điểm...", "uu diem khuyet diem"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_word_spans_point_at_the_words_of_the_nfc_text() -> None:
    text = unicodedata.normalize("NFD", "Tôi, Đặng Hồng.")
    nfc = unicodedata.normalize("NFC", text)
    assert [nfc[a:b] for a, b in word_spans(text)] == ["Tôi", "Đặng", "Hồng"]
    assert len(words(text)) == len(word_spans(text))


@pytest.mark.parametrize(
    ("tokens", "names", "expected"),
    [
        (w("toi la nguyen van an"), ["Nguyễn Văn An"], ["toi", "la", NAME]),
        (w("an toan lao dong"), ["An"], w("an toan lao dong")),
        (w("ong tran binh va ba le"), ["Trần Bình", "Lê"], ["ong", NAME, "va", "ba", "le"]),
        (w("khong co ten"), [], w("khong co ten")),
    ],
)  # fmt: skip
def test_mask_replaces_names_of_two_words_or_more(
    tokens: list[str], names: list[str], expected: list[str]
) -> None:
    assert mask(tokens, names) == expected


@pytest.mark.parametrize(
    ("tokens", "k", "expected"),
    [
        (w("a b c d"), 2, {"a b", "b c", "c d"}),
        (w("a b"), 5, {"a b"}),
        ([], 5, set()),
        (w("a b a b"), 2, {"a b", "b a"}),
    ],
)
def test_shingles(tokens: list[str], k: int, expected: set[str]) -> None:
    assert shingles(tokens, k) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"x", "y"}, {"x", "y"}, 1.0),
        ({"x", "y"}, {"y", "z"}, 1 / 3),
        ({"x"}, {"y"}, 0.0),
        (set(), set(), 0.0),
        ({"x"}, set(), 0.0),
    ],
)
def test_jaccard(a: set[str], b: set[str], expected: float) -> None:
    assert jaccard(a, b) == pytest.approx(expected)


def test_a_copy_differing_in_diacritics_case_punctuation_and_names_is_caught() -> None:
    masked = similarity(
        ORIGINAL, COPIED, names_a=["Nguyễn Văn An"], names_b=["Trần Thị Bích"]
    )
    assert masked == 1.0
    # Even without knowing the names, the copy stays far above the threshold.
    assert is_copy(similarity(ORIGINAL, COPIED))
    assert similarity(ORIGINAL, COPIED) > 0.8


def test_two_honest_texts_on_the_same_topic_are_not_caught() -> None:
    value = similarity(ORIGINAL, HONEST)
    assert value < 0.05
    assert not is_copy(value)


def test_a_copy_with_a_sentence_added_is_still_caught() -> None:
    longer = COPIED + " Tôi cũng tham gia trực cơ quan dịp lễ theo phân công."
    assert is_copy(
        similarity(
            ORIGINAL, longer, names_a=["Nguyễn Văn An"], names_b=["Trần Thị Bích"]
        )
    )


@pytest.mark.parametrize(
    ("value", "threshold", "flagged"),
    [
        (0.6, 0.6, True),  # exactly at the threshold: flagged
        (0.5999, 0.6, False),
        (0.6, None, True),  # the default threshold
        (0.5999, None, False),
        (0.5, 0.5, True),
        (0.4999, 0.5, False),
        (0.5001, 0.5, True),
        (1.0, 1.0, True),
        (0.0, 0.0, True),
        (0.89, 0.9, False),
    ],
)
def test_is_copy_at_the_threshold(
    value: float, threshold: float | None, flagged: bool
) -> None:
    found = is_copy(value) if threshold is None else is_copy(value, threshold)
    assert found is flagged


def test_similarity_is_exactly_at_a_hand_computed_boundary() -> None:
    # 7 words, k=5: 3 shingles each; one word changed at the end shares 2 of 4.
    a = "mot hai ba bon nam sau bay"
    b = "mot hai ba bon nam sau tam"
    assert similarity(a, b, k=5) == pytest.approx(2 / 4)
    assert is_copy(similarity(a, b, k=5), 0.5)
    assert not is_copy(similarity(a, b, k=5), 0.51)


def test_minhash_is_stable_and_estimates_jaccard() -> None:
    a = shingles(words(ORIGINAL))
    b = shingles(words(COPIED))
    c = shingles(words(HONEST))
    assert minhash(a) == minhash(set(a))  # order does not matter
    assert minhash(a)[:3] == minhash(sorted(a))[:3]
    assert len(minhash(a)) == 128
    assert minhash([]) == (0xFFFFFFFF,) * 128
    assert estimated_jaccard(minhash(a), minhash(b)) == pytest.approx(
        jaccard(a, b), abs=0.15
    )
    assert estimated_jaccard(minhash(a), minhash(c)) < 0.15
    assert minhash(a, seed=b"another") != minhash(a)


def test_minhash_is_the_same_on_every_run() -> None:
    # A fixed value: the hash family does not depend on Python's salted hash().
    first = minhash(["hoan thanh tot nhiem vu"], permutations=4)
    assert first == (4064929811, 1882358861, 1823261530, 1116520112)


@pytest.mark.parametrize(
    ("permutations", "bands", "rows"),
    [(128, 32, 4), (128, 16, 8), (126, 42, 3), (128, 128, 1)],
)
def test_rows_per_band(permutations: int, bands: int, rows: int) -> None:
    assert rows_per_band(permutations, bands) == rows


@pytest.mark.parametrize(("permutations", "bands"), [(128, 0), (128, 30)])
def test_bands_must_divide_the_signature(permutations: int, bands: int) -> None:
    with pytest.raises(ValueError, match="bands"):
        rows_per_band(permutations, bands)


@pytest.mark.parametrize(
    ("value", "bands", "rows", "low", "high"),
    [
        (0.5, 32, 4, 0.87, 0.88),  # 1 - (15/16)^32
        (0.8, 32, 4, 0.99999, 1.0),
        (0.1, 32, 4, 0.003, 0.004),
        (0.0, 32, 4, 0.0, 0.0),
        (1.0, 32, 4, 1.0, 1.0),
    ],
)
def test_candidate_probability(
    value: float, bands: int, rows: int, low: float, high: float
) -> None:
    assert low <= candidate_probability(value, bands, rows) <= high


def test_lsh_threshold() -> None:
    assert lsh_threshold(32, 4) == pytest.approx(0.4204, abs=1e-4)


VOCABULARY = w(
    "hoan thanh nhiem vu ke hoach bao cao tham muu van ban ho so thu tuc hanh "
    "chinh cong chuc vien chuc to chuc bien che dao tao boi duong kiem tra giam "
    "sat quyet dinh dieu dong luan chuyen tuyen dung danh gia xep loai thi dua "
    "khen thuong ky luat phong ban so nganh tinh huyen xa du an ngan sach tai "
    "chinh dat dai moi truong giao duc y te van hoa"
)


def _random_texts(n: int, length: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [[rng.choice(VOCABULARY) for _ in range(length)] for _ in range(n)]


def test_lsh_finds_a_planted_pair_without_comparing_every_pair() -> None:
    texts = _random_texts(2000, 60, seed=7)
    planted = list(texts[100])
    planted[10] = "thay"  # a light edit
    planted[40] = "doi"
    texts.append(planted)
    signatures = [minhash(shingles(t)) for t in texts]
    pairs = candidate_pairs(signatures, bands=32)
    assert (100, 2000) in pairs
    assert len(pairs) < len(texts) ** 2 / 2 / 1000
    confirmed = {
        (i, j)
        for i, j in pairs
        if is_copy(jaccard(shingles(texts[i]), shingles(texts[j])))
    }
    assert confirmed == {(100, 2000)}


def test_candidate_pairs_of_nothing() -> None:
    assert candidate_pairs([]) == set()


@pytest.mark.parametrize(
    ("a", "b", "min_words", "expected"),
    [
        # one shared run of 5 words, at different places
        (w("x y a b c d e z"), w("a b c d e q"), 4, [Passage(2, 7, 0, 5)]),
        # too short a run is not a passage
        (w("a b c z"), w("a b c q"), 4, []),
        # moved sentences: both runs are found, in the order of the first text
        (w("a b c d x p q r s"), w("p q r s y a b c d"), 4,
         [Passage(0, 4, 5, 9), Passage(5, 9, 0, 4)]),
        # identical texts: one passage covering both
        (w("a b c d e"), w("a b c d e"), 4, [Passage(0, 5, 0, 5)]),
        ([], w("a b c d"), 1, []),
    ],
)  # fmt: skip
def test_shared_passages(
    a: list[str], b: list[str], min_words: int, expected: list[Passage]
) -> None:
    assert shared_passages(a, b, min_words) == expected


def test_shared_passages_of_the_copied_texts_cover_them_but_the_names() -> None:
    passages = shared_passages(words(ORIGINAL), words(COPIED))
    covered = sum(p.length for p in passages)
    assert covered >= len(words(ORIGINAL)) - 6
    assert all(p.length >= 4 for p in passages)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Tôi đã làm, xong việc.", [(1, 4)], [("Tôi ", False), ("đã làm, xong", True), (" việc.", False)]),
        ("a b c", [], [("a b c", False)]),
        ("a b c", [(0, 3)], [("a b c", True)]),
        ("a b c d", [(0, 2), (1, 3)], [("a b", True), (" c", True), (" d", False)]),
        ("a b", [(5, 9)], [("a b", False)]),
    ],
)  # fmt: skip
def test_highlight(
    text: str, spans: list[tuple[int, int]], expected: list[tuple[str, bool]]
) -> None:
    assert highlight(text, spans) == expected
