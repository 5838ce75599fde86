"""Staffing profiles: who works in a unit of a given type.

A profile fixes the sector (for sex ratios and education), the category of the
staff, the job positions they hold and how many are on labour contracts.
"""

from __future__ import annotations

from dataclasses import dataclass

CADRE, CIVIL, PUBLIC, CONTRACT = "can_bo", "cong_chuc", "vien_chuc", "hop_dong"


@dataclass(frozen=True)
class Profile:
    sector: str  # admin, commune, education, health, service
    category: str  # Person.Category value of the professional staff
    female: float  # share of women among the professional staff
    positions: tuple[tuple[str, int], ...]  # (job position code, weight)
    lead_position: str  # job position of the head and deputies
    contract_share: float = 0.0
    contract_positions: tuple[str, ...] = ("LX", "BV", "PV")
    lead_category: str = ""  # defaults to `category`


_OFFICE = (("HCTH", 3), ("VT", 2), ("KT", 2), ("CNTT", 1))


def _school(position: str, female: float) -> Profile:
    return Profile(
        "education",
        PUBLIC,
        female,
        ((position, 92), ("TVTB", 3), ("KT", 2), ("VT", 2)),
        "LD_TRUONG",
        contract_share=0.05,
        contract_positions=("BV", "PV"),
    )


PROFILES: dict[str, Profile] = {
    "province": Profile("admin", CADRE, 0.3, (("CV_TH", 1),), "LD_TINH"),
    "department": Profile("admin", CIVIL, 0.3, (("CV_TH", 1),), "LD_SO"),
    "dept_office": Profile("admin", CIVIL, 0.55, _OFFICE, "LD_PHONG", contract_share=0.15),
    "school_mn": _school("GV_MN", 0.98),
    "school_th": _school("GV_TH", 0.75),
    "school_thcs": _school("GV_THCS", 0.65),
    "school_thpt": _school("GV_THPT", 0.55),
    "hospital": Profile("health", PUBLIC, 0.5, (("BS", 1),), "LD_DVSN"),
    "hospital_office": Profile(
        "health", PUBLIC, 0.6, (("VC_CM", 5), ("KT", 3), ("VT", 1), ("CNTT", 1)), "LD_KHOA", contract_share=0.15
    ),
    "hospital_ward": Profile(
        "health", PUBLIC, 0.62, (("BS", 30), ("DD", 48), ("KTY", 10), ("HS", 4), ("DS", 4)), "LD_KHOA",
        contract_share=0.03, contract_positions=("PV",),
    ),
    "health_station": Profile(
        "health", PUBLIC, 0.62, (("BS", 3), ("DD", 3), ("HS", 2), ("DS", 1)), "LD_DVSN"
    ),
    "centre": Profile(
        "service", PUBLIC, 0.5, (("VC_CM", 6), ("VC_KS", 2), ("KT", 1), ("VT", 1)), "LD_DVSN", contract_share=0.1
    ),
    "culture_centre": Profile(
        "service", PUBLIC, 0.55, (("VC_VH", 6), ("VC_CM", 2), ("KT", 1), ("VT", 1)), "LD_DVSN", contract_share=0.1
    ),
    "commune": Profile("commune", CADRE, 0.3, (("CC_VP", 1),), "LD_XA"),
    "commune_office": Profile(
        "commune", CIVIL, 0.5, (("CC_VP", 4), ("CC_TP", 2), ("CC_TCKT", 2), ("VT", 1)), "LD_PHONG",
        contract_share=0.1, contract_positions=("LX", "BV"),
    ),
    "commune_economy": Profile("commune", CIVIL, 0.35, (("CC_DC", 5), ("CV_XD", 1), ("CV_NN", 1)), "LD_PHONG"),
    "commune_social": Profile(
        "commune", CIVIL, 0.6, (("CC_VHXH", 4), ("CV_GD", 1), ("CV_YT", 1)), "LD_PHONG"
    ),
    "commune_psc": Profile("commune", CIVIL, 0.6, (("CC_MC", 1),), "LD_PHONG"),
}  # fmt: skip


def division_profile(positions: tuple[str, ...]) -> Profile:
    """A specialist division of a department: its positions plus a little office work."""
    weighted = (*((code, 8) for code in positions), ("HCTH", 1))
    return Profile("admin", CIVIL, 0.45, weighted, "LD_PHONG")


def profile_for(key: str) -> Profile:
    """Return the profile named `key`; "div:CV_NS,CV_DT" is a department's division."""
    if key.startswith("div:"):
        return division_profile(tuple(key[4:].split(",")))
    return PROFILES[key]
