"""Posts, job positions, civil-service ranks and salary scales of the demo province.

Salary scales follow Nghị định 204/2004/NĐ-CP (table 3): each scale has a first
coefficient, a step increment and a number of steps. Ranks (ngạch, chức danh nghề
nghiệp) are listed per ladder from the lowest to the highest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# scale: (first coefficient, increment per step, number of steps)
SCALES: dict[str, tuple[Decimal, Decimal, int]] = {
    "A3.1": (Decimal("6.20"), Decimal("0.36"), 6),
    "A2.1": (Decimal("4.40"), Decimal("0.34"), 8),
    "A2.2": (Decimal("4.00"), Decimal("0.34"), 8),
    "A1": (Decimal("2.34"), Decimal("0.33"), 9),
    "A0": (Decimal("2.10"), Decimal("0.31"), 10),
    "B": (Decimal("1.86"), Decimal("0.18"), 12),
}

Ladder = tuple[tuple[str, str], ...]  # (rank name, salary scale), lowest first


def _teacher(level: str) -> Ladder:
    return (
        (f"Giáo viên {level} hạng III", "A1"),
        (f"Giáo viên {level} hạng II", "A2.2"),
        (f"Giáo viên {level} hạng I", "A2.1"),
    )


def _health(title: str, senior: str) -> Ladder:
    return (
        (f"{title} hạng IV", "B"),
        (f"{title} hạng III", "A1"),
        (f"{senior} hạng II", "A2.1"),
    )


LADDERS: dict[str, Ladder] = {
    "civil": (
        ("Cán sự", "A0"),
        ("Chuyên viên", "A1"),
        ("Chuyên viên chính", "A2.1"),
        ("Chuyên viên cao cấp", "A3.1"),
    ),
    "inspector": (
        ("Thanh tra viên", "A1"),
        ("Thanh tra viên chính", "A2.1"),
        ("Thanh tra viên cao cấp", "A3.1"),
    ),
    "accountant": (
        ("Kế toán viên trung cấp", "A0"),
        ("Kế toán viên", "A1"),
        ("Kế toán viên chính", "A2.1"),
    ),
    "archive": (
        ("Văn thư viên trung cấp", "A0"),
        ("Văn thư viên", "A1"),
        ("Văn thư viên chính", "A2.1"),
    ),
    "support": (("Nhân viên", "B"),),
    "professional": (
        ("Cán sự", "A0"),
        ("Chuyên viên", "A1"),
        ("Chuyên viên chính", "A2.1"),
    ),
    "engineer": (
        ("Kỹ sư hạng III", "A1"),
        ("Kỹ sư chính hạng II", "A2.1"),
        ("Kỹ sư cao cấp hạng I", "A3.1"),
    ),
    "library": (
        ("Thư viện viên hạng IV", "B"),
        ("Thư viện viên hạng III", "A1"),
        ("Thư viện viên hạng II", "A2.1"),
    ),
    "teacher_mn": (
        ("Giáo viên mầm non hạng III", "A0"),
        ("Giáo viên mầm non hạng II", "A1"),
        ("Giáo viên mầm non hạng I", "A2.2"),
    ),
    "teacher_th": _teacher("tiểu học"),
    "teacher_thcs": _teacher("trung học cơ sở"),
    "teacher_thpt": _teacher("trung học phổ thông"),
    "doctor": (
        ("Bác sĩ hạng III", "A1"),
        ("Bác sĩ chính hạng II", "A2.1"),
        ("Bác sĩ cao cấp hạng I", "A3.1"),
    ),
    "nurse": _health("Điều dưỡng", "Điều dưỡng"),
    "midwife": _health("Hộ sinh", "Hộ sinh"),
    "med_tech": _health("Kỹ thuật y", "Kỹ thuật y"),
    "pharmacist": _health("Dược", "Dược sĩ chính"),
}


@dataclass(frozen=True)
class PostDef:
    code: str
    name: str
    rank: int


POSTS: tuple[PostDef, ...] = (
    PostDef("CT_UBND_TINH", "Chủ tịch Ủy ban nhân dân tỉnh", 100),
    PostDef("PCT_UBND_TINH", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 95),
    PostDef("GD_SO", "Giám đốc Sở", 80),
    PostDef("PGD_SO", "Phó Giám đốc Sở", 75),
    PostDef("CVP_UBND_TINH", "Chánh Văn phòng Ủy ban nhân dân tỉnh", 80),
    PostDef("PCVP_UBND_TINH", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh", 75),
    PostDef("CTT_TINH", "Chánh Thanh tra tỉnh", 80),
    PostDef("PCTT_TINH", "Phó Chánh Thanh tra tỉnh", 75),
    PostDef("TRUONG_BAN", "Trưởng ban", 80),
    PostDef("PHO_TRUONG_BAN", "Phó Trưởng ban", 75),
    PostDef("CT_UBND_XA", "Chủ tịch Ủy ban nhân dân xã, phường", 60),
    PostDef("PCT_UBND_XA", "Phó Chủ tịch Ủy ban nhân dân xã, phường", 55),
    PostDef("GD_BV", "Giám đốc bệnh viện", 60),
    PostDef("PGD_BV", "Phó Giám đốc bệnh viện", 55),
    PostDef("GD_TT", "Giám đốc", 58),
    PostDef("PGD_TT", "Phó Giám đốc", 53),
    PostDef("HIEU_TRUONG", "Hiệu trưởng", 50),
    PostDef("PHO_HIEU_TRUONG", "Phó Hiệu trưởng", 45),
    PostDef("CHI_CUC_TRUONG", "Chi cục trưởng", 42),
    PostDef("PHO_CHI_CUC_TRUONG", "Phó Chi cục trưởng", 37),
    PostDef("TRUONG_PHONG", "Trưởng phòng", 40),
    PostDef("PHO_TRUONG_PHONG", "Phó Trưởng phòng", 35),
    PostDef("CHANH_VP", "Chánh Văn phòng", 40),
    PostDef("PHO_CHANH_VP", "Phó Chánh Văn phòng", 35),
    PostDef("TRUONG_KHOA", "Trưởng khoa", 40),
    PostDef("PHO_TRUONG_KHOA", "Phó Trưởng khoa", 35),
    PostDef(
        "GD_TTPVHCC_XA", "Giám đốc Trung tâm Phục vụ hành chính công xã, phường", 40
    ),
    PostDef("TRAM_TRUONG", "Trạm trưởng", 38),
    PostDef("PHO_TRAM_TRUONG", "Phó Trạm trưởng", 33),
)
POST_RANK = {post.code: post.rank for post in POSTS}


@dataclass(frozen=True)
class PositionDef:
    code: str
    name: str
    group: str  # JobPosition.Group value
    ladder: str
    skills: tuple[str, ...] = ()


LEADERSHIP_SKILLS = (
    "Tư duy chiến lược",
    "Quản lý và điều hành",
    "Ra quyết định",
    "Phát triển đội ngũ",
)
GENERAL_SKILLS = (
    "Soạn thảo văn bản hành chính",
    "Ứng dụng công nghệ thông tin",
    "Giao tiếp và phối hợp",
)


def _p(
    code: str, name: str, ladder: str, *skills: str, group: str = "professional"
) -> PositionDef:
    return PositionDef(code, name, group, ladder, skills)


def _lead(code: str, name: str, ladder: str) -> PositionDef:
    return PositionDef(code, name, "leadership", ladder)


POSITIONS: tuple[PositionDef, ...] = (
    _lead("LD_TINH", "Lãnh đạo Ủy ban nhân dân tỉnh", "civil"),
    _lead("LD_SO", "Lãnh đạo cấp sở, ban, ngành", "civil"),
    _lead("LD_PHONG", "Lãnh đạo cấp phòng", "civil"),
    _lead("LD_XA", "Lãnh đạo Ủy ban nhân dân xã, phường", "civil"),
    _lead("LD_DVSN", "Lãnh đạo đơn vị sự nghiệp công lập", "professional"),
    _lead("LD_TRUONG", "Lãnh đạo trường học", "teacher_thpt"),
    _lead("LD_KHOA", "Lãnh đạo khoa, phòng bệnh viện", "doctor"),
    _p("CV_TCBM", "Chuyên viên về tổ chức bộ máy, biên chế", "civil", "Tổ chức bộ máy hành chính", "Đề án vị trí việc làm"),
    _p("CV_CCVC", "Chuyên viên quản lý cán bộ, công chức, viên chức", "civil", "Quản lý hồ sơ cán bộ", "Đánh giá, xếp loại"),
    _p("CV_CCHC", "Chuyên viên về cải cách hành chính", "civil", "Thủ tục hành chính", "Đo lường sự hài lòng"),
    _p("CV_NS", "Chuyên viên quản lý ngân sách", "civil", "Lập và thẩm định dự toán", "Quyết toán ngân sách"),
    _p("CV_DT", "Chuyên viên quản lý đầu tư", "civil", "Thẩm định dự án đầu tư", "Quản lý đầu tư công"),
    _p("CV_GIA", "Chuyên viên quản lý giá, tài sản công", "civil", "Thẩm định giá", "Quản lý tài sản công"),
    _p("CV_XD", "Chuyên viên quản lý xây dựng, quy hoạch", "civil", "Quy hoạch xây dựng", "Cấp phép xây dựng"),
    _p("CV_GT", "Chuyên viên quản lý giao thông vận tải", "civil", "Quản lý kết cấu hạ tầng giao thông", "Quản lý vận tải"),
    _p("CV_GD", "Chuyên viên quản lý giáo dục", "civil", "Quản lý chương trình giáo dục", "Khảo thí, kiểm định chất lượng"),
    _p("CV_YT", "Chuyên viên quản lý y tế", "civil", "Quản lý khám chữa bệnh", "Y tế dự phòng"),
    _p("CV_NN", "Chuyên viên quản lý nông nghiệp", "civil", "Phát triển nông thôn", "Quản lý thủy lợi, lâm nghiệp"),
    _p("CV_TNMT", "Chuyên viên quản lý đất đai, môi trường", "civil", "Quản lý đất đai", "Đánh giá tác động môi trường"),
    _p("CV_CT", "Chuyên viên quản lý công nghiệp, thương mại", "civil", "Quản lý công nghiệp", "Quản lý thương mại"),
    _p("CV_KHCN", "Chuyên viên quản lý khoa học, công nghệ, chuyển đổi số", "civil", "Quản lý khoa học", "Chuyển đổi số"),
    _p("CV_VH", "Chuyên viên quản lý văn hóa, thể thao, du lịch", "civil", "Quản lý di sản", "Phát triển du lịch"),
    _p("CV_TP", "Chuyên viên về pháp chế, tư pháp", "civil", "Thẩm định văn bản pháp luật", "Hộ tịch, lý lịch tư pháp"),
    _p("CV_DTTG", "Chuyên viên về công tác dân tộc, tôn giáo", "civil", "Chính sách dân tộc", "Quản lý hoạt động tôn giáo"),
    _p("CV_TH", "Chuyên viên tổng hợp", "civil", "Tổng hợp, phân tích", "Tham mưu chỉ đạo, điều hành"),
    _p("CV_KCN", "Chuyên viên quản lý khu công nghiệp", "civil", "Quản lý doanh nghiệp", "Quản lý lao động khu công nghiệp"),
    _p("TTV", "Thanh tra viên", "inspector", "Nghiệp vụ thanh tra", "Giải quyết khiếu nại, tố cáo"),
    _p("CC_VP", "Công chức Văn phòng - Thống kê", "civil", "Tổng hợp, thống kê", "Quản lý văn bản"),
    _p("CC_DC", "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường", "civil", "Quản lý đất đai", "Quản lý trật tự xây dựng"),
    _p("CC_TP", "Công chức Tư pháp - Hộ tịch", "civil", "Hộ tịch", "Chứng thực"),
    _p("CC_TCKT", "Công chức Tài chính - Kế toán", "accountant", "Kế toán ngân sách xã", "Quản lý tài chính công"),
    _p("CC_VHXH", "Công chức Văn hóa - Xã hội", "civil", "Chính sách xã hội", "Văn hóa cơ sở"),
    _p("CC_MC", "Công chức tiếp nhận và trả kết quả", "civil", "Thủ tục hành chính", "Dịch vụ công trực tuyến"),
    _p("VT", "Văn thư", "archive", "Quản lý văn bản đến, đi", "Lưu trữ hồ sơ", group="shared"),
    _p("KT", "Kế toán", "accountant", "Kế toán hành chính sự nghiệp", "Lập báo cáo tài chính", group="shared"),
    _p("HCTH", "Hành chính - tổng hợp", "civil", "Quản trị công sở", "Tổng hợp, báo cáo", group="shared"),
    _p("CNTT", "Công nghệ thông tin", "civil", "Quản trị hệ thống", "An toàn thông tin", group="shared"),
    _p("LX", "Lái xe", "support", "Điều khiển phương tiện an toàn", group="support"),
    _p("BV", "Bảo vệ", "support", "Bảo vệ cơ quan", group="support"),
    _p("PV", "Phục vụ", "support", "Phục vụ hội nghị", group="support"),
    _p("GV_MN", "Giáo viên mầm non", "teacher_mn", "Chăm sóc, giáo dục trẻ", "Tổ chức hoạt động vui chơi"),
    _p("GV_TH", "Giáo viên tiểu học", "teacher_th", "Dạy học theo chương trình", "Đánh giá học sinh"),
    _p("GV_THCS", "Giáo viên trung học cơ sở", "teacher_thcs", "Dạy học bộ môn", "Giáo dục kỹ năng sống"),
    _p("GV_THPT", "Giáo viên trung học phổ thông", "teacher_thpt", "Dạy học bộ môn", "Hướng nghiệp"),
    _p("TVTB", "Thư viện, thiết bị trường học", "library", "Quản lý thư viện", "Quản lý thiết bị dạy học"),
    _p("BS", "Bác sĩ", "doctor", "Khám và điều trị", "Chẩn đoán"),
    _p("DD", "Điều dưỡng", "nurse", "Chăm sóc người bệnh", "Kỹ thuật điều dưỡng"),
    _p("HS", "Hộ sinh", "midwife", "Chăm sóc bà mẹ, trẻ sơ sinh", "Đỡ đẻ"),
    _p("KTY", "Kỹ thuật y", "med_tech", "Xét nghiệm", "Chẩn đoán hình ảnh"),
    _p("DS", "Dược", "pharmacist", "Cung ứng thuốc", "Dược lâm sàng"),
    _p("VC_CM", "Viên chức chuyên môn nghiệp vụ", "professional", "Nghiệp vụ chuyên ngành", "Cung ứng dịch vụ công"),
    _p("VC_KS", "Kỹ sư", "engineer", "Kỹ thuật chuyên ngành", "Kiểm định, đo lường"),
    _p("VC_VH", "Viên chức văn hóa, thư viện", "library", "Tổ chức sự kiện văn hóa", "Bảo quản tài liệu"),
)  # fmt: skip

POSITION_BY_CODE = {position.code: position for position in POSITIONS}


def competencies(position: PositionDef) -> str:
    """Return the competency framework text, one "name | level" per line."""
    if position.group == "leadership":
        lines = [f"{skill} | 4" for skill in LEADERSHIP_SKILLS]
        lines.append("Hiểu biết pháp luật và chính sách | 4")
    elif position.group == "support":
        lines = [f"{skill} | 3" for skill in position.skills]
        lines += ["Giao tiếp và phối hợp | 2", "Tuân thủ kỷ luật, nội quy | 3"]
    else:
        lines = [f"{skill} | 4" for skill in position.skills]
        lines += [f"{skill} | 3" for skill in GENERAL_SKILLS]
    return "\n".join(lines)


def coefficient(scale: str, step: int) -> Decimal:
    first, increment, _steps = SCALES[scale]
    return first + increment * (step - 1)


def max_step(scale: str) -> int:
    return SCALES[scale][2]
