"""A phrase bank for the demo's monthly self-reviews, and the light edits of a copy.

An honest self-review is composed of one sentence from each of several families
(who is writing, the month's figures, the products worked on, quality and
deadlines, discipline, shortcomings, next month's plan), most families with a
choice of wordings and some left out, filled with the person's own products and
numbers: two honest texts of the same unit and month share phrases, as real ones
do, but rarely most of their sentences.

A copied text is another text with light edits (diacritics dropped, the names
swapped, punctuation and case changed, a sentence added), the ways people hide a
copy; `edit_copy` applies one to three of them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from canbo.policy.text import fold

OPENINGS = (
    "Tôi là {name}, {position}, xin tự đánh giá kết quả công tác tháng {month} như sau.",
    "Họ và tên: {name}. Chức vụ, vị trí việc làm: {position}.",
    "Tôi, {name}, báo cáo kết quả thực hiện nhiệm vụ tháng {month}.",
    "Căn cứ nhiệm vụ được giao, tôi tự nhận xét, đánh giá kết quả tháng {month} như sau.",
)
FIGURES = (
    "Trong tháng {month}, tôi được giao {assigned} nhiệm vụ, đã hoàn thành {completed} nhiệm vụ, đạt {percent}%.",
    "Tổng số sản phẩm được giao trong tháng là {assigned}, hoàn thành {completed}, tỷ lệ {percent}%.",
    "Tháng {month} tôi hoàn thành {completed}/{assigned} nhiệm vụ được lãnh đạo phân công.",
    "Kết quả: hoàn thành {completed} trên tổng số {assigned} sản phẩm, đạt {percent}% khối lượng công việc.",
    "Đã thực hiện {completed} trong số {assigned} đầu việc được giao theo kế hoạch tháng.",
)
PRODUCTS = (
    "Chủ yếu tập trung vào {product} và {other}.",
    "Tham mưu thực hiện {product}; phối hợp với các đồng nghiệp về {other}.",
    "Nổi bật là {product}, đồng thời hoàn thành {other} đúng yêu cầu.",
    "Các sản phẩm chính gồm: {product}; {other}.",
    "Trực tiếp thực hiện {product}, tham gia {other} theo phân công.",
    "Tập trung hoàn thiện {product}, bảo đảm tiến độ {other}.",
)
QUALITY = (
    "Các sản phẩm đều bảo đảm chất lượng, không có sản phẩm phải làm lại.",
    "Có {failed} sản phẩm phải chỉnh sửa theo ý kiến của lãnh đạo phòng.",
    "{late} nhiệm vụ hoàn thành chậm so với thời hạn do chờ ý kiến phối hợp.",
    "Chất lượng tham mưu được lãnh đạo ghi nhận, đúng thể thức, đúng thời hạn.",
    "Tiến độ nhìn chung đáp ứng yêu cầu; {late} việc chậm đã được gia hạn.",
    "Số liệu báo cáo chính xác, kịp thời, phục vụ tốt công tác chỉ đạo điều hành.",
)
CONDUCT = (
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và nội quy cơ quan.",
    "Giữ gìn đạo đức, lối sống; có tinh thần đoàn kết, phối hợp tốt với đồng nghiệp.",
    "Thực hiện đúng giờ giấc làm việc, văn hóa công vụ; thái độ phục vụ Nhân dân đúng mực.",
    "Luôn có ý thức tổ chức kỷ luật, tinh thần trách nhiệm trong thực thi công vụ.",
    "Tích cực học tập nâng cao trình độ chuyên môn, nghiệp vụ.",
)
LIMITS = (
    "Hạn chế: một số việc còn chậm do khối lượng công việc lớn.",
    "Tồn tại: kỹ năng ứng dụng công nghệ thông tin còn cần nâng cao.",
    "Hạn chế: chưa chủ động đề xuất giải pháp mới trong lĩnh vực phụ trách.",
    "Bản thân còn hạn chế trong việc phối hợp với các đơn vị liên quan.",
)
PLANS = (
    "Tháng tới, tôi tiếp tục tập trung hoàn thành {product}.",
    "Phương hướng tháng sau: khắc phục hạn chế, nâng cao chất lượng {product}.",
    "Trong thời gian tới, tôi sẽ chủ động hơn trong tham mưu {product}.",
    "Tiếp tục thực hiện tốt nhiệm vụ được giao, nhất là {product}.",
)
SELF_LEVEL = (
    "Tự đánh giá: {level}.",
    "Tôi tự xếp loại: {level}.",
    "Đề nghị xếp loại {level}.",
)
LEVEL_WORDS = {
    "HTXSNV": "hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "hoàn thành tốt nhiệm vụ",
    "HTNV": "hoàn thành nhiệm vụ",
    "KHTNV": "không hoàn thành nhiệm vụ",
}
# Sentences a copier adds so the copy is not word for word.
ADDED = (
    "Ngoài ra, tôi tham gia đầy đủ các hoạt động của chi bộ và công đoàn.",
    "Tham gia trực cơ quan theo lịch phân công.",
    "Hoàn thành đợt tập huấn chuyên môn do Sở tổ chức.",
    "Tham gia đoàn kiểm tra liên ngành theo quyết định của lãnh đạo.",
)
# The model texts an agency circulates ("mẫu tự nhận xét").
TEMPLATES = (
    "Trong tháng, bản thân luôn chấp hành tốt chủ trương, đường lối của Đảng, chính sách, "
    "pháp luật của Nhà nước. Có phẩm chất chính trị, đạo đức, lối sống lành mạnh. "
    "Hoàn thành khối lượng công việc được giao, bảo đảm chất lượng, tiến độ. "
    "Có tinh thần trách nhiệm, đoàn kết, phối hợp tốt với đồng nghiệp. "
    "Tự đánh giá: hoàn thành tốt nhiệm vụ.",
    "Bản thân đã thực hiện đầy đủ các nhiệm vụ được phân công theo kế hoạch của cơ quan. "
    "Chấp hành nghiêm nội quy, quy chế làm việc, văn hóa công vụ. "
    "Các sản phẩm tham mưu bảo đảm đúng thể thức, đúng thời hạn. "
    "Tích cực học tập nâng cao trình độ chuyên môn, nghiệp vụ. "
    "Tự xếp loại: hoàn thành tốt nhiệm vụ.",
)


@dataclass(frozen=True)
class Facts:
    """What a self-review is about: the person and the month's numbers."""

    name: str
    position: str
    month: str  # "10/2026"
    assigned: int
    completed: int
    failed: int
    late: int
    products: tuple[str, ...]
    level: str


