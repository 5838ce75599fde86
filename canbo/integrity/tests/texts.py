"""Hand-made self-reviews: an original, its copy, honest colleagues, a template."""

from __future__ import annotations

ORIGINAL = (
    "Tôi là Nguyễn Văn An, chuyên viên Phòng Tổ chức. Trong tháng, tôi đã "
    "hoàn thành 12 hồ sơ thẩm định biên chế, tham mưu dự thảo quyết định điều "
    "động hai công chức, tổng hợp báo cáo chất lượng đội ngũ của sở đúng hạn. "
    "Tôi luôn chấp hành nghiêm kỷ luật, kỷ cương hành chính, giữ gìn đoàn kết "
    "nội bộ và tích cực học tập nâng cao trình độ chuyên môn."
)
# The same text: diacritics dropped, case and punctuation changed, the name swapped.
COPIED = (
    "toi la TRAN THI BICH chuyen vien phong to chuc; trong thang toi da "
    "hoan thanh 12 ho so tham dinh bien che - tham muu du thao quyet dinh dieu "
    "dong hai cong chuc, tong hop bao cao chat luong doi ngu cua so dung han!! "
    "Toi luon chap hanh nghiem ky luat ky cuong hanh chinh giu gin doan ket "
    "noi bo va tich cuc hoc tap nang cao trinh do chuyen mon"
)
HONEST = (
    "Trong tháng tôi được giao thẩm định hồ sơ biên chế của ba đơn vị sự nghiệp "
    "và đã trình lãnh đạo sở đúng thời hạn. Ngoài ra tôi phối hợp xây dựng kế "
    "hoạch tuyển dụng năm 2027, rà soát vị trí việc làm và cập nhật cơ sở dữ "
    "liệu cán bộ. Tôi chấp hành tốt nội quy cơ quan, còn hạn chế là đôi khi "
    "chậm cập nhật văn bản mới."
)
HONEST_2 = (
    "Tháng này tôi tập trung hoàn thiện đề án vị trí việc làm của khối sự "
    "nghiệp giáo dục, đã tổ chức hai cuộc họp lấy ý kiến các phòng chuyên môn và "
    "gửi dự thảo xin ý kiến Sở Tài chính. Tôi đi làm đúng giờ, phối hợp tốt với "
    "đồng nghiệp, cần cố gắng hơn trong việc viết báo cáo ngắn gọn."
)
TEMPLATE = (
    "Bản thân luôn chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách "
    "pháp luật của Nhà nước và quy định của cơ quan. Có phẩm chất chính trị, đạo "
    "đức, lối sống lành mạnh, tác phong làm việc chuẩn mực, tinh thần trách nhiệm "
    "cao, hoàn thành tốt nhiệm vụ được giao trong tháng."
)
SHORT = "Hoàn thành tốt nhiệm vụ được giao."
