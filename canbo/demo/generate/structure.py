"""The shape of a provincial government after the 2025 reform (two local tiers, no districts).

Departments follow Nghị định 45/2025/NĐ-CP (sở and equivalent bodies under the
provincial People's Committee); communes and wards follow the two-tier model in force
since 1/7/2025, each with an office, two or three divisions and a public service centre.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentDef:
    code: str
    name: str
    head_post: str
    deputy_post: str
    positions: tuple[str, ...]  # specialist job positions of its divisions
    divisions: tuple[str, ...]  # besides "Văn phòng", in order of importance
    centres: tuple[tuple[str, int], ...] = ()  # service units: (name, nominal staff)
    sector: str = ""  # "education" / "health": owns schools / hospitals


def _dept(
    code: str,
    name: str,
    positions: tuple[str, ...],
    divisions: tuple[str, ...],
    *,
    centres: tuple[tuple[str, int], ...] = (),
    sector: str = "",
) -> DepartmentDef:
    """A department (sở) headed by a Giám đốc with Phó Giám đốc deputies."""
    return DepartmentDef(
        code, name, "GD_SO", "PGD_SO", positions, divisions, centres, sector
    )


DEPARTMENTS: tuple[DepartmentDef, ...] = (
    _dept(
        "SNV", "Sở Nội vụ", ("CV_TCBM", "CV_CCVC", "CV_CCHC"),
        ("Phòng Công chức, viên chức", "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ",
         "Phòng Cải cách hành chính", "Phòng Xây dựng chính quyền và Công tác thanh niên",
         "Phòng Lao động, Tiền lương và Bảo hiểm xã hội", "Phòng Người có công", "Chi cục Văn thư - Lưu trữ"),
        centres=(("Trung tâm Dịch vụ việc làm", 60), ("Trung tâm Lưu trữ lịch sử", 30), ("Trung tâm Bảo trợ xã hội", 50)),
    ),
    _dept(
        "SGDDT", "Sở Giáo dục và Đào tạo", ("CV_GD",),
        ("Phòng Giáo dục Mầm non và Tiểu học", "Phòng Giáo dục Trung học",
         "Phòng Quản lý chất lượng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính"),
        sector="education",
    ),
    _dept(
        "SYT", "Sở Y tế", ("CV_YT",),
        ("Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Kế hoạch - Tài chính",
         "Phòng Tổ chức cán bộ", "Chi cục Dân số", "Chi cục An toàn vệ sinh thực phẩm"),
        sector="health",
    ),
    DepartmentDef(
        "VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "CVP_UBND_TINH", "PCVP_UBND_TINH", ("CV_TH",),
        ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Nội chính", "Phòng Hành chính - Tổ chức",
         "Phòng Quản trị - Tài vụ"),
        centres=(("Trung tâm Phục vụ hành chính công tỉnh", 60), ("Trung tâm Thông tin - Công báo", 25)),
    ),
    _dept(
        "STC", "Sở Tài chính", ("CV_NS", "CV_DT", "CV_GIA"),
        ("Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và Công sản",
         "Phòng Đăng ký kinh doanh", "Phòng Tổng hợp, Quy hoạch"),
        centres=(("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", 35),),
    ),
    _dept(
        "SXD", "Sở Xây dựng", ("CV_XD", "CV_GT"),
        ("Phòng Quy hoạch - Kiến trúc", "Phòng Quản lý xây dựng", "Phòng Quản lý giao thông",
         "Phòng Phát triển đô thị", "Phòng Quản lý nhà và Thị trường bất động sản"),
        centres=(("Ban Quản lý dự án đầu tư xây dựng", 120), ("Trung tâm Kiểm định chất lượng xây dựng", 40),
                 ("Trung tâm Đăng kiểm phương tiện", 35)),
    ),
    _dept(
        "SNNMT", "Sở Nông nghiệp và Môi trường", ("CV_NN", "CV_TNMT"),
        ("Phòng Quản lý đất đai", "Phòng Môi trường", "Phòng Kế hoạch - Tài chính", "Chi cục Kiểm lâm",
         "Chi cục Thủy lợi", "Chi cục Chăn nuôi và Thú y", "Chi cục Trồng trọt và Bảo vệ thực vật"),
        centres=(("Văn phòng Đăng ký đất đai", 250), ("Trung tâm Khuyến nông", 60), ("Ban Quản lý rừng phòng hộ", 80),
                 ("Trung tâm Quan trắc tài nguyên và môi trường", 40)),
    ),
    _dept(
        "SCT", "Sở Công Thương", ("CV_CT",),
        ("Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng",
         "Chi cục Quản lý thị trường"),
        centres=(("Trung tâm Khuyến công và Xúc tiến thương mại", 30),),
    ),
    _dept(
        "SKHCN", "Sở Khoa học và Công nghệ", ("CV_KHCN",),
        ("Phòng Quản lý khoa học", "Phòng Chuyển đổi số", "Phòng Bưu chính, Viễn thông",
         "Phòng Tiêu chuẩn Đo lường Chất lượng"),
        centres=(("Trung tâm Chuyển đổi số", 40), ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", 35)),
    ),
    _dept(
        "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", ("CV_VH",),
        ("Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý du lịch",
         "Phòng Báo chí, Xuất bản"),
        centres=(("Trung tâm Văn hóa, Điện ảnh tỉnh", 45), ("Thư viện tỉnh", 30), ("Bảo tàng tỉnh", 35),
                 ("Trung tâm Huấn luyện và Thi đấu thể thao", 60)),
    ),
    _dept(
        "STP", "Sở Tư pháp", ("CV_TP",),
        ("Phòng Xây dựng, kiểm tra văn bản", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"),
        centres=(("Trung tâm Trợ giúp pháp lý nhà nước", 30),),
    ),
    DepartmentDef(
        "TTT", "Thanh tra tỉnh", "CTT_TINH", "PCTT_TINH", ("TTV",),
        ("Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Tiếp công dân và Xử lý đơn",
         "Phòng Phòng, chống tham nhũng"),
    ),
    _dept(
        "SDTTG", "Sở Dân tộc và Tôn giáo", ("CV_DTTG",),
        ("Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo", "Phòng Tuyên truyền và Địa bàn"),
    ),
    DepartmentDef(
        "BQLKCN", "Ban Quản lý các khu công nghiệp", "TRUONG_BAN", "PHO_TRUONG_BAN", ("CV_KCN",),
        ("Phòng Quản lý đầu tư", "Phòng Quản lý doanh nghiệp", "Phòng Quản lý quy hoạch và xây dựng"),
        centres=(("Trung tâm Dịch vụ khu công nghiệp", 25),),
    ),
)  # fmt: skip

# Hospitals and health centres of the health department, in the order they are
# created: (name, nominal staff). "{place}" takes a place name of the province.
HOSPITALS: tuple[tuple[str, int], ...] = (
    ("Bệnh viện Đa khoa tỉnh", 900),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", 150),
    ("Bệnh viện Sản - Nhi", 400),
    ("Bệnh viện Y học cổ truyền", 200),
    ("Bệnh viện Phổi", 150),
    ("Bệnh viện Tâm thần", 120),
    ("Bệnh viện Phục hồi chức năng", 100),
)
REGIONAL_HEALTH = (
    ("Trung tâm Y tế khu vực {place}", 260),
    ("Bệnh viện Đa khoa khu vực {place}", 350),
)

HOSPITAL_OFFICES = (
    "Phòng Kế hoạch tổng hợp",
    "Phòng Tổ chức cán bộ",
    "Phòng Tài chính kế toán",
    "Phòng Điều dưỡng",
)
HOSPITAL_WARDS = (
    "Khoa Khám bệnh", "Khoa Hồi sức tích cực - Chống độc", "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp",
    "Khoa Sản", "Khoa Nhi", "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Khoa Dược", "Khoa Truyền nhiễm",
    "Khoa Tim mạch", "Khoa Y học cổ truyền", "Khoa Phục hồi chức năng", "Khoa Gây mê hồi sức",
    "Khoa Mắt", "Khoa Tai Mũi Họng", "Khoa Răng Hàm Mặt", "Khoa Kiểm soát nhiễm khuẩn",
    "Khoa Dinh dưỡng", "Khoa Thần kinh", "Khoa Thận - Tiết niệu", "Khoa Ung bướu", "Khoa Chấn thương chỉnh hình",
    "Khoa Cấp cứu", "Khoa Nội tiết", "Khoa Tiêu hóa", "Khoa Lão khoa", "Khoa Da liễu",
)  # fmt: skip
CENTRE_DIVISIONS = (
    "Phòng Hành chính - Tổng hợp",
    "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2",
    "Phòng Nghiệp vụ 3",
)

# The provincial schools come first; then one upper-secondary school per place.
PROVINCIAL_SCHOOLS = (
    "Trường Trung học phổ thông Chuyên",
    "Trường Phổ thông Dân tộc nội trú tỉnh",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên tỉnh",
)

# Divisions of a commune or ward: (name for a commune, name for a ward, profile).
COMMUNE_DIVISIONS = (
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "commune_office",
    ),
    ("Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị", "commune_economy"),
    ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội", "commune_social"),
    (
        "Trung tâm Phục vụ hành chính công",
        "Trung tâm Phục vụ hành chính công",
        "commune_psc",
    ),
)
# Commune schools: (name prefix, profile, share of the commune's school staff, nominal size).
COMMUNE_SCHOOLS = (
    ("Trường Mầm non", "school_mn", 0.30, 35),
    ("Trường Tiểu học", "school_th", 0.38, 45),
    ("Trường Trung học cơ sở", "school_thcs", 0.32, 50),
)