def pick[T](rng: random.Random, items: tuple[T, ...]) -> T:
    """`rng.choice`, faster: one draw of `random()` (the generator calls it millions of times)."""
    return items[int(rng.random() * len(items))]


def compose(rng: random.Random, facts: Facts) -> str:
    """Compose an honest self-review from the families, in the person's words."""
    products = facts.products or ("công việc chuyên môn",)
    product = pick(rng, products)
    other = pick(rng, products)
    if other == product and len(products) > 1:
        other = products[(products.index(product) + 1) % len(products)]
    percent = round(100 * facts.completed / facts.assigned) if facts.assigned else 0
    values = {
        "name": facts.name, "position": facts.position, "month": facts.month,
        "assigned": facts.assigned, "completed": facts.completed, "percent": percent,
        "failed": facts.failed or 1, "late": facts.late or 1,
        "product": product.lower(), "other": other.lower(),
        "level": LEVEL_WORDS.get(facts.level, LEVEL_WORDS["HTTNV"]),
    }  # fmt: skip
    random_ = rng.random
    parts = []
    if random_() < 0.6:
        parts.append(pick(rng, OPENINGS))
    parts.append(pick(rng, FIGURES))
    parts.append(pick(rng, PRODUCTS))
    if facts.failed or facts.late or random_() < 0.6:
        parts.append(pick(rng, _quality(facts)))
    first = int(random_() * len(CONDUCT))
    parts.append(CONDUCT[first])
    if random_() < 0.35:
        parts.append(CONDUCT[(first + 1 + int(random_() * 4)) % len(CONDUCT)])
    if random_() < 0.45:
        parts.append(pick(rng, LIMITS))
    if random_() < 0.7:
        parts.append(pick(rng, PLANS))
    if random_() < 0.5:
        parts.append(pick(rng, SELF_LEVEL))
    return " ".join(part.format_map(values) if "{" in part else part for part in parts)


def _quality(facts: Facts) -> tuple[str, ...]:
    if facts.failed:
        return (QUALITY[1],)
    if facts.late:
        return (QUALITY[2], QUALITY[4])
    return (QUALITY[0], QUALITY[3], QUALITY[5])


def from_template(rng: random.Random, template: str, facts: Facts) -> str:
    """A template copied with at most a name or a figure put in."""
    if rng.random() < 0.5:
        return template
    return f"Tôi là {facts.name}. {template}"


def _drop_diacritics(_rng: random.Random, text: str, _source: str, _name: str) -> str:
    """Write the text without diacritics (fold keeps words, lowers the case)."""
    sentences = [s.strip() for s in re.split(r"(?<=\.)\s+", fold(text)) if s.strip()]
    return " ".join(s[:1].upper() + s[1:] for s in sentences)


def _swap_names(_rng: random.Random, text: str, source: str, name: str) -> str:
    if source and source in text:
        return text.replace(source, name)
    return f"Tôi là {name}. {text}"


def _punctuation(rng: random.Random, text: str, _source: str, _name: str) -> str:
    changed = text.replace(";", ",").replace(": ", " - ")
    if rng.random() < 0.5:
        changed = changed.replace(". ", ".\n")
    return changed.upper() if rng.random() < 0.15 else changed


def _add_sentence(rng: random.Random, text: str, _source: str, _name: str) -> str:
    sentences = re.split(r"(?<=\.)\s+", text)
    at = rng.randint(1, len(sentences))
    sentences.insert(at, rng.choice(ADDED))
    return " ".join(sentences)


EDITS = (_drop_diacritics, _swap_names, _punctuation, _add_sentence)


def edit_copy(rng: random.Random, text: str, *, source_name: str, name: str) -> str:
    """Return `text` copied by `name` from `source_name`, with one to three light edits
    (names swapped whenever the source names its writer)."""
    chosen = rng.sample(range(len(EDITS)), rng.randint(1, 3))
    if source_name in text and 1 not in chosen:
        chosen.append(1)
    # Swap names before dropping diacritics, so the names still match.
    for index in sorted(chosen, key=lambda i: (i != 1, i)):
        text = EDITS[index](rng, text, source_name, name)
    return text
