"""Vietnamese names for the synthetic province: people, hamlets, sponsors and delegations.

The mix leans towards the ethnic groups of Thái Nguyên's northern uplands (Tày, Nùng, Dao,
Sán Chay, H'Mông) beside the Kinh majority, as the commune lists of Võ Nhai and Đồng Hỷ do.
"""

from __future__ import annotations

# (surname, weight): Nguyễn leads everywhere; Hoàng, Nông, Lường, Triệu, Lý, Ma, Đàm, Lục,
# Bàn are common among Tày, Nùng, Dao and Sán Chay families.
SURNAMES = [
    ("Nguyễn", 24), ("Hoàng", 9), ("Nông", 7), ("Lường", 4), ("Triệu", 5), ("Lý", 4),
    ("Ma", 4), ("Đàm", 3), ("Lục", 3), ("Dương", 4), ("Bàn", 3), ("Trần", 8), ("Lê", 6),
    ("Phạm", 4), ("Vũ", 3), ("Đỗ", 2), ("Bùi", 2), ("Đinh", 2), ("Hà", 3), ("Lâm", 2),
    ("Chu", 2), ("La", 2), ("Mông", 1), ("Hứa", 1), ("Vi", 1), ("Sầm", 1), ("Đặng", 2),
    ("Ngô", 2), ("Phùng", 1), ("Giàng", 1),
]  # fmt: skip

MIDDLE_MALE = [("Văn", 60), ("Đức", 10), ("Hữu", 8), ("Minh", 7), ("Quang", 6), ("Xuân", 5),
               ("Ngọc", 2), ("Thanh", 2)]  # fmt: skip
MIDDLE_FEMALE = [("Thị", 75), ("Thu", 6), ("Ngọc", 5), ("Hồng", 5), ("Thanh", 5), ("Kim", 4)]

GIVEN_MALE = [
    "Thắng", "Chiến", "Hùng", "Dũng", "Tuấn", "Cường", "Hải", "Sơn", "Long", "Quân", "Bình",
    "Tâm", "Thành", "Trung", "Hoà", "Khánh", "Lâm", "Phong", "Toàn", "Tiến", "Lợi", "Nam",
    "Quý", "Huy", "Đông", "Thuỷ", "Kiên", "Mạnh", "Việt", "Hưởng", "Pẩu", "Sình", "Chẩn",
    "Sáng", "Vượng", "Thịnh", "Phúc", "Lộc", "Điệp", "Hiệp",
]  # fmt: skip
GIVEN_FEMALE = [
    "Lan", "Hương", "Mai", "Hoa", "Huệ", "Nga", "Hằng", "Thuý", "Tuyết", "Hạnh", "Nhung",
    "Loan", "Liên", "Xuân", "Thu", "Dung", "Yến", "Vân", "Phượng", "Hiền", "Thảo", "Ngọc",
    "Chuyên", "Mùi", "Sinh", "Dìn", "Mẩy", "Nhất", "Khuyên", "Oanh",
]  # fmt: skip

ETHNICITIES = [("Kinh", 40), ("Tày", 25), ("Nùng", 14), ("Dao", 9), ("Sán Chay", 5),
               ("H'Mông", 4), ("Sán Dìu", 3)]  # fmt: skip

HAMLET_FIRST = [
    "Đồng", "Nà", "Khuổi", "Làng", "Tân", "Hợp", "Phú", "Bình", "Trung", "Thượng", "Hạ",
    "Cao", "Bản", "Na", "Mỏ", "Cây", "Suối", "Lũng", "Pác", "Vang", "Thái", "Xuân", "Hồng",
]  # fmt: skip
HAMLET_SECOND = [
    "Tiến", "Lầy", "Mạ", "Hoà", "Thành", "Sơn", "Lập", "Tâm", "Kết", "Chè", "Rịa", "Nưa",
    "Cọ", "Quán", "Bắc", "Nam", "Đông", "Tây", "Mới", "Cũ", "Vượng", "Hưng", "Phong", "Lương",
]  # fmt: skip
HAMLET_KINDS = [("thon", 55), ("xom", 25), ("ban", 12), ("lang", 3), ("to_dan_pho", 5)]

SPONSOR_STEMS = [
    ("company", "Công ty Cổ phần {}"), ("company", "Tổng công ty {}"),
    ("company", "Ngân hàng TMCP {}"), ("newspaper", "Báo {}"),
    ("mass_organisation", "Hội Chữ thập đỏ {}"), ("mass_organisation", "Đoàn Thanh niên {}"),
    ("individual", "Nhà hảo tâm {}"), ("state", "Sở {}"),
]  # fmt: skip
SPONSOR_WORDS = [
    "Thái Nguyên", "Sông Cầu", "Việt Bắc", "Tân Cương", "Hoàng Long", "Phương Nam", "An Phát",
    "Đại Việt", "Thành Công", "Bình Minh", "Hà Nội", "Miền Bắc", "Tam Đảo", "Núi Cốc",
    "Hưng Thịnh", "Phúc Lộc", "Nhân Dân", "Lao Động", "Tiền Phong", "Đông Á",
]  # fmt: skip

DELEGATIONS = [
    "Đoàn công tác UBND xã {}", "Đoàn Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
    "Hội Chữ thập đỏ tỉnh Thái Nguyên", "Đoàn thanh niên xã {}", "Hội Phụ nữ xã {}",
    "Báo Thái Nguyên", "Đoàn công tác Bộ Chỉ huy Quân sự tỉnh",
]  # fmt: skip
GOODS = ["Gạo 20 kg, mì tôm, nước uống", "Chăn, màn, quần áo", "Gạo 10 kg", "Thuốc, nước sạch",
         "Tôn lợp mái", ""]  # fmt: skip
NEEDS = ["rebuild", "repair", "relocation", "cash", "food", "water", "clothes"]
CANCEL_REASONS = ["Hộ chuyển đi nơi khác", "Trùng hồ sơ với chương trình khác",
                  "Hộ tự làm nhà, không cần hỗ trợ", "Không đủ điều kiện theo rà soát"]  # fmt: skip
PAUSE_REASONS = ["Mưa lũ kéo dài", "Chờ vật liệu", "Sạt lở đường vào bản"]
