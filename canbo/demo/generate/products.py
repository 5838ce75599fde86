"""Product catalogues for the demo: groups A–D and plausible product types per job position."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from canbo.demo.generate.catalogue import POSITION_BY_CODE

# Khánh Hòa's catalogue groups (data, not code: stored as ProductGroup rows).
GROUPS = (
    ("A", "Lãnh đạo, quản lý, chỉ đạo, điều hành"),
    ("B", "Công việc chuyên môn dùng chung"),
    ("C", "Công việc chuyên môn đặc thù của đơn vị"),
    ("D", "Công việc khác"),
)
MIN_PRODUCTS, MAX_PRODUCTS = 8, 20


@dataclass(frozen=True)
class ProductDef:
    group: str
    name: str
    unit_of_measure: str
    coefficient: float
    days: int


LEADERSHIP = (
    ProductDef("A", "Chủ trì họp giao ban, triển khai nhiệm vụ", "cuộc họp", 1.0, 3),
    ProductDef("A", "Ký ban hành văn bản chỉ đạo, điều hành", "văn bản", 0.5, 2),
    ProductDef("A", "Chỉ đạo xây dựng kế hoạch công tác", "kế hoạch", 2.0, 10),
    ProductDef("A", "Kiểm tra, đôn đốc tiến độ nhiệm vụ", "cuộc kiểm tra", 1.5, 5),
    ProductDef("A", "Tiếp công dân định kỳ", "buổi", 1.0, 3),
    ProductDef("A", "Đánh giá, nhận xét cán bộ thuộc quyền", "lượt", 0.5, 5),
)
SHARED = (
    ProductDef("B", "Báo cáo định kỳ", "báo cáo", 1.0, 5),
    ProductDef("B", "Văn bản tham mưu, đề xuất", "văn bản", 1.0, 5),
    ProductDef("B", "Tờ trình, dự thảo quyết định", "tờ trình", 1.5, 7),
    ProductDef("B", "Kế hoạch triển khai nhiệm vụ", "kế hoạch", 2.0, 10),
    ProductDef("B", "Góp ý dự thảo văn bản", "văn bản", 0.5, 3),
    ProductDef("B", "Tổng hợp số liệu, biểu thống kê", "biểu", 0.8, 4),
    ProductDef("B", "Dự thảo văn bản quy phạm pháp luật", "văn bản", 3.0, 20),
    ProductDef("B", "Trả lời kiến nghị của cử tri, doanh nghiệp", "văn bản", 1.2, 7),
    ProductDef("B", "Tổ chức hội nghị, hội thảo", "hội nghị", 2.5, 14),
)
OTHER = (
    ProductDef("D", "Tham gia đoàn công tác, đoàn kiểm tra", "đợt", 1.0, 5),
    ProductDef("D", "Trực cơ quan, trực lễ tết", "buổi", 0.5, 2),
    ProductDef("D", "Tham gia tập huấn, bồi dưỡng", "lớp", 0.5, 5),
    ProductDef("D", "Nhiệm vụ đột xuất được giao", "nhiệm vụ", 1.0, 3),
    ProductDef("D", "Công tác đoàn thể, phong trào thi đua", "hoạt động", 0.5, 7),
)
# Unit-specific products built on each skill of the job position.
SPECIFIC = (
    ("{skill}: xử lý hồ sơ, vụ việc", "hồ sơ", 1.0, 5),
    ("{skill}: báo cáo chuyên đề", "báo cáo", 2.0, 10),
    ("{skill}: hướng dẫn, kiểm tra cơ sở", "cuộc", 1.5, 7),
)


def _specific(position_code: str) -> list[ProductDef]:
    position = POSITION_BY_CODE.get(position_code)
    skills = position.skills if position else ("Nghiệp vụ chuyên môn",)
    return [
        ProductDef("C", name.format(skill=skill), unit, coefficient, days)
        for skill in skills or ("Nghiệp vụ chuyên môn",)
        for name, unit, coefficient, days in SPECIFIC
    ]


def products_for(rng: random.Random, position_code: str) -> list[ProductDef]:
    """Choose 8–20 product types for a job position, with jittered coefficients.

    Leadership positions get group A products; everyone gets shared (B),
    specific (C) and other (D) ones. Coefficients stay within 0.5–3.
    """
    position = POSITION_BY_CODE.get(position_code)
    leads = position is not None and position.group == "leadership"
    pool = [*(LEADERSHIP if leads else ()), *SHARED, *_specific(position_code), *OTHER]
    count = min(len(pool), rng.randint(MIN_PRODUCTS, MAX_PRODUCTS))
    chosen = sorted(rng.sample(range(len(pool)), count))
    return [_jitter(rng, pool[index]) for index in chosen]


def _jitter(rng: random.Random, product: ProductDef) -> ProductDef:
    coefficient = min(3.0, max(0.5, product.coefficient * rng.uniform(0.8, 1.25)))
    return ProductDef(
        product.group,
        product.name,
        product.unit_of_measure,
        round(coefficient * 20) / 20,
        product.days,
    )


def coefficient(product: ProductDef) -> Decimal:
    return Decimal(f"{product.coefficient:.2f}")
