-- The migrated SQLite test database of schema 90dfff7b5980f0c7
BEGIN TRANSACTION;
CREATE TABLE "aid_given" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "visit_id" INT NOT NULL REFERENCES "aid_visit" ("id") ON DELETE CASCADE, "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE RESTRICT, "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT, "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT, "cash" BIGINT NOT NULL, "goods" VARCHAR(255) NOT NULL, "goods_value" BIGINT NOT NULL, "received_on" DATE, "version" INT NOT NULL DEFAULT 1, "quantity" VARCHAR(40), "stock_id" INT REFERENCES "goods_stock" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_aid_given_not_negative" CHECK (cash >= 0 AND goods_value >= 0));
CREATE TABLE "aid_visit" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "visited_on" DATE NOT NULL,
    "delegation" VARCHAR(255) NOT NULL,
    "leader" VARCHAR(150) NOT NULL,
    "notes" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "disaster_id" INT REFERENCES "disaster" ("id") ON DELETE RESTRICT
);
CREATE TABLE "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE TABLE "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "username" VARCHAR(150) NOT NULL,
    "ip" VARCHAR(64),
    "action" VARCHAR(40) NOT NULL,
    "entity" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(40),
    "before" JSON,
    "after" JSON,
    "reason" TEXT,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "user_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
, "province_id" INT REFERENCES "province" ("id") ON DELETE RESTRICT);
CREATE TABLE "beneficiary_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "proposed_amount" BIGINT NOT NULL,
    "review_outcome" VARCHAR(12) NOT NULL  /* PENDING: pending\nAGREED: agreed\nNOT_AGREED: not_agreed */,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL REFERENCES "beneficiary_list" ("id") ON DELETE CASCADE,
    "damage_id" INT REFERENCES "damage_assessment" ("id") ON DELETE SET NULL,
    "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT,
    "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_beneficiary_benefic_9a7732" UNIQUE ("beneficiary_list_id", "household_id")
);
CREATE TABLE "beneficiary_list" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "programme" VARCHAR(24) NOT NULL  /* GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic */,
    "year" SMALLINT NOT NULL,
    "round" SMALLINT NOT NULL,
    "disaster_id" INT,
    "state" VARCHAR(12) NOT NULL  /* DRAFT: draft\nIN_REVIEW: in_review\nPOSTED: posted\nSUBMITTED: submitted\nDECIDED: decided */,
    "note" TEXT NOT NULL,
    "submitted_on" DATE,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_beneficiary_commune_4ef00e" UNIQUE ("commune_id", "programme", "year", "round")
);
CREATE TABLE "beneficiary_revision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "household_id" INT NOT NULL,
    "action" VARCHAR(10) NOT NULL  /* ADDED: added\nCHANGED: changed\nREMOVED: removed */,
    "before" JSON,
    "after" JSON,
    "reason" TEXT NOT NULL,
    "complaint_id" INT,
    "username" VARCHAR(150) NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "beneficiary_list_id" INT NOT NULL REFERENCES "beneficiary_list" ("id") ON DELETE CASCADE
);
CREATE TABLE "campaign_week" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "week_start" DATE NOT NULL,
    "figures" JSON NOT NULL,
    "change" JSON NOT NULL,
    "state" VARCHAR(10) NOT NULL,
    "submitted_at" TIMESTAMP NOT NULL,
    "submitted_by" VARCHAR(150) NOT NULL,
    "answered_at" TIMESTAMP,
    "answered_by" VARCHAR(150) NOT NULL,
    "return_comment" TEXT NOT NULL,
    "version" INT NOT NULL DEFAULT 1,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_campaign_we_commune_e8df51" UNIQUE ("commune_id", "week_start")
);
CREATE TABLE "commune" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "province_id" INT NOT NULL REFERENCES "province" ("id") ON DELETE RESTRICT, "code" VARCHAR(5) NOT NULL UNIQUE, "kind" VARCHAR(10) NOT NULL, "name" VARCHAR(100) NOT NULL, "name_key" VARCHAR(100) NOT NULL, "former_district" VARCHAR(100), "is_focus" INT NOT NULL);
INSERT INTO "commune" VALUES(1,1,'01840','phuong','Đức Xuân','duc xuan',NULL,0);
INSERT INTO "commune" VALUES(2,1,'01843','phuong','Bắc Kạn','bac kan',NULL,0);
INSERT INTO "commune" VALUES(3,1,'01849','xa','Phong Quang','phong quang',NULL,0);
INSERT INTO "commune" VALUES(4,1,'01864','xa','Bằng Thành','bang thanh',NULL,0);
INSERT INTO "commune" VALUES(5,1,'01879','xa','Cao Minh','cao minh',NULL,0);
INSERT INTO "commune" VALUES(6,1,'01882','xa','Nghiên Loan','nghien loan',NULL,0);
INSERT INTO "commune" VALUES(7,1,'01894','xa','Phúc Lộc','phuc loc',NULL,0);
INSERT INTO "commune" VALUES(8,1,'01906','xa','Ba Bể','ba be',NULL,0);
INSERT INTO "commune" VALUES(9,1,'01912','xa','Chợ Rã','cho ra',NULL,0);
INSERT INTO "commune" VALUES(10,1,'01921','xa','Thượng Minh','thuong minh',NULL,0);
INSERT INTO "commune" VALUES(11,1,'01933','xa','Đồng Phúc','dong phuc',NULL,0);
INSERT INTO "commune" VALUES(12,1,'01936','xa','Nà Phặc','na phac',NULL,0);
INSERT INTO "commune" VALUES(13,1,'01942','xa','Bằng Vân','bang van',NULL,0);
INSERT INTO "commune" VALUES(14,1,'01954','xa','Ngân Sơn','ngan son',NULL,0);
INSERT INTO "commune" VALUES(15,1,'01957','xa','Thượng Quan','thuong quan',NULL,0);
INSERT INTO "commune" VALUES(16,1,'01960','xa','Hiệp Lực','hiep luc',NULL,0);
INSERT INTO "commune" VALUES(17,1,'01969','xa','Phủ Thông','phu thong',NULL,0);
INSERT INTO "commune" VALUES(18,1,'01981','xa','Vĩnh Thông','vinh thong',NULL,0);
INSERT INTO "commune" VALUES(19,1,'02008','xa','Cẩm Giàng','cam giang',NULL,0);
INSERT INTO "commune" VALUES(20,1,'02014','xa','Bạch Thông','bach thong',NULL,0);
INSERT INTO "commune" VALUES(21,1,'02020','xa','Chợ Đồn','cho don',NULL,0);
INSERT INTO "commune" VALUES(22,1,'02026','xa','Nam Cường','nam cuong',NULL,0);
INSERT INTO "commune" VALUES(23,1,'02038','xa','Quảng Bạch','quang bach',NULL,0);
INSERT INTO "commune" VALUES(24,1,'02044','xa','Yên Thịnh','yen thinh',NULL,0);
INSERT INTO "commune" VALUES(25,1,'02071','xa','Nghĩa Tá','nghia ta',NULL,0);
INSERT INTO "commune" VALUES(26,1,'02083','xa','Yên Phong','yen phong',NULL,0);
INSERT INTO "commune" VALUES(27,1,'02086','xa','Chợ Mới','cho moi',NULL,0);
INSERT INTO "commune" VALUES(28,1,'02101','xa','Thanh Mai','thanh mai',NULL,0);
INSERT INTO "commune" VALUES(29,1,'02104','xa','Tân Kỳ','tan ky',NULL,0);
INSERT INTO "commune" VALUES(30,1,'02107','xa','Thanh Thịnh','thanh thinh',NULL,0);
INSERT INTO "commune" VALUES(31,1,'02116','xa','Yên Bình','yen binh',NULL,0);
INSERT INTO "commune" VALUES(32,1,'02143','xa','Văn Lang','van lang',NULL,0);
INSERT INTO "commune" VALUES(33,1,'02152','xa','Cường Lợi','cuong loi',NULL,0);
INSERT INTO "commune" VALUES(34,1,'02155','xa','Na Rì','na ri',NULL,0);
INSERT INTO "commune" VALUES(35,1,'02176','xa','Trần Phú','tran phu',NULL,0);
INSERT INTO "commune" VALUES(36,1,'02185','xa','Côn Minh','con minh',NULL,0);
INSERT INTO "commune" VALUES(37,1,'02191','xa','Xuân Dương','xuan duong',NULL,0);
INSERT INTO "commune" VALUES(38,1,'05443','phuong','Phan Đình Phùng','phan dinh phung',NULL,0);
INSERT INTO "commune" VALUES(39,1,'05455','phuong','Quyết Thắng','quyet thang',NULL,0);
INSERT INTO "commune" VALUES(40,1,'05467','phuong','Gia Sàng','gia sang',NULL,0);
INSERT INTO "commune" VALUES(41,1,'05482','phuong','Quan Triều','quan trieu',NULL,0);
INSERT INTO "commune" VALUES(42,1,'05488','xa','Đại Phúc','dai phuc',NULL,0);
INSERT INTO "commune" VALUES(43,1,'05500','phuong','Tích Lương','tich luong',NULL,0);
INSERT INTO "commune" VALUES(44,1,'05503','xa','Tân Cương','tan cuong',NULL,0);
INSERT INTO "commune" VALUES(45,1,'05518','phuong','Sông Công','song cong',NULL,0);
INSERT INTO "commune" VALUES(46,1,'05528','phuong','Bách Quang','bach quang',NULL,0);
INSERT INTO "commune" VALUES(47,1,'05533','phuong','Bá Xuyên','ba xuyen',NULL,0);
INSERT INTO "commune" VALUES(48,1,'05542','xa','Lam Vỹ','lam vy',NULL,0);
INSERT INTO "commune" VALUES(49,1,'05551','xa','Kim Phượng','kim phuong',NULL,0);
INSERT INTO "commune" VALUES(50,1,'05563','xa','Phượng Tiến','phuong tien',NULL,0);
INSERT INTO "commune" VALUES(51,1,'05569','xa','Định Hóa','dinh hoa',NULL,0);
INSERT INTO "commune" VALUES(52,1,'05581','xa','Trung Hội','trung hoi',NULL,0);
INSERT INTO "commune" VALUES(53,1,'05587','xa','Bình Yên','binh yen',NULL,0);
INSERT INTO "commune" VALUES(54,1,'05602','xa','Phú Đình','phu dinh',NULL,0);
INSERT INTO "commune" VALUES(55,1,'05605','xa','Bình Thành','binh thanh',NULL,0);
INSERT INTO "commune" VALUES(56,1,'05611','xa','Phú Lương','phu luong',NULL,0);
INSERT INTO "commune" VALUES(57,1,'05620','xa','Yên Trạch','yen trach',NULL,0);
INSERT INTO "commune" VALUES(58,1,'05632','xa','Hợp Thành','hop thanh',NULL,0);
INSERT INTO "commune" VALUES(59,1,'05641','xa','Vô Tranh','vo tranh',NULL,0);
INSERT INTO "commune" VALUES(60,1,'05662','xa','Trại Cau','trai cau','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(61,1,'05665','xa','Văn Lăng','van lang','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(62,1,'05674','xa','Quang Sơn','quang son','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(63,1,'05680','xa','Văn Hán','van han','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(64,1,'05692','xa','Đồng Hỷ','dong hy','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(65,1,'05707','xa','Nam Hòa','nam hoa','Huyện Đồng Hỷ',1);
INSERT INTO "commune" VALUES(66,1,'05710','phuong','Linh Sơn','linh son',NULL,0);
INSERT INTO "commune" VALUES(67,1,'05716','xa','Võ Nhai','vo nhai','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(68,1,'05719','xa','Sảng Mộc','sang moc','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(69,1,'05722','xa','Nghinh Tường','nghinh tuong','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(70,1,'05725','xa','Thần Sa','than sa','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(71,1,'05740','xa','La Hiên','la hien','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(72,1,'05746','xa','Tràng Xá','trang xa','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(73,1,'05755','xa','Dân Tiến','dan tien','Huyện Võ Nhai',1);
INSERT INTO "commune" VALUES(74,1,'05773','xa','Phú Xuyên','phu xuyen',NULL,0);
INSERT INTO "commune" VALUES(75,1,'05776','xa','Đức Lương','duc luong',NULL,0);
INSERT INTO "commune" VALUES(76,1,'05788','xa','Phú Lạc','phu lac',NULL,0);
INSERT INTO "commune" VALUES(77,1,'05800','xa','Phú Thịnh','phu thinh',NULL,0);
INSERT INTO "commune" VALUES(78,1,'05809','xa','An Khánh','an khanh',NULL,0);
INSERT INTO "commune" VALUES(79,1,'05818','xa','La Bằng','la bang',NULL,0);
INSERT INTO "commune" VALUES(80,1,'05830','xa','Đại Từ','dai tu',NULL,0);
INSERT INTO "commune" VALUES(81,1,'05845','xa','Vạn Phú','van phu',NULL,0);
INSERT INTO "commune" VALUES(82,1,'05851','xa','Quân Chu','quan chu',NULL,0);
INSERT INTO "commune" VALUES(83,1,'05857','phuong','Phúc Thuận','phuc thuan',NULL,0);
INSERT INTO "commune" VALUES(84,1,'05860','phuong','Phổ Yên','pho yen',NULL,0);
INSERT INTO "commune" VALUES(85,1,'05881','xa','Thành Công','thanh cong',NULL,0);
INSERT INTO "commune" VALUES(86,1,'05890','phuong','Vạn Xuân','van xuan',NULL,0);
INSERT INTO "commune" VALUES(87,1,'05899','phuong','Trung Thành','trung thanh',NULL,0);
INSERT INTO "commune" VALUES(88,1,'05908','xa','Phú Bình','phu binh',NULL,0);
INSERT INTO "commune" VALUES(89,1,'05917','xa','Tân Khánh','tan khanh',NULL,0);
INSERT INTO "commune" VALUES(90,1,'05923','xa','Tân Thành','tan thanh',NULL,0);
INSERT INTO "commune" VALUES(91,1,'05941','xa','Điềm Thụy','diem thuy',NULL,0);
INSERT INTO "commune" VALUES(92,1,'05953','xa','Kha Sơn','kha son',NULL,0);
CREATE TABLE "complaint_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "ip" VARCHAR(64),
    "at" TIMESTAMP NOT NULL
);
CREATE TABLE "contribution" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "house_case_id" INT NOT NULL REFERENCES "house_case" ("id") ON DELETE RESTRICT, "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT, "source" VARCHAR(20) NOT NULL, "sponsor_id" INT REFERENCES "sponsor" ("id") ON DELETE RESTRICT, "amount_pledged" BIGINT NOT NULL, "amount_disbursed" BIGINT NOT NULL, "tranche" VARCHAR(8) NOT NULL, "labour_days" INT NOT NULL, "note" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "version" INT NOT NULL, CONSTRAINT "ck_contribution_disbursed_within_pledged" CHECK (amount_disbursed >= 0 AND amount_disbursed <= amount_pledged));
CREATE TABLE "damage_assessment" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE RESTRICT, "disaster_id" INT NOT NULL REFERENCES "disaster" ("id") ON DELETE RESTRICT, "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT, "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT, "relocated" INT NOT NULL, "relocated_on" DATE, "estimated_loss" BIGINT NOT NULL, "needs" JSON NOT NULL, "assessed_on" DATE NOT NULL, "assessed_by" VARCHAR(120) NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "version" INT NOT NULL, "band" VARCHAR(12) NOT NULL DEFAULT 'to_confirm', "collapsed" INT NOT NULL DEFAULT 0, "dead" SMALLINT NOT NULL DEFAULT 0, "flood_depth_cm" SMALLINT, "flooded" INT NOT NULL DEFAULT 0, "house_class" VARCHAR(12), "injured" SMALLINT NOT NULL DEFAULT 0, "landslide_relocation" INT NOT NULL DEFAULT 0, "missing" SMALLINT NOT NULL DEFAULT 0, "roof_blown_off" INT NOT NULL DEFAULT 0, CONSTRAINT "ck_damage_loss_not_negative" CHECK (estimated_loss >= 0), CONSTRAINT "ck_damage_people_not_negative" CHECK (dead >= 0 AND missing >= 0 AND injured >= 0), CONSTRAINT "ck_damage_collapsed_is_total" CHECK (collapsed = FALSE OR band = 'total'));
CREATE TABLE "disaster" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(150) NOT NULL,
    "kind" VARCHAR(12) NOT NULL  /* TYPHOON: typhoon\nFLOOD: flood\nFLASH_FLOOD: flash_flood\nLANDSLIDE: landslide\nDROUGHT: drought\nOTHER: other */,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
, "version" INT NOT NULL DEFAULT 1);
CREATE TABLE "disaster_report" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "as_of" TIMESTAMP NOT NULL,
    "number" INT NOT NULL,
    "households" JSON NOT NULL,
    "figures" JSON NOT NULL,
    "note" TEXT NOT NULL,
    "created_by" VARCHAR(150) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "disaster_id" INT NOT NULL REFERENCES "disaster" ("id") ON DELETE RESTRICT, "received_at" TIMESTAMP, "received_by" VARCHAR(150) NOT NULL, "return_comment" TEXT NOT NULL, "returned_at" TIMESTAMP, "returned_by" VARCHAR(150) NOT NULL, "sent_at" TIMESTAMP, "sent_by" VARCHAR(150) NOT NULL, "version" INT NOT NULL DEFAULT 1, "texts" JSON NOT NULL,
    CONSTRAINT "uid_disaster_re_commune_302b8a" UNIQUE ("commune_id", "disaster_id", "number")
);
CREATE TABLE "eligibility_override" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "programme" VARCHAR(24) NOT NULL  /* GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic */,
    "reason" TEXT NOT NULL,
    "requested_at" TIMESTAMP NOT NULL,
    "approved_at" TIMESTAMP,
    "version" INT NOT NULL,
    "approved_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "house_case_id" INT REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE RESTRICT,
    "requested_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
);
CREATE TABLE "former_unit" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(5) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_key" VARCHAR(100) NOT NULL,
    "merge" VARCHAR(10) NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_former_unit_commune_ee3b06" UNIQUE ("commune_id", "code")
);
INSERT INTO "former_unit" VALUES(1,'01834','Phường Nguyễn Thị Minh Khai','phuong nguyen thi minh khai','full',1);
INSERT INTO "former_unit" VALUES(2,'01840','Phường Đức Xuân','phuong duc xuan','full',1);
INSERT INTO "former_unit" VALUES(3,'01846','Phường Huyền Tụng','phuong huyen tung','full',1);
INSERT INTO "former_unit" VALUES(4,'01837','Phường Sông Cầu','phuong song cau','full',2);
INSERT INTO "former_unit" VALUES(5,'01843','Phường Phùng Chí Kiên','phuong phung chi kien','full',2);
INSERT INTO "former_unit" VALUES(6,'01852','Xã Nông Thượng','xa nong thuong','full',2);
INSERT INTO "former_unit" VALUES(7,'01855','Phường Xuất Hóa','phuong xuat hoa','full',2);
INSERT INTO "former_unit" VALUES(8,'01849','Xã Dương Quang','xa duong quang','full',3);
INSERT INTO "former_unit" VALUES(9,'01984','Xã Đôn Phong','xa don phong','full',3);
INSERT INTO "former_unit" VALUES(10,'01858','Xã Bằng Thành','xa bang thanh','full',4);
INSERT INTO "former_unit" VALUES(11,'01861','Xã Nhạn Môn','xa nhan mon','full',4);
INSERT INTO "former_unit" VALUES(12,'01864','Xã Bộc Bố','xa boc bo','full',4);
INSERT INTO "former_unit" VALUES(13,'01870','Xã Giáo Hiệu','xa giao hieu','full',4);
INSERT INTO "former_unit" VALUES(14,'01867','Xã Công Bằng','xa cong bang','full',5);
INSERT INTO "former_unit" VALUES(15,'01879','Xã Cổ Linh','xa co linh','full',5);
INSERT INTO "former_unit" VALUES(16,'01885','Xã Cao Tân','xa cao tan','full',5);
INSERT INTO "former_unit" VALUES(17,'01873','Xã Xuân La','xa xuan la','full',6);
INSERT INTO "former_unit" VALUES(18,'01876','Xã An Thắng','xa an thang','full',6);
INSERT INTO "former_unit" VALUES(19,'01882','Xã Nghiên Loan','xa nghien loan','full',6);
INSERT INTO "former_unit" VALUES(20,'01891','Xã Bành Trạch','xa banh trach','full',7);
INSERT INTO "former_unit" VALUES(21,'01894','Xã Phúc Lộc','xa phuc loc','full',7);
INSERT INTO "former_unit" VALUES(22,'01897','Xã Hà Hiệu','xa ha hieu','full',7);
INSERT INTO "former_unit" VALUES(23,'01900','Xã Cao Thượng','xa cao thuong','full',8);
INSERT INTO "former_unit" VALUES(24,'01906','Xã Khang Ninh','xa khang ninh','full',8);
INSERT INTO "former_unit" VALUES(25,'01909','Xã Nam Mẫu','xa nam mau','full',8);
INSERT INTO "former_unit" VALUES(26,'01888','Thị trấn Chợ Rã','thi tran cho ra','full',9);
INSERT INTO "former_unit" VALUES(27,'01912','Xã Thượng Giáo','xa thuong giao','full',9);
INSERT INTO "former_unit" VALUES(28,'01915','Xã Địa Linh','xa dia linh','full',9);
INSERT INTO "former_unit" VALUES(29,'01918','Xã Yến Dương','xa yen duong','full',10);
INSERT INTO "former_unit" VALUES(30,'01921','Xã Chu Hương','xa chu huong','full',10);
INSERT INTO "former_unit" VALUES(31,'01927','Xã Mỹ Phương','xa my phuong','full',10);
INSERT INTO "former_unit" VALUES(32,'01924','Xã Quảng Khê','xa quang khe','full',11);
INSERT INTO "former_unit" VALUES(33,'01930','Xã Hoàng Trĩ','xa hoang tri','full',11);
INSERT INTO "former_unit" VALUES(34,'01933','Xã Đồng Phúc','xa dong phuc','full',11);
INSERT INTO "former_unit" VALUES(35,'02041','Xã Bằng Phúc','xa bang phuc','full',11);
INSERT INTO "former_unit" VALUES(36,'01936','Thị trấn Nà Phặc','thi tran na phac','full',12);
INSERT INTO "former_unit" VALUES(37,'01948','Xã Trung Hòa','xa trung hoa','full',12);
INSERT INTO "former_unit" VALUES(38,'01939','Xã Thượng Ân','xa thuong an','full',13);
INSERT INTO "former_unit" VALUES(39,'01942','Xã Bằng Vân','xa bang van','full',13);
INSERT INTO "former_unit" VALUES(40,'01945','Xã Cốc Đán','xa coc dan','full',14);
INSERT INTO "former_unit" VALUES(41,'01951','Xã Đức Vân','xa duc van','full',14);
INSERT INTO "former_unit" VALUES(42,'01954','Thị trấn Vân Tùng','thi tran van tung','full',14);
INSERT INTO "former_unit" VALUES(43,'01957','Xã Thượng Quan','xa thuong quan','full',15);
INSERT INTO "former_unit" VALUES(44,'01960','Xã Hiệp Lực','xa hiep luc','full',16);
INSERT INTO "former_unit" VALUES(45,'01963','Xã Thuần Mang','xa thuan mang','full',16);
INSERT INTO "former_unit" VALUES(46,'01969','Thị trấn Phủ Thông','thi tran phu thong','full',17);
INSERT INTO "former_unit" VALUES(47,'01975','Xã Vi Hương','xa vi huong','full',17);
INSERT INTO "former_unit" VALUES(48,'01990','Xã Lục Bình','xa luc binh','full',17);
INSERT INTO "former_unit" VALUES(49,'01993','Xã Tân Tú','xa tan tu','full',17);
INSERT INTO "former_unit" VALUES(50,'01978','Xã Sĩ Bình','xa si binh','full',18);
INSERT INTO "former_unit" VALUES(51,'01981','Xã Vũ Muộn','xa vu muon','full',18);
INSERT INTO "former_unit" VALUES(52,'02002','Xã Cao Sơn','xa cao son','full',18);
INSERT INTO "former_unit" VALUES(53,'01999','Xã Nguyên Phúc','xa nguyen phuc','full',19);
INSERT INTO "former_unit" VALUES(54,'02005','Xã Quân Hà','xa quan ha','full',19);
INSERT INTO "former_unit" VALUES(55,'02008','Xã Cẩm Giàng','xa cam giang','full',19);
INSERT INTO "former_unit" VALUES(56,'02011','Xã Mỹ Thanh','xa my thanh','full',19);
INSERT INTO "former_unit" VALUES(57,'02014','Xã Dương Phong','xa duong phong','full',20);
INSERT INTO "former_unit" VALUES(58,'02017','Xã Quang Thuận','xa quang thuan','full',20);
INSERT INTO "former_unit" VALUES(59,'02059','Xã Đồng Thắng','xa dong thang','full',20);
INSERT INTO "former_unit" VALUES(60,'02020','Thị trấn Bằng Lũng','thi tran bang lung','full',21);
INSERT INTO "former_unit" VALUES(61,'02050','Xã Phương Viên','xa phuong vien','full',21);
INSERT INTO "former_unit" VALUES(62,'02053','Xã Ngọc Phái','xa ngoc phai','full',21);
INSERT INTO "former_unit" VALUES(63,'02065','Xã Bằng Lãng','xa bang lang','full',21);
INSERT INTO "former_unit" VALUES(64,'02023','Xã Xuân Lạc','xa xuan lac','full',22);
INSERT INTO "former_unit" VALUES(65,'02026','Xã Nam Cường','xa nam cuong','full',22);
INSERT INTO "former_unit" VALUES(66,'02029','Xã Đồng Lạc','xa dong lac','full',22);
INSERT INTO "former_unit" VALUES(67,'02032','Xã Tân Lập','xa tan lap','full',23);
INSERT INTO "former_unit" VALUES(68,'02038','Xã Quảng Bạch','xa quang bach','full',23);
INSERT INTO "former_unit" VALUES(69,'02035','Xã Bản Thi','xa ban thi','full',24);
INSERT INTO "former_unit" VALUES(70,'02044','Xã Yên Thịnh','xa yen thinh','full',24);
INSERT INTO "former_unit" VALUES(71,'02047','Xã Yên Thượng','xa yen thuong','full',24);
INSERT INTO "former_unit" VALUES(72,'02062','Xã Lương Bằng','xa luong bang','full',25);
INSERT INTO "former_unit" VALUES(73,'02071','Xã Nghĩa Tá','xa nghia ta','full',25);
INSERT INTO "former_unit" VALUES(74,'02080','Xã Bình Trung','xa binh trung','full',25);
INSERT INTO "former_unit" VALUES(75,'02068','Xã Đại Sảo','xa dai sao','full',26);
INSERT INTO "former_unit" VALUES(76,'02077','Xã Yên Mỹ','xa yen my','full',26);
INSERT INTO "former_unit" VALUES(77,'02083','Xã Yên Phong','xa yen phong','full',26);
INSERT INTO "former_unit" VALUES(78,'02086','Thị trấn Đồng Tâm','thi tran dong tam','full',27);
INSERT INTO "former_unit" VALUES(79,'02122','Xã Như Cố','xa nhu co','full',27);
INSERT INTO "former_unit" VALUES(80,'02131','Xã Quảng Chu','xa quang chu','full',27);
INSERT INTO "former_unit" VALUES(81,'02092','Xã Thanh Vận','xa thanh van','full',28);
INSERT INTO "former_unit" VALUES(82,'02095','Xã Mai Lạp','xa mai lap','full',28);
INSERT INTO "former_unit" VALUES(83,'02101','Xã Thanh Mai','xa thanh mai','full',28);
INSERT INTO "former_unit" VALUES(84,'02089','Xã Tân Sơn','xa tan son','full',29);
INSERT INTO "former_unit" VALUES(85,'02098','Xã Hòa Mục','xa hoa muc','full',29);
INSERT INTO "former_unit" VALUES(86,'02104','Xã Cao Kỳ','xa cao ky','full',29);
INSERT INTO "former_unit" VALUES(87,'02107','Xã Nông Hạ','xa nong ha','full',30);
INSERT INTO "former_unit" VALUES(88,'02113','Xã Thanh Thịnh','xa thanh thinh','full',30);
INSERT INTO "former_unit" VALUES(89,'02110','Xã Yên Cư','xa yen cu','full',31);
INSERT INTO "former_unit" VALUES(90,'02116','Xã Yên Hân','xa yen han','full',31);
INSERT INTO "former_unit" VALUES(91,'02125','Xã Bình Văn','xa binh van','full',31);
INSERT INTO "former_unit" VALUES(92,'02140','Xã Văn Lang','xa van lang','full',32);
INSERT INTO "former_unit" VALUES(93,'02143','Xã Lương Thượng','xa luong thuong','full',32);
INSERT INTO "former_unit" VALUES(94,'02146','Xã Kim Hỷ','xa kim hy','full',32);
INSERT INTO "former_unit" VALUES(95,'02137','Xã Văn Vũ','xa van vu','full',33);
INSERT INTO "former_unit" VALUES(96,'02152','Xã Cường Lợi','xa cuong loi','full',33);
INSERT INTO "former_unit" VALUES(97,'02155','Thị trấn Yến Lạc','thi tran yen lac','full',34);
INSERT INTO "former_unit" VALUES(98,'02158','Xã Kim Lư','xa kim lu','full',34);
INSERT INTO "former_unit" VALUES(99,'02161','Xã Sơn Thành','xa son thanh','full',34);
INSERT INTO "former_unit" VALUES(100,'02170','Xã Văn Minh','xa van minh','full',35);
INSERT INTO "former_unit" VALUES(101,'02176','Xã Cư Lễ','xa cu le','full',35);
INSERT INTO "former_unit" VALUES(102,'02179','Xã Trần Phú','xa tran phu','full',35);
INSERT INTO "former_unit" VALUES(103,'02173','Xã Côn Minh','xa con minh','full',36);
INSERT INTO "former_unit" VALUES(104,'02185','Xã Quang Phong','xa quang phong','full',36);
INSERT INTO "former_unit" VALUES(105,'02188','Xã Dương Sơn','xa duong son','full',36);
INSERT INTO "former_unit" VALUES(106,'02191','Xã Xuân Dương','xa xuan duong','full',37);
INSERT INTO "former_unit" VALUES(107,'02194','Xã Đổng Xá','xa dong xa','full',37);
INSERT INTO "former_unit" VALUES(108,'02197','Xã Liêm Thủy','xa liem thuy','full',37);
INSERT INTO "former_unit" VALUES(109,'05437','Phường Túc Duyên','phuong tuc duyen','full',38);
INSERT INTO "former_unit" VALUES(110,'05440','Phường Hoàng Văn Thụ','phuong hoang van thu','full',38);
INSERT INTO "former_unit" VALUES(111,'05443','Phường Trưng Vương','phuong trung vuong','full',38);
INSERT INTO "former_unit" VALUES(112,'05446','Phường Quang Trung','phuong quang trung','full',38);
INSERT INTO "former_unit" VALUES(113,'05449','Phường Phan Đình Phùng','phuong phan dinh phung','full',38);
INSERT INTO "former_unit" VALUES(114,'05452','Phường Tân Thịnh','phuong tan thinh','full',38);
INSERT INTO "former_unit" VALUES(115,'05458','Phường Đồng Quang','phuong dong quang','full',38);
INSERT INTO "former_unit" VALUES(116,'05461','Phường Gia Sàng','phuong gia sang','partial',38);
INSERT INTO "former_unit" VALUES(117,'05455','Phường Thịnh Đán','phuong thinh dan','full',39);
INSERT INTO "former_unit" VALUES(118,'05485','Xã Phúc Hà','xa phuc ha','full',39);
INSERT INTO "former_unit" VALUES(119,'05491','Xã Quyết Thắng','xa quyet thang','full',39);
INSERT INTO "former_unit" VALUES(120,'05461','Phường Gia Sàng','phuong gia sang','partial',40);
INSERT INTO "former_unit" VALUES(121,'05467','Phường Cam Giá','phuong cam gia','partial',40);
INSERT INTO "former_unit" VALUES(122,'05473','Phường Hương Sơn','phuong huong son','full',40);
INSERT INTO "former_unit" VALUES(123,'05914','Xã Đồng Liên','xa dong lien','full',40);
INSERT INTO "former_unit" VALUES(124,'05431','Phường Quán Triều','phuong quan trieu','full',41);
INSERT INTO "former_unit" VALUES(125,'05434','Phường Quang Vinh','phuong quang vinh','full',41);
INSERT INTO "former_unit" VALUES(126,'05482','Phường Tân Long','phuong tan long','full',41);
INSERT INTO "former_unit" VALUES(127,'05653','Xã Sơn Cẩm','xa son cam','full',41);
INSERT INTO "former_unit" VALUES(128,'05488','Xã Phúc Xuân','xa phuc xuan','full',42);
INSERT INTO "former_unit" VALUES(129,'05494','Xã Phúc Trìu','xa phuc triu','full',42);
INSERT INTO "former_unit" VALUES(130,'05761','Thị trấn Hùng Sơn','thi tran hung son','full',42);
INSERT INTO "former_unit" VALUES(131,'05827','Xã Tân Thái','xa tan thai','full',42);
INSERT INTO "former_unit" VALUES(132,'05863','Xã Phúc Tân','xa phuc tan','full',42);
INSERT INTO "former_unit" VALUES(133,'05464','Phường Tân Lập','phuong tan lap','full',43);
INSERT INTO "former_unit" VALUES(134,'05467','Phường Cam Giá','phuong cam gia','partial',43);
INSERT INTO "former_unit" VALUES(135,'05470','Phường Phú Xá','phuong phu xa','full',43);
INSERT INTO "former_unit" VALUES(136,'05476','Phường Trung Thành','phuong trung thanh','full',43);
INSERT INTO "former_unit" VALUES(137,'05479','Phường Tân Thành','phuong tan thanh','full',43);
INSERT INTO "former_unit" VALUES(138,'05500','Phường Tích Lương','phuong tich luong','full',43);
INSERT INTO "former_unit" VALUES(139,'05497','Xã Thịnh Đức','xa thinh duc','full',44);
INSERT INTO "former_unit" VALUES(140,'05503','Xã Tân Cương','xa tan cuong','full',44);
INSERT INTO "former_unit" VALUES(141,'05530','Xã Bình Sơn','xa binh son','full',44);
INSERT INTO "former_unit" VALUES(142,'05515','Phường Cải Đan','phuong cai dan','full',45);
INSERT INTO "former_unit" VALUES(143,'05518','Phường Thắng Lợi','phuong thang loi','full',45);
INSERT INTO "former_unit" VALUES(144,'05521','Phường Phố Cò','phuong pho co','full',45);
INSERT INTO "former_unit" VALUES(145,'05506','Phường Lương Sơn','phuong luong son','full',46);
INSERT INTO "former_unit" VALUES(146,'05527','Xã Tân Quang','xa tan quang','full',46);
INSERT INTO "former_unit" VALUES(147,'05528','Phường Bách Quang','phuong bach quang','full',46);
INSERT INTO "former_unit" VALUES(148,'05509','Phường Châu Sơn','phuong chau son','full',47);
INSERT INTO "former_unit" VALUES(149,'05512','Phường Mỏ Chè','phuong mo che','full',47);
INSERT INTO "former_unit" VALUES(150,'05533','Xã Bá Xuyên','xa ba xuyen','full',47);
INSERT INTO "former_unit" VALUES(151,'05539','Xã Linh Thông','xa linh thong','full',48);
INSERT INTO "former_unit" VALUES(152,'05542','Xã Lam Vỹ','xa lam vy','full',48);
INSERT INTO "former_unit" VALUES(153,'05545','Xã Quy Kỳ','xa quy ky','full',49);
INSERT INTO "former_unit" VALUES(154,'05551','Xã Kim Phượng','xa kim phuong','full',49);
INSERT INTO "former_unit" VALUES(155,'05548','Xã Tân Thịnh','xa tan thinh','full',50);
INSERT INTO "former_unit" VALUES(156,'05563','Xã Tân Dương','xa tan duong','full',50);
INSERT INTO "former_unit" VALUES(157,'05566','Xã Phượng Tiến','xa phuong tien','full',50);
INSERT INTO "former_unit" VALUES(158,'05554','Xã Bảo Linh','xa bao linh','full',51);
INSERT INTO "former_unit" VALUES(159,'05560','Xã Phúc Chu','xa phuc chu','full',51);
INSERT INTO "former_unit" VALUES(160,'05569','Thị trấn Chợ Chu','thi tran cho chu','full',51);
INSERT INTO "former_unit" VALUES(161,'05572','Xã Đồng Thịnh','xa dong thinh','full',51);
INSERT INTO "former_unit" VALUES(162,'05581','Xã Trung Hội','xa trung hoi','full',52);
INSERT INTO "former_unit" VALUES(163,'05593','Xã Phú Tiến','xa phu tien','full',52);
INSERT INTO "former_unit" VALUES(164,'05596','Xã Bộc Nhiêu','xa boc nhieu','full',52);
INSERT INTO "former_unit" VALUES(165,'05575','Xã Định Biên','xa dinh bien','full',53);
INSERT INTO "former_unit" VALUES(166,'05578','Xã Thanh Định','xa thanh dinh','full',53);
INSERT INTO "former_unit" VALUES(167,'05584','Xã Trung Lương','xa trung luong','full',53);
INSERT INTO "former_unit" VALUES(168,'05587','Xã Bình Yên','xa binh yen','full',53);
INSERT INTO "former_unit" VALUES(169,'05590','Xã Điềm Mặc','xa diem mac','full',54);
INSERT INTO "former_unit" VALUES(170,'05602','Xã Phú Đình','xa phu dinh','full',54);
INSERT INTO "former_unit" VALUES(171,'05599','Xã Sơn Phú','xa son phu','full',55);
INSERT INTO "former_unit" VALUES(172,'05605','Xã Bình Thành','xa binh thanh','full',55);
INSERT INTO "former_unit" VALUES(173,'05611','Thị trấn Đu','thi tran du','full',56);
INSERT INTO "former_unit" VALUES(174,'05623','Xã Yên Lạc','xa yen lac','full',56);
INSERT INTO "former_unit" VALUES(175,'05629','Xã Động Đạt','xa dong dat','full',56);
INSERT INTO "former_unit" VALUES(176,'05644','Thị trấn Giang Tiên','thi tran giang tien','full',56);
INSERT INTO "former_unit" VALUES(177,'05614','Xã Yên Ninh','xa yen ninh','full',57);
INSERT INTO "former_unit" VALUES(178,'05617','Xã Yên Trạch','xa yen trach','full',57);
INSERT INTO "former_unit" VALUES(179,'05620','Xã Yên Đổ','xa yen do','full',57);
INSERT INTO "former_unit" VALUES(180,'05626','Xã Ôn Lương','xa on luong','full',58);
INSERT INTO "former_unit" VALUES(181,'05632','Xã Phủ Lý','xa phu ly','full',58);
INSERT INTO "former_unit" VALUES(182,'05638','Xã Hợp Thành','xa hop thanh','full',58);
INSERT INTO "former_unit" VALUES(183,'05635','Xã Phú Đô','xa phu do','full',59);
INSERT INTO "former_unit" VALUES(184,'05641','Xã Tức Tranh','xa tuc tranh','full',59);
INSERT INTO "former_unit" VALUES(185,'05647','Xã Vô Tranh','xa vo tranh','full',59);
INSERT INTO "former_unit" VALUES(186,'05650','Xã Cổ Lũng','xa co lung','full',59);
INSERT INTO "former_unit" VALUES(187,'05662','Thị trấn Trại Cau','thi tran trai cau','full',60);
INSERT INTO "former_unit" VALUES(188,'05698','Xã Hợp Tiến','xa hop tien','full',60);
INSERT INTO "former_unit" VALUES(189,'05665','Xã Văn Lăng','xa van lang','full',61);
INSERT INTO "former_unit" VALUES(190,'05671','Xã Hòa Bình','xa hoa binh','full',61);
INSERT INTO "former_unit" VALUES(191,'05668','Xã Tân Long','xa tan long','full',62);
INSERT INTO "former_unit" VALUES(192,'05674','Xã Quang Sơn','xa quang son','full',62);
INSERT INTO "former_unit" VALUES(193,'05680','Xã Văn Hán','xa van han','full',63);
INSERT INTO "former_unit" VALUES(194,'05686','Xã Khe Mo','xa khe mo','full',63);
INSERT INTO "former_unit" VALUES(195,'05656','Thị trấn Sông Cầu','thi tran song cau','full',64);
INSERT INTO "former_unit" VALUES(196,'05677','Xã Minh Lập','xa minh lap','full',64);
INSERT INTO "former_unit" VALUES(197,'05683','Xã Hóa Trung','xa hoa trung','full',64);
INSERT INTO "former_unit" VALUES(198,'05692','Thị trấn Hóa Thượng','thi tran hoa thuong','full',64);
INSERT INTO "former_unit" VALUES(199,'05689','Xã Cây Thị','xa cay thi','full',65);
INSERT INTO "former_unit" VALUES(200,'05707','Xã Nam Hòa','xa nam hoa','full',65);
INSERT INTO "former_unit" VALUES(201,'05659','Phường Chùa Hang','phuong chua hang','full',66);
INSERT INTO "former_unit" VALUES(202,'05695','Xã Cao Ngạn','xa cao ngan','full',66);
INSERT INTO "former_unit" VALUES(203,'05701','Xã Linh Sơn','xa linh son','full',66);
INSERT INTO "former_unit" VALUES(204,'05710','Phường Đồng Bẩm','phuong dong bam','full',66);
INSERT INTO "former_unit" VALUES(205,'05713','Xã Huống Thượng','xa huong thuong','full',66);
INSERT INTO "former_unit" VALUES(206,'05716','Thị trấn Đình Cả','thi tran dinh ca','full',67);
INSERT INTO "former_unit" VALUES(207,'05734','Xã Phú Thượng','xa phu thuong','full',67);
INSERT INTO "former_unit" VALUES(208,'05743','Xã Lâu Thượng','xa lau thuong','full',67);
INSERT INTO "former_unit" VALUES(209,'05719','Xã Sảng Mộc','xa sang moc','full',68);
INSERT INTO "former_unit" VALUES(210,'05722','Xã Nghinh Tường','xa nghinh tuong','full',69);
INSERT INTO "former_unit" VALUES(211,'05728','Xã Vũ Chấn','xa vu chan','full',69);
INSERT INTO "former_unit" VALUES(212,'05725','Xã Thần Xa','xa than xa','full',70);
INSERT INTO "former_unit" VALUES(213,'05731','Xã Thượng Nung','xa thuong nung','full',70);
INSERT INTO "former_unit" VALUES(214,'05737','Xã Cúc Đường','xa cuc duong','full',71);
INSERT INTO "former_unit" VALUES(215,'05740','Xã La Hiên','xa la hien','full',71);
INSERT INTO "former_unit" VALUES(216,'05746','Xã Tràng Xá','xa trang xa','full',72);
INSERT INTO "former_unit" VALUES(217,'05752','Xã Liên Minh','xa lien minh','full',72);
INSERT INTO "former_unit" VALUES(218,'05749','Xã Phương Giao','xa phuong giao','full',73);
INSERT INTO "former_unit" VALUES(219,'05755','Xã Dân Tiến','xa dan tien','full',73);
INSERT INTO "former_unit" VALUES(220,'05758','Xã Bình Long','xa binh long','full',73);
INSERT INTO "former_unit" VALUES(221,'05773','Xã Yên Lãng','xa yen lang','full',74);
INSERT INTO "former_unit" VALUES(222,'05797','Xã Phú Xuyên','xa phu xuyen','full',74);
INSERT INTO "former_unit" VALUES(223,'05767','Xã Phúc Lương','xa phuc luong','full',75);
INSERT INTO "former_unit" VALUES(224,'05770','Xã Minh Tiến','xa minh tien','full',75);
INSERT INTO "former_unit" VALUES(225,'05776','Xã Đức Lương','xa duc luong','full',75);
INSERT INTO "former_unit" VALUES(226,'05785','Xã Phú Lạc','xa phu lac','full',76);
INSERT INTO "former_unit" VALUES(227,'05788','Xã Tân Linh','xa tan linh','full',76);
INSERT INTO "former_unit" VALUES(228,'05794','Xã Phục Linh','xa phuc linh','full',76);
INSERT INTO "former_unit" VALUES(229,'05779','Xã Phú Cường','xa phu cuong','full',77);
INSERT INTO "former_unit" VALUES(230,'05791','Xã Phú Thịnh','xa phu thinh','full',77);
INSERT INTO "former_unit" VALUES(231,'05800','Xã Bản Ngoại','xa ban ngoai','full',77);
INSERT INTO "former_unit" VALUES(232,'05809','Xã Cù Vân','xa cu van','full',78);
INSERT INTO "former_unit" VALUES(233,'05812','Xã Hà Thượng','xa ha thuong','full',78);
INSERT INTO "former_unit" VALUES(234,'05824','Xã An Khánh','xa an khanh','full',78);
INSERT INTO "former_unit" VALUES(235,'05803','Xã Tiên Hội','xa tien hoi','full',79);
INSERT INTO "former_unit" VALUES(236,'05815','Xã La Bằng','xa la bang','full',79);
INSERT INTO "former_unit" VALUES(237,'05818','Xã Hoàng Nông','xa hoang nong','full',79);
INSERT INTO "former_unit" VALUES(238,'05821','Xã Khôi Kỳ','xa khoi ky','full',80);
INSERT INTO "former_unit" VALUES(239,'05830','Xã Bình Thuận','xa binh thuan','full',80);
INSERT INTO "former_unit" VALUES(240,'05833','Xã Lục Ba','xa luc ba','full',80);
INSERT INTO "former_unit" VALUES(241,'05836','Xã Mỹ Yên','xa my yen','full',80);
INSERT INTO "former_unit" VALUES(242,'05842','Xã Văn Yên','xa van yen','full',81);
INSERT INTO "former_unit" VALUES(243,'05845','Xã Vạn Phú','xa van phu','full',81);
INSERT INTO "former_unit" VALUES(244,'05848','Xã Cát Nê','xa cat ne','full',82);
INSERT INTO "former_unit" VALUES(245,'05851','Thị trấn Quân Chu','thi tran quan chu','full',82);
INSERT INTO "former_unit" VALUES(246,'05857','Phường Bắc Sơn','phuong bac son','full',83);
INSERT INTO "former_unit" VALUES(247,'05866','Xã Phúc Thuận','xa phuc thuan','full',83);
INSERT INTO "former_unit" VALUES(248,'05872','Xã Minh Đức','xa minh duc','full',83);
INSERT INTO "former_unit" VALUES(249,'05854','Phường Bãi Bông','phuong bai bong','full',84);
INSERT INTO "former_unit" VALUES(250,'05860','Phường Ba Hàng','phuong ba hang','full',84);
INSERT INTO "former_unit" VALUES(251,'05869','Phường Hồng Tiến','phuong hong tien','full',84);
INSERT INTO "former_unit" VALUES(252,'05875','Phường Đắc Sơn','phuong dac son','full',84);
INSERT INTO "former_unit" VALUES(253,'05881','Xã Thành Công','xa thanh cong','full',85);
INSERT INTO "former_unit" VALUES(254,'05887','Xã Vạn Phái','xa van phai','full',85);
INSERT INTO "former_unit" VALUES(255,'05878','Phường Đồng Tiến','phuong dong tien','full',86);
INSERT INTO "former_unit" VALUES(256,'05884','Phường Tiên Phong','phuong tien phong','full',86);
INSERT INTO "former_unit" VALUES(257,'05890','Phường Nam Tiến','phuong nam tien','full',86);
INSERT INTO "former_unit" VALUES(258,'05893','Phường Tân Hương','phuong tan huong','full',86);
INSERT INTO "former_unit" VALUES(259,'05896','Phường Đông Cao','phuong dong cao','full',87);
INSERT INTO "former_unit" VALUES(260,'05899','Phường Trung Thành','phuong trung thanh','full',87);
INSERT INTO "former_unit" VALUES(261,'05902','Phường Tân Phú','phuong tan phu','full',87);
INSERT INTO "former_unit" VALUES(262,'05905','Phường Thuận Thành','phuong thuan thanh','full',87);
INSERT INTO "former_unit" VALUES(263,'05908','Thị trấn Hương Sơn','thi tran huong son','full',88);
INSERT INTO "former_unit" VALUES(264,'05929','Xã Bảo Lý','xa bao ly','full',88);
INSERT INTO "former_unit" VALUES(265,'05932','Xã Thượng Đình','xa thuong dinh','partial',88);
INSERT INTO "former_unit" VALUES(266,'05938','Xã Nhã Lộng','xa nha long','full',88);
INSERT INTO "former_unit" VALUES(267,'05944','Xã Xuân Phương','xa xuan phuong','full',88);
INSERT INTO "former_unit" VALUES(268,'05950','Xã Úc Kỳ','xa uc ky','full',88);
INSERT INTO "former_unit" VALUES(269,'05911','Xã Bàn Đạt','xa ban dat','full',89);
INSERT INTO "former_unit" VALUES(270,'05917','Xã Tân Khánh','xa tan khanh','full',89);
INSERT INTO "former_unit" VALUES(271,'05926','Xã Đào Xá','xa dao xa','full',89);
INSERT INTO "former_unit" VALUES(272,'05920','Xã Tân Kim','xa tan kim','full',90);
INSERT INTO "former_unit" VALUES(273,'05923','Xã Tân Thành','xa tan thanh','full',90);
INSERT INTO "former_unit" VALUES(274,'05935','Xã Tân Hòa','xa tan hoa','full',90);
INSERT INTO "former_unit" VALUES(275,'05932','Xã Thượng Đình','xa thuong dinh','partial',91);
INSERT INTO "former_unit" VALUES(276,'05941','Xã Điềm Thụy','xa diem thuy','full',91);
INSERT INTO "former_unit" VALUES(277,'05956','Xã Nga My','xa nga my','full',91);
INSERT INTO "former_unit" VALUES(278,'05968','Xã Hà Châu','xa ha chau','full',91);
INSERT INTO "former_unit" VALUES(279,'05947','Xã Tân Đức','xa tan duc','full',92);
INSERT INTO "former_unit" VALUES(280,'05953','Xã Lương Phú','xa luong phu','full',92);
INSERT INTO "former_unit" VALUES(281,'05959','Xã Kha Sơn','xa kha son','full',92);
INSERT INTO "former_unit" VALUES(282,'05962','Xã Thanh Ninh','xa thanh ninh','full',92);
INSERT INTO "former_unit" VALUES(283,'05965','Xã Dương Thành','xa duong thanh','full',92);
CREATE TABLE "front_report" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" SMALLINT NOT NULL,
    "month" SMALLINT NOT NULL,
    "figures" JSON NOT NULL,
    "sent_at" TIMESTAMP NOT NULL,
    "sent_by" VARCHAR(150) NOT NULL,
    "received_at" TIMESTAMP,
    "received_by" VARCHAR(150) NOT NULL,
    "returned_at" TIMESTAMP,
    "returned_by" VARCHAR(150) NOT NULL,
    "return_comment" TEXT NOT NULL,
    "version" INT NOT NULL DEFAULT 1,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT
);
CREATE TABLE "goods_stock" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(300) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "unit" VARCHAR(20) NOT NULL,
    "received" VARCHAR(40) NOT NULL,
    "distributed" VARCHAR(40) NOT NULL,
    "received_value" BIGINT NOT NULL,
    "distributed_value" BIGINT NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_goods_stock_commune_468b95" UNIQUE ("commune_id", "key")
);
CREATE TABLE "hamlet" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_key" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(12) NOT NULL  /* THON: thon\nXOM: xom\nBAN: ban\nLANG: lang\nTO_DAN_PHO: to_dan_pho */,
    "is_example" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_hamlet_commune_8d42bf" UNIQUE ("commune_id", "name_key")
);
INSERT INTO "hamlet" VALUES(1,'Hợp Tiến','hop tien','thon',1,60);
INSERT INTO "hamlet" VALUES(2,'Trại Cau','trai cau','xom',1,60);
INSERT INTO "hamlet" VALUES(3,'Đồng Hút','dong hut','thon',1,60);
INSERT INTO "hamlet" VALUES(4,'Hang Chùa','hang chua','xom',1,60);
INSERT INTO "hamlet" VALUES(5,'Mỏ Sắt','mo sat','thon',1,60);
INSERT INTO "hamlet" VALUES(6,'Văn Lăng','van lang','thon',1,61);
INSERT INTO "hamlet" VALUES(7,'Hòa Bình','hoa binh','xom',1,61);
INSERT INTO "hamlet" VALUES(8,'Đồng Tiến','dong tien','thon',1,61);
INSERT INTO "hamlet" VALUES(9,'Khe Nác','khe nac','xom',1,61);
INSERT INTO "hamlet" VALUES(10,'Làng Mười','lang muoi','thon',1,61);
INSERT INTO "hamlet" VALUES(11,'Tân Long','tan long','thon',1,62);
INSERT INTO "hamlet" VALUES(12,'Quang Sơn','quang son','xom',1,62);
INSERT INTO "hamlet" VALUES(13,'Đồng Luông','dong luong','thon',1,62);
INSERT INTO "hamlet" VALUES(14,'Lân Đăm','lan dam','xom',1,62);
INSERT INTO "hamlet" VALUES(15,'Khe Cạn','khe can','thon',1,62);
INSERT INTO "hamlet" VALUES(16,'Văn Hán','van han','thon',1,63);
INSERT INTO "hamlet" VALUES(17,'Khe Mo','khe mo','xom',1,63);
INSERT INTO "hamlet" VALUES(18,'Đồng Chuối','dong chuoi','thon',1,63);
INSERT INTO "hamlet" VALUES(19,'La Giang','la giang','xom',1,63);
INSERT INTO "hamlet" VALUES(20,'Trại Lốt','trai lot','thon',1,63);
INSERT INTO "hamlet" VALUES(21,'Sông Cầu','song cau','thon',1,64);
INSERT INTO "hamlet" VALUES(22,'Minh Lập','minh lap','xom',1,64);
INSERT INTO "hamlet" VALUES(23,'Hóa Trung','hoa trung','thon',1,64);
INSERT INTO "hamlet" VALUES(24,'Hóa Thượng','hoa thuong','xom',1,64);
INSERT INTO "hamlet" VALUES(25,'Đồng Thịnh','dong thinh','thon',1,64);
INSERT INTO "hamlet" VALUES(26,'Cây Thị','cay thi','thon',1,65);
INSERT INTO "hamlet" VALUES(27,'Nam Hòa','nam hoa','xom',1,65);
INSERT INTO "hamlet" VALUES(28,'Hòa Khê','hoa khe','thon',1,65);
INSERT INTO "hamlet" VALUES(29,'Đồng Mỏ','dong mo','xom',1,65);
INSERT INTO "hamlet" VALUES(30,'Khe Quân','khe quan','thon',1,65);
INSERT INTO "hamlet" VALUES(31,'Đình Cả','dinh ca','thon',1,67);
INSERT INTO "hamlet" VALUES(32,'Phú Thượng','phu thuong','xom',1,67);
INSERT INTO "hamlet" VALUES(33,'Lâu Thượng','lau thuong','thon',1,67);
INSERT INTO "hamlet" VALUES(34,'Cây Thị Vo','cay thi vo','xom',1,67);
INSERT INTO "hamlet" VALUES(35,'Na Pháng','na phang','thon',1,67);
INSERT INTO "hamlet" VALUES(36,'Mỏ Gà','mo ga','thon',1,68);
INSERT INTO "hamlet" VALUES(37,'Khuổi Mèo','khuoi meo','xom',1,68);
INSERT INTO "hamlet" VALUES(38,'Bản Chiến','ban chien','thon',1,68);
INSERT INTO "hamlet" VALUES(39,'Na Mấy','na may','xom',1,68);
INSERT INTO "hamlet" VALUES(40,'Đồng Kẹ','dong ke','thon',1,68);
INSERT INTO "hamlet" VALUES(41,'Bản Chương','ban chuong','thon',1,69);
INSERT INTO "hamlet" VALUES(42,'Vũ Chấn','vu chan','xom',1,69);
INSERT INTO "hamlet" VALUES(43,'Khuổi Nọi','khuoi noi','thon',1,69);
INSERT INTO "hamlet" VALUES(44,'Na Hiên','na hien','xom',1,69);
INSERT INTO "hamlet" VALUES(45,'Lũng Lìa','lung lia','thon',1,69);
INSERT INTO "hamlet" VALUES(46,'Trung Sơn','trung son','thon',0,70);
INSERT INTO "hamlet" VALUES(47,'Kim Sơn','kim son','thon',0,70);
INSERT INTO "hamlet" VALUES(48,'Hạ Sơn Tày','ha son tay','thon',0,70);
INSERT INTO "hamlet" VALUES(49,'Hạ Sơn Dao','ha son dao','thon',0,70);
INSERT INTO "hamlet" VALUES(50,'Xuyên Sơn','xuyen son','thon',0,70);
INSERT INTO "hamlet" VALUES(51,'Ngọc Sơn 1','ngoc son 1','thon',0,70);
INSERT INTO "hamlet" VALUES(52,'Ngọc Sơn 2','ngoc son 2','thon',0,70);
INSERT INTO "hamlet" VALUES(53,'Tân Kim','tan kim','thon',0,70);
INSERT INTO "hamlet" VALUES(54,'Thượng Kim','thuong kim','thon',0,70);
INSERT INTO "hamlet" VALUES(55,'Tân Thành','tan thanh','xom',0,70);
INSERT INTO "hamlet" VALUES(56,'Trung Thành','trung thanh','xom',0,70);
INSERT INTO "hamlet" VALUES(57,'Lục Thành','luc thanh','xom',0,70);
INSERT INTO "hamlet" VALUES(58,'An Thành','an thanh','xom',0,70);
INSERT INTO "hamlet" VALUES(59,'Lũng Hoài','lung hoai','ban',0,70);
INSERT INTO "hamlet" VALUES(60,'Lũng Cà','lung ca','ban',0,70);
INSERT INTO "hamlet" VALUES(61,'Lũng Luông','lung luong','ban',0,70);
INSERT INTO "hamlet" VALUES(62,'Cúc Đường','cuc duong','thon',1,71);
INSERT INTO "hamlet" VALUES(63,'Làng Lai','lang lai','xom',1,71);
INSERT INTO "hamlet" VALUES(64,'Hang Hon','hang hon','thon',1,71);
INSERT INTO "hamlet" VALUES(65,'Mỏ Nước','mo nuoc','xom',1,71);
INSERT INTO "hamlet" VALUES(66,'Khe Rạc','khe rac','thon',1,71);
INSERT INTO "hamlet" VALUES(67,'Liên Minh','lien minh','thon',1,72);
INSERT INTO "hamlet" VALUES(68,'Trại Ổi','trai oi','xom',1,72);
INSERT INTO "hamlet" VALUES(69,'Na Mấn','na man','thon',1,72);
INSERT INTO "hamlet" VALUES(70,'Khe Cạn','khe can','xom',1,72);
INSERT INTO "hamlet" VALUES(71,'Đồng Tâm','dong tam','thon',1,72);
INSERT INTO "hamlet" VALUES(72,'Phương Giao','phuong giao','thon',1,73);
INSERT INTO "hamlet" VALUES(73,'Bình Long','binh long','xom',1,73);
INSERT INTO "hamlet" VALUES(74,'Khuổi Chạo','khuoi chao','thon',1,73);
INSERT INTO "hamlet" VALUES(75,'Đồng Mó','dong mo','xom',1,73);
INSERT INTO "hamlet" VALUES(76,'Cây Hồng','cay hong','thon',1,73);
CREATE TABLE "hamlet_review" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "held_on" DATE NOT NULL,
    "chair" VARCHAR(120) NOT NULL,
    "attendance" SMALLINT NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL REFERENCES "beneficiary_list" ("id") ON DELETE CASCADE,
    "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_hamlet_revi_benefic_10b8eb" UNIQUE ("beneficiary_list_id", "hamlet_id")
);
CREATE TABLE "handover" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(255) NOT NULL,
    "organisers" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "hamlet_id" INT REFERENCES "hamlet" ("id") ON DELETE RESTRICT
);
CREATE TABLE "handover_sponsor" (
    "handover_id" INT NOT NULL REFERENCES "handover" ("id") ON DELETE CASCADE,
    "sponsor_id" INT NOT NULL REFERENCES "sponsor" ("id") ON DELETE CASCADE
);
CREATE TABLE "house_case" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "code" VARCHAR(20) NOT NULL UNIQUE, "year" SMALLINT NOT NULL, "seq" INT NOT NULL, "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE RESTRICT, "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT, "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT, "disaster_id" INT REFERENCES "disaster" ("id") ON DELETE RESTRICT, "handover_id" INT REFERENCES "handover" ("id") ON DELETE RESTRICT, "programme" VARCHAR(24) NOT NULL, "kind" VARCHAR(10) NOT NULL, "area_m2" VARCHAR(40), "hard_foundation" INT NOT NULL, "hard_frame" INT NOT NULL, "hard_roof" INT NOT NULL, "estimated_cost" BIGINT NOT NULL, "stage" VARCHAR(20) NOT NULL, "stage_on" DATE NOT NULL, "paused_from" VARCHAR(20), "proposed_on" DATE NOT NULL, "approved_on" DATE, "started_on" DATE, "foundation_done_on" DATE, "thirty_percent_done_on" DATE, "completed_on" DATE, "handed_over_on" DATE, "cancelled_on" DATE, "cancel_reason" TEXT, "notes" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "version" INT NOT NULL, "programme_year" SMALLINT, "rule_override_reason" TEXT, "approval_decision_id" INT REFERENCES "list_decision" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_house_case_cost_not_negative" CHECK (estimated_cost >= 0));
CREATE TABLE "household" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT, "hamlet_id" INT NOT NULL REFERENCES "hamlet" ("id") ON DELETE RESTRICT, "head_name" VARCHAR(120) NOT NULL, "head_name_key" VARCHAR(120) NOT NULL, "gender" VARCHAR(6), "birth_year" SMALLINT, "id_number" VARCHAR(12)  UNIQUE, "phone" VARCHAR(15), "members" SMALLINT NOT NULL, "ethnicity" VARCHAR(40) NOT NULL, "poverty_status" VARCHAR(10) NOT NULL, "poverty_year" SMALLINT, "revolutionary_service" INT NOT NULL, "martyr_family" INT NOT NULL, "social_protection" INT NOT NULL, "especially_hard" INT NOT NULL, "address_detail" VARCHAR(255) NOT NULL, "archived_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "version" INT NOT NULL, CONSTRAINT "ck_household_members" CHECK (members BETWEEN 1 AND 30));
CREATE TABLE "household_word" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "tail" VARCHAR(120) NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "household_id" INT NOT NULL REFERENCES "household" ("id") ON DELETE CASCADE
);
CREATE TABLE "import_batch" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(150) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "size" INT NOT NULL,
    "kind" VARCHAR(4) NOT NULL  /* XLSX: xlsx\nCSV: csv */,
    "encoding" VARCHAR(20) NOT NULL,
    "status" VARCHAR(10) NOT NULL  /* PREVIEWED: previewed\nCONFIRMED: confirmed\nFAILED: failed */,
    "rows" INT NOT NULL,
    "created" INT NOT NULL,
    "updated" INT NOT NULL,
    "skipped" INT NOT NULL,
    "flagged" INT NOT NULL,
    "errors" INT NOT NULL,
    "report" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "confirmed_at" TIMESTAMP,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "disaster_id" INT REFERENCES "disaster" ("id") ON DELETE RESTRICT,
    "uploaded_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
, "progress_at" TIMESTAMP);
CREATE TABLE "kept_form" (
    "id" VARCHAR(64) NOT NULL  PRIMARY KEY,
    "page" VARCHAR(1000) NOT NULL,
    "action" VARCHAR(1000) NOT NULL,
    "content_type" VARCHAR(255) NOT NULL,
    "body" BLOB NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE TABLE "ledger_allocation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "made_contribution" INT NOT NULL,
    "amount" BIGINT NOT NULL,
    "decision_number" VARCHAR(60) NOT NULL,
    "decision_date" DATE NOT NULL,
    "allocated_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "aid_visit_id" INT REFERENCES "aid_visit" ("id") ON DELETE RESTRICT,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "contribution_id" INT REFERENCES "contribution" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "donation_id" INT REFERENCES "ledger_donation" ("id") ON DELETE RESTRICT,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE RESTRICT,
    "house_case_id" INT REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    "reverses_id" INT REFERENCES "ledger_allocation" ("id") ON DELETE RESTRICT
);
CREATE TABLE "ledger_bank_line" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "row" INT NOT NULL,
    "booked_on" DATE NOT NULL,
    "txn_ref" VARCHAR(60) NOT NULL,
    "description" TEXT NOT NULL,
    "counterpart" VARCHAR(200) NOT NULL,
    "credit" BIGINT NOT NULL,
    "debit" BIGINT NOT NULL,
    "state" VARCHAR(10) NOT NULL  /* MATCHED: matched\nPROPOSED: proposed\nRECORDED: recorded\nIGNORED: ignored\nREPEATED: repeated\nDEBIT: debit */,
    "account_number" VARCHAR(30) NOT NULL,
    "repeat_key" VARCHAR(80),
    "proposed_donor" VARCHAR(200) NOT NULL,
    "note" VARCHAR(300) NOT NULL,
    "decided_at" TIMESTAMP,
    "decided_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "donation_id" INT REFERENCES "ledger_donation" ("id") ON DELETE RESTRICT,
    "repeat_of_id" INT REFERENCES "ledger_bank_line" ("id") ON DELETE RESTRICT,
    "statement_id" INT NOT NULL REFERENCES "ledger_bank_statement" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_ledger_bank_account_1af894" UNIQUE ("account_number", "repeat_key")
);
CREATE TABLE "ledger_bank_statement" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "bank" VARCHAR(60) NOT NULL,
    "account_number" VARCHAR(30) NOT NULL,
    "account_holder" VARCHAR(200) NOT NULL,
    "period_from" DATE,
    "period_to" DATE,
    "file_name" VARCHAR(255) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "lines_count" INT NOT NULL,
    "credits" BIGINT NOT NULL,
    "debits" BIGINT NOT NULL,
    "stated_credits" BIGINT,
    "stated_debits" BIGINT,
    "imported_at" TIMESTAMP NOT NULL,
    "campaign_id" INT REFERENCES "ledger_campaign" ("id") ON DELETE RESTRICT,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE RESTRICT,
    "imported_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
);
CREATE TABLE "ledger_campaign" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "code" VARCHAR(12) NOT NULL UNIQUE,
    "call_number" VARCHAR(60) NOT NULL,
    "call_date" DATE,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "accounts" JSON NOT NULL,
    "support_levels" TEXT NOT NULL,
    "closed_on" DATE,
    "final_report" JSON NOT NULL,
    "version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "closed_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
);
CREATE TABLE "ledger_closed_period" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" SMALLINT NOT NULL,
    "month" SMALLINT NOT NULL,
    "closed_at" TIMESTAMP NOT NULL,
    "closed_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_ledger_clos_fund_id_d7b94c" UNIQUE ("fund_id", "year", "month")
);
CREATE TABLE "ledger_donation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "donor_name" VARCHAR(200) NOT NULL,
    "donor_key" VARCHAR(200) NOT NULL,
    "named_publicly" INT NOT NULL,
    "channel" VARCHAR(16) NOT NULL  /* BANK_TRANSFER: bank_transfer\nCASH: cash\nGOODS: goods */,
    "amount" BIGINT NOT NULL,
    "goods" VARCHAR(255) NOT NULL,
    "received_on" DATE NOT NULL,
    "reference" VARCHAR(100) NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE RESTRICT,
    "house_case_id" INT REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    "reverses_id" INT REFERENCES "ledger_donation" ("id") ON DELETE RESTRICT,
    "sponsor_id" INT REFERENCES "sponsor" ("id") ON DELETE RESTRICT
, "campaign_id" INT REFERENCES "ledger_campaign" ("id") ON DELETE RESTRICT, "quantity" VARCHAR(40), "receipt_number" VARCHAR(40) NOT NULL DEFAULT '', "receipt_seq" INT, "receipt_token" VARCHAR(24), "unit" VARCHAR(20) NOT NULL DEFAULT '');
CREATE TABLE "ledger_donor_total" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "donor_key" VARCHAR(200) NOT NULL,
    "donor_name" VARCHAR(200) NOT NULL,
    "total" BIGINT NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE CASCADE,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ledger_dono_fund_id_667447" UNIQUE ("fund_id", "donor_key")
);
CREATE TABLE "ledger_figure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "level" VARCHAR(10) NOT NULL  /* CENTRAL: central\nPROVINCE: province\nCOMMUNE: commune\nHOUSE: house */,
    "year" SMALLINT NOT NULL,
    "month" SMALLINT NOT NULL,
    "received" BIGINT NOT NULL,
    "allocated" BIGINT NOT NULL,
    "spent" BIGINT NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE CASCADE,
    "fund_id" INT NOT NULL REFERENCES "ledger_fund" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ledger_figu_fund_id_3000f0" UNIQUE ("fund_id", "commune_id", "year", "month")
);
CREATE TABLE "ledger_fund" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "level" VARCHAR(10) NOT NULL  /* CENTRAL: central\nPROVINCE: province\nCOMMUNE: commune\nHOUSE: house */,
    "created_at" TIMESTAMP NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT, "received_total" BIGINT NOT NULL DEFAULT 0, "allocated_total" BIGINT NOT NULL DEFAULT 0, "province_id" INT REFERENCES "province" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_ledger_fund_level_0eb94a" UNIQUE ("level", "commune_id")
);
CREATE TABLE "ledger_house_tally" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "stage" VARCHAR(20) NOT NULL,
    "cases" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ledger_hous_commune_d9ffba" UNIQUE ("commune_id", "stage")
);
CREATE TABLE "ledger_level_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "province_key" INT NOT NULL,
    "level" VARCHAR(10) NOT NULL,
    "year" SMALLINT NOT NULL,
    "received" BIGINT NOT NULL,
    "allocated" BIGINT NOT NULL,
    "spent" BIGINT NOT NULL
);
CREATE TABLE "ledger_province_donor" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "donor_key" VARCHAR(200) NOT NULL UNIQUE,
    "donor_name" VARCHAR(200) NOT NULL,
    "total" BIGINT NOT NULL
);
CREATE TABLE "ledger_statement_total" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "commune_key" INT NOT NULL,
    "campaign_key" INT NOT NULL,
    "year" SMALLINT NOT NULL,
    "lines" INT NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "uid_ledger_stat_commune_122ef9" UNIQUE ("commune_key", "campaign_key", "year")
);
CREATE TABLE "list_complaint" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "commune_id" INT NOT NULL,
    "receipt" VARCHAR(20) NOT NULL UNIQUE,
    "from_name" VARCHAR(120) NOT NULL,
    "received_on" DATE NOT NULL,
    "channel" VARCHAR(12) NOT NULL  /* PUBLIC_PAGE: public_page\nLETTER: letter\nCALL: call\nIN_PERSON: in_person */,
    "content" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "outcome" VARCHAR(14) NOT NULL  /* PENDING: pending\nUPHELD: upheld\nPARTLY_UPHELD: partly_upheld\nREJECTED: rejected */,
    "answered_on" DATE,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL REFERENCES "beneficiary_list" ("id") ON DELETE CASCADE
);
CREATE TABLE "list_decision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(40) NOT NULL,
    "signed_on" DATE NOT NULL,
    "signer" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL UNIQUE REFERENCES "beneficiary_list" ("id") ON DELETE RESTRICT
, "scan_checksum" VARCHAR(64), "scan_content_type" VARCHAR(20), "scan_size" INT);
CREATE TABLE "list_posting" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "office_place" VARCHAR(200) NOT NULL,
    "hamlet_place" VARCHAR(200) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL UNIQUE REFERENCES "beneficiary_list" ("id") ON DELETE CASCADE
);
CREATE TABLE "login_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username_key" VARCHAR(150) NOT NULL,
    "ip" VARCHAR(64),
    "at" TIMESTAMP NOT NULL
);
CREATE TABLE "period_report" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "year" SMALLINT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "number" INT NOT NULL,
    "figures" JSON NOT NULL,
    "texts" JSON NOT NULL,
    "sent_at" TIMESTAMP,
    "sent_by" VARCHAR(150) NOT NULL,
    "received_at" TIMESTAMP,
    "received_by" VARCHAR(150) NOT NULL,
    "returned_at" TIMESTAMP,
    "returned_by" VARCHAR(150) NOT NULL,
    "return_comment" TEXT NOT NULL,
    "version" INT NOT NULL DEFAULT 1,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "disaster_id" INT REFERENCES "disaster" ("id") ON DELETE RESTRICT
);
CREATE TABLE "photo" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "stage" VARCHAR(20) NOT NULL  /* PROPOSED: proposed\nAPPROVED: approved\nSTARTED: started\nFOUNDATION_DONE: foundation_done\nTHIRTY_PERCENT_DONE: thirty_percent_done\nCOMPLETED: completed\nHANDED_OVER: handed_over\nPAUSED: paused\nCANCELLED: cancelled */,
    "checksum" VARCHAR(64) NOT NULL,
    "content_type" VARCHAR(20) NOT NULL,
    "width" INT NOT NULL,
    "height" INT NOT NULL,
    "size_bytes" INT NOT NULL,
    "caption" VARCHAR(255) NOT NULL,
    "taken_on" DATE,
    "uploaded_at" TIMESTAMP NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "house_case_id" INT NOT NULL REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    "uploaded_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
, "is_public" INT NOT NULL DEFAULT 0);
CREATE TABLE "pledge" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "houses" INT NOT NULL,
    "amount" BIGINT NOT NULL,
    "pledged_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "sponsor_id" INT NOT NULL REFERENCES "sponsor" ("id") ON DELETE RESTRICT
);
CREATE TABLE "programme_rule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "programme" VARCHAR(24) NOT NULL  /* GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic */,
    "kind" VARCHAR(12) NOT NULL  /* NEW_BUILD: new_build\nREPAIR: repair\nRELOCATION: relocation */,
    "campaign_group" VARCHAR(24) NOT NULL  /* REVOLUTIONARY_SERVICE: revolutionary_service\nNATIONAL_TARGET: national_target\nEMULATION: emulation\nGREAT_SOLIDARITY: great_solidarity\nDISASTER_RECOVERY: disaster_recovery */,
    "support_amount" BIGINT NOT NULL,
    "min_area_m2" SMALLINT,
    "min_area_one_person_m2" SMALLINT,
    "three_hard" INT NOT NULL,
    "source" TEXT NOT NULL,
    "confirmed" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL, "first_tranche_percent" SMALLINT NOT NULL DEFAULT 70,
    CONSTRAINT "uid_programme_r_program_a6ca40" UNIQUE ("programme", "kind")
);
INSERT INTO "programme_rule" VALUES(1,'revolutionary_service','new_build','revolutionary_service',60000000,30,18,1,'Decision 21/2024/QĐ-TTg: 60 M per new house. Completion: at least 30 m², or 18 m² for a one-person household, read from the criteria of a temporary house in Decision 55/QĐ-BXD of 20/1/2025 (under 18 m² for one person, under 30 m² for a family), with the 3 hard parts.',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(2,'revolutionary_service','repair','revolutionary_service',30000000,NULL,NULL,0,'Decision 21/2024/QĐ-TTg: 30 M per repair.',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(3,'ntp_poverty','new_build','national_target',60000000,30,18,1,'National target programme for sustainable poverty reduction; amount as the campaign''s (unconfirmed for this programme). Completion: at least 30 m², or 18 m² for a one-person household, read from the criteria of a temporary house in Decision 55/QĐ-BXD of 20/1/2025 (under 18 m² for one person, under 30 m² for a family), with the 3 hard parts.',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(4,'ntp_poverty','repair','national_target',30000000,NULL,NULL,0,'National target programme for sustainable poverty reduction; amount as the campaign''s (unconfirmed for this programme).',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(5,'ntp_ethnic','new_build','national_target',60000000,30,18,1,'National target programme for ethnic-minority and mountainous areas; amount as the campaign''s (unconfirmed for this programme). Completion: at least 30 m², or 18 m² for a one-person household, read from the criteria of a temporary house in Decision 55/QĐ-BXD of 20/1/2025 (under 18 m² for one person, under 30 m² for a family), with the 3 hard parts.',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(6,'ntp_ethnic','repair','national_target',30000000,NULL,NULL,0,'National target programme for ethnic-minority and mountainous areas; amount as the campaign''s (unconfirmed for this programme).',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(7,'temporary_house','new_build','emulation',60000000,30,18,1,'Campaign to eliminate temporary and dilapidated houses (Directive 42/CT-TTg; Central Steering Committee, Decision 1243/QĐ-TTg): 60 M per new house, 30 M per repair. Completion: at least 30 m², or 18 m² for a one-person household, read from the criteria of a temporary house in Decision 55/QĐ-BXD of 20/1/2025 (under 18 m² for one person, under 30 m² for a family), with the 3 hard parts.',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(8,'temporary_house','repair','emulation',30000000,NULL,NULL,0,'Campaign to eliminate temporary and dilapidated houses (Directive 42/CT-TTg; Central Steering Committee, Decision 1243/QĐ-TTg): 60 M per new house, 30 M per repair. ',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(9,'great_solidarity','new_build','great_solidarity',50000000,30,NULL,1,'Great Solidarity House of the Fatherland Front''s Fund for the Poor: at least 30 m² and 3 hard parts (Circular 01/2022/TT-BXD), no exception for one person; 50 M as given in Phú Bình, Thái Nguyên (the amount varies by province: unconfirmed).',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(10,'great_solidarity','repair','great_solidarity',25000000,NULL,NULL,0,'Great Solidarity House repair: amount varies by province (unconfirmed).',0,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(11,'disaster_recovery','new_build','disaster_recovery',40000000,NULL,NULL,0,'House collapsed or swept away: 40 M. Decree 20/2021/NĐ-CP Art. 15 (minimum support; provinces may top it up).',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(12,'disaster_recovery','repair','disaster_recovery',20000000,NULL,NULL,0,'House severely damaged: 20 M. Decree 20/2021/NĐ-CP Art. 15 (minimum support; provinces may top it up).',1,'2026-12-08 05:38:34',1,70);
INSERT INTO "programme_rule" VALUES(13,'disaster_recovery','relocation','disaster_recovery',30000000,NULL,NULL,0,'Emergency relocation: 30 M. Decree 20/2021/NĐ-CP Art. 15 (minimum support; provinces may top it up).',1,'2026-12-08 05:38:34',1,70);
CREATE TABLE "province" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(2) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL
);
INSERT INTO "province" VALUES(1,'19','Thái Nguyên');
CREATE TABLE "register_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL  /* POVERTY: poverty\nMERIT: merit */,
    "year" SMALLINT NOT NULL,
    "row" INT NOT NULL,
    "match" VARCHAR(12) NOT NULL  /* ID_NUMBER: id_number\nNAME_HAMLET: name_hamlet\nCHOSEN: chosen\nLINKED: linked\nSEVERAL: several\nNONE: none */,
    "candidates" JSON NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "name_key" VARCHAR(120) NOT NULL,
    "id_number" VARCHAR(20) NOT NULL,
    "hamlet" VARCHAR(120) NOT NULL,
    "birth_year" SMALLINT,
    "poverty_status" VARCHAR(10)   /* POOR: poor\nNEAR_POOR: near_poor\nNONE: none */,
    "merit_kind" VARCHAR(20)   /* PRE_1945: pre_1945\nPRE_UPRISING: pre_uprising\nMARTYR: martyr\nHEROIC_MOTHER: heroic_mother\nARMED_FORCES_HERO: armed_forces_hero\nLABOUR_HERO: labour_hero\nWAR_INVALID: war_invalid\nSICK_SOLDIER: sick_soldier\nTOXIC_CHEMICALS: toxic_chemicals\nPRISONER: prisoner\nRESISTANCE: resistance\nHELPED_REVOLUTION: helped_revolution\nMARTYR_RELATIVE: martyr_relative\nRELATIVE: relative */,
    "kind_text" VARCHAR(120) NOT NULL,
    "extra" JSON NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "household_id" INT REFERENCES "household" ("id") ON DELETE RESTRICT,
    "register_list_id" INT NOT NULL REFERENCES "register_list" ("id") ON DELETE RESTRICT
);
CREATE TABLE "register_list" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL  /* POVERTY: poverty\nMERIT: merit */,
    "year" SMALLINT NOT NULL,
    "status" VARCHAR(10) NOT NULL  /* PREVIEWED: previewed\nCURRENT: current\nSUPERSEDED: superseded\nCANCELLED: cancelled */,
    "file_name" VARCHAR(255) NOT NULL,
    "file_kind" VARCHAR(4) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "size" INT NOT NULL,
    "sheet" VARCHAR(100) NOT NULL,
    "headers" JSON NOT NULL,
    "extra_columns" JSON NOT NULL,
    "username" VARCHAR(150) NOT NULL,
    "rows" INT NOT NULL,
    "matched" INT NOT NULL,
    "several" INT NOT NULL,
    "unmatched" INT NOT NULL,
    "errors" INT NOT NULL,
    "preview" JSON NOT NULL,
    "report" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "confirmed_at" TIMESTAMP,
    "replaced_by_id" INT,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "uploaded_by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT
);
CREATE TABLE "session" (
    "id" VARCHAR(64) NOT NULL  PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "last_seen_at" TIMESTAMP NOT NULL,
    "ip" VARCHAR(64),
    "user_agent" VARCHAR(255) NOT NULL,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE TABLE "settlement_closing" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "commune_id" INT NOT NULL,
    "closed_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "beneficiary_list_id" INT NOT NULL UNIQUE REFERENCES "beneficiary_list" ("id") ON DELETE RESTRICT
);
CREATE TABLE "settlement_gap" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "commune_id" INT NOT NULL,
    "item" VARCHAR(20) NOT NULL  /* DECISION: decision\nFIRST_MINUTES: first_minutes\nCOMPLETION_MINUTES: completion_minutes\nFIRST_VOUCHER: first_voucher\nSECOND_VOUCHER: second_voucher\nSTARTED_PHOTOS: started_photos\nFIRST_PHOTOS: first_photos\nCOMPLETED_PHOTOS: completed_photos\nHANDOVER_MINUTES: handover_minutes */,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "beneficiary_list_id" INT NOT NULL REFERENCES "beneficiary_list" ("id") ON DELETE RESTRICT,
    "house_case_id" INT NOT NULL REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_settlement__benefic_dc7b2c" UNIQUE ("beneficiary_list_id", "house_case_id", "item")
);
CREATE TABLE "sponsor" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "name_key" VARCHAR(200) NOT NULL UNIQUE,
    "kind" VARCHAR(20) NOT NULL  /* COMPANY: company\nNEWSPAPER: newspaper\nFUND_FOR_THE_POOR: fund_for_the_poor\nMASS_ORGANISATION: mass_organisation\nINDIVIDUAL: individual\nSTATE: state */,
    "contact_person" VARCHAR(150) NOT NULL,
    "phone" VARCHAR(15) NOT NULL,
    "email" VARCHAR(150) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL
);
CREATE TABLE "stage_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "from_stage" VARCHAR(20)   /* PROPOSED: proposed\nAPPROVED: approved\nSTARTED: started\nFOUNDATION_DONE: foundation_done\nTHIRTY_PERCENT_DONE: thirty_percent_done\nCOMPLETED: completed\nHANDED_OVER: handed_over\nPAUSED: paused\nCANCELLED: cancelled */,
    "to_stage" VARCHAR(20) NOT NULL  /* PROPOSED: proposed\nAPPROVED: approved\nSTARTED: started\nFOUNDATION_DONE: foundation_done\nTHIRTY_PERCENT_DONE: thirty_percent_done\nCOMPLETED: completed\nHANDED_OVER: handed_over\nPAUSED: paused\nCANCELLED: cancelled */,
    "on" DATE NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "reason" TEXT,
    "by_id" INT REFERENCES "user" ("id") ON DELETE RESTRICT,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "house_case_id" INT NOT NULL REFERENCES "house_case" ("id") ON DELETE RESTRICT
, "minutes_number" VARCHAR(40), "minutes_on" DATE, "version" INT NOT NULL DEFAULT 1);
CREATE TABLE "submission_key" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "location" VARCHAR(500) NOT NULL,
    "status" INT NOT NULL,
    "body" TEXT,
    "content_type" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT REFERENCES "user" ("id") ON DELETE CASCADE
, "request_digest" VARCHAR(64));
CREATE TABLE "summary_commune_figure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "value" BIGINT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_summary_com_commune_98a527" UNIQUE ("commune_id", "name")
);
CREATE TABLE "summary_digest" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(40) NOT NULL UNIQUE,
    "digest" VARCHAR(64) NOT NULL,
    "rebuilt_at" TIMESTAMP NOT NULL
);
INSERT INTO "summary_digest" VALUES(1,'summary_figure','4ea79a0ea39c5972e9754cbea87cd3053d741d02db1a4563497f59fd06304d0c','2026-12-08 05:38:50.180531+00:00');
CREATE TABLE "summary_figure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "hamlet_id" INT NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "value" BIGINT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_summary_fig_commune_c9fdec" UNIQUE ("commune_id", "hamlet_id", "name")
);
CREATE TABLE "summary_province_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "value" BIGINT NOT NULL,
    "province_id" INT NOT NULL REFERENCES "province" ("id") ON DELETE CASCADE
);
CREATE TABLE "tortoise_migrations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "app" VARCHAR(255) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "applied_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_tortoise_mi_app_3803a5" UNIQUE ("app", "name")
);
INSERT INTO "tortoise_migrations" VALUES(1,'models','0001_initial','2026-12-08 05:38:30.595303+00:00');
INSERT INTO "tortoise_migrations" VALUES(2,'models','0002_constraints','2026-12-08 05:38:30.924244+00:00');
INSERT INTO "tortoise_migrations" VALUES(3,'models','0003_audit_append_only','2026-12-08 05:38:30.945674+00:00');
INSERT INTO "tortoise_migrations" VALUES(4,'models','0004_imports','2026-12-08 05:38:30.988760+00:00');
INSERT INTO "tortoise_migrations" VALUES(5,'models','0005_indexes','2026-12-08 05:38:31.415291+00:00');
INSERT INTO "tortoise_migrations" VALUES(6,'models','0006_aid_index','2026-12-08 05:38:31.445651+00:00');
INSERT INTO "tortoise_migrations" VALUES(7,'models','0007_submission_keys','2026-12-08 05:38:31.476105+00:00');
INSERT INTO "tortoise_migrations" VALUES(8,'models','0008_ledger','2026-12-08 05:38:31.971788+00:00');
INSERT INTO "tortoise_migrations" VALUES(9,'models','0009_damage_bands','2026-12-08 05:38:33.531009+00:00');
INSERT INTO "tortoise_migrations" VALUES(10,'models','0010_kept_forms','2026-12-08 05:38:33.567531+00:00');
INSERT INTO "tortoise_migrations" VALUES(11,'models','0011_clean_text','2026-12-08 05:38:33.765069+00:00');
INSERT INTO "tortoise_migrations" VALUES(12,'models','0012_papers','2026-12-08 05:38:33.936148+00:00');
INSERT INTO "tortoise_migrations" VALUES(13,'models','0013_disaster_reports','2026-12-08 05:38:34.156690+00:00');
INSERT INTO "tortoise_migrations" VALUES(14,'models','0014_house_cases_over_time','2026-12-08 05:38:34.248973+00:00');
INSERT INTO "tortoise_migrations" VALUES(15,'models','0015_programme_rules','2026-12-08 05:38:34.466167+00:00');
INSERT INTO "tortoise_migrations" VALUES(16,'models','0016_summaries','2026-12-08 05:38:34.758138+00:00');
INSERT INTO "tortoise_migrations" VALUES(17,'models','0017_ledger_figures','2026-12-08 05:38:35.331460+00:00');
INSERT INTO "tortoise_migrations" VALUES(18,'models','0018_filtered_summaries','2026-12-08 05:38:35.978512+00:00');
INSERT INTO "tortoise_migrations" VALUES(19,'models','0019_province_donors','2026-12-08 05:38:36.240471+00:00');
INSERT INTO "tortoise_migrations" VALUES(20,'models','0020_versions','2026-12-08 05:38:36.541207+00:00');
INSERT INTO "tortoise_migrations" VALUES(21,'models','0021_users_roles','2026-12-08 05:38:36.639760+00:00');
INSERT INTO "tortoise_migrations" VALUES(22,'models','0022_summary_digest','2026-12-08 05:38:36.680723+00:00');
INSERT INTO "tortoise_migrations" VALUES(23,'models','0023_submission_key_digest','2026-12-08 05:38:36.855462+00:00');
INSERT INTO "tortoise_migrations" VALUES(24,'models','0024_beneficiary_lists','2026-12-08 05:38:37.655299+00:00');
INSERT INTO "tortoise_migrations" VALUES(25,'models','0025_eligibility','2026-12-08 05:38:37.961691+00:00');
INSERT INTO "tortoise_migrations" VALUES(26,'models','0026_vouchers','2026-12-08 05:38:38.428148+00:00');
INSERT INTO "tortoise_migrations" VALUES(27,'models','0027_case_decision','2026-12-08 05:38:38.524678+00:00');
INSERT INTO "tortoise_migrations" VALUES(28,'models','0028_decision_scan','2026-12-08 05:38:39.176677+00:00');
INSERT INTO "tortoise_migrations" VALUES(29,'models','0029_registers','2026-12-08 05:38:39.580981+00:00');
INSERT INTO "tortoise_migrations" VALUES(30,'models','0030_report_sending','2026-12-08 05:38:40.720626+00:00');
INSERT INTO "tortoise_migrations" VALUES(31,'models','0031_report_content','2026-12-08 05:38:41.091592+00:00');
INSERT INTO "tortoise_migrations" VALUES(32,'models','0032_campaigns_receipts','2026-12-08 05:38:42.363425+00:00');
INSERT INTO "tortoise_migrations" VALUES(33,'models','0033_import_progress','2026-12-08 05:38:42.413225+00:00');
INSERT INTO "tortoise_migrations" VALUES(34,'models','0035_special_zones','2026-12-08 05:38:42.814498+00:00');
INSERT INTO "tortoise_migrations" VALUES(35,'models','0036_household_name_order','2026-12-08 05:38:43.126609+00:00');
INSERT INTO "tortoise_migrations" VALUES(36,'models','0037_front_reports','2026-12-08 05:38:43.238203+00:00');
INSERT INTO "tortoise_migrations" VALUES(37,'models','0038_period_reports','2026-12-08 05:38:43.355291+00:00');
INSERT INTO "tortoise_migrations" VALUES(38,'models','0039_bank_statements','2026-12-08 05:38:43.810035+00:00');
INSERT INTO "tortoise_migrations" VALUES(39,'models','0040_goods_stock','2026-12-08 05:38:44.590747+00:00');
INSERT INTO "tortoise_migrations" VALUES(40,'models','0042_province_scope','2026-12-08 05:38:45.378380+00:00');
INSERT INTO "tortoise_migrations" VALUES(41,'models','0043_household_words','2026-12-08 05:38:46.118687+00:00');
INSERT INTO "tortoise_migrations" VALUES(42,'models','0044_fund_totals','2026-12-08 05:38:46.819863+00:00');
INSERT INTO "tortoise_migrations" VALUES(43,'models','0046_fund_province','2026-12-08 05:38:47.304503+00:00');
INSERT INTO "tortoise_migrations" VALUES(44,'models','0047_summary_totals','2026-12-08 05:38:47.878157+00:00');
INSERT INTO "tortoise_migrations" VALUES(45,'models','0050_statement_totals','2026-12-08 05:38:49.798820+00:00');
INSERT INTO "tortoise_migrations" VALUES(46,'models','0053_ledger_level_totals','2026-12-08 05:38:49.919489+00:00');
CREATE TABLE "user" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "username" VARCHAR(150) NOT NULL UNIQUE, "password_hash" VARCHAR(255) NOT NULL, "full_name" VARCHAR(150) NOT NULL, "role" VARCHAR(32) NOT NULL, "commune_id" INT REFERENCES "commune" ("id") ON DELETE RESTRICT, "sponsor_id" INT REFERENCES "sponsor" ("id") ON DELETE RESTRICT, "is_active" INT NOT NULL, "language" VARCHAR(2), "created_at" TIMESTAMP NOT NULL, "last_login_at" TIMESTAMP, "version" INT NOT NULL DEFAULT 1, "province_id" INT REFERENCES "province" ("id") ON DELETE RESTRICT);
CREATE TABLE "voucher" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "tranche" VARCHAR(8) NOT NULL  /* FIRST: first\nSECOND: second */,
    "amount" BIGINT NOT NULL,
    "split" JSON NOT NULL,
    "year" SMALLINT NOT NULL,
    "seq" INT NOT NULL,
    "number" VARCHAR(30) NOT NULL,
    "paid_on" DATE NOT NULL,
    "paid_by" VARCHAR(120) NOT NULL,
    "receiver_name" VARCHAR(120) NOT NULL,
    "signed" INT NOT NULL,
    "signed_on" DATE,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "commune_id" INT NOT NULL REFERENCES "commune" ("id") ON DELETE RESTRICT,
    "house_case_id" INT NOT NULL REFERENCES "house_case" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_voucher_house_c_f02b40" UNIQUE ("house_case_id", "tranche"),
    CONSTRAINT "uid_voucher_commune_6547c4" UNIQUE ("commune_id", "year", "seq")
);
CREATE INDEX "idx_login_attem_usernam_26df3c" ON "login_attempt" ("username_key", "at");
CREATE INDEX "idx_login_attem_ip_fd19f8" ON "login_attempt" ("ip", "at");
CREATE INDEX "idx_aid_visit_commune_802013" ON "aid_visit" ("commune_id", "visited_on");
CREATE INDEX "idx_former_unit_code_7a29ad" ON "former_unit" ("code");
CREATE INDEX "idx_former_unit_name_ke_299ab4" ON "former_unit" ("name_key");
CREATE INDEX "idx_handover_commune_f8979c" ON "handover" ("commune_id", "held_on");
CREATE UNIQUE INDEX "uidx_handover_sp_handove_b108c2" ON "handover_sponsor" ("handover_id", "sponsor_id");
CREATE INDEX "idx_pledge_commune_1a8e84" ON "pledge" ("commune_id", "sponsor_id");
CREATE INDEX "idx_audit_entry_at_c3f19e" ON "audit_entry" ("at");
CREATE INDEX "idx_audit_entry_action_a20b3a" ON "audit_entry" ("action");
CREATE INDEX "idx_audit_entry_entity_75c528" ON "audit_entry" ("entity");
CREATE INDEX "idx_photo_checksu_feaab9" ON "photo" ("checksum");
CREATE INDEX "idx_photo_house_c_411d08" ON "photo" ("house_case_id", "stage");
CREATE INDEX "idx_session_last_se_07057d" ON "session" ("last_seen_at");
CREATE INDEX "idx_stage_event_commune_3e4b85" ON "stage_event" ("commune_id", "to_stage", "on");
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE INDEX "idx_import_batc_checksu_77a931" ON "import_batch" ("checksum");
CREATE INDEX "idx_import_batc_commune_8c0370" ON "import_batch" ("commune_id", "checksum", "status");
CREATE INDEX "idx_household_phone_65488e" ON "household" ("phone");
CREATE INDEX "idx_household_commune_80f094" ON "household" ("commune_id", "head_name_key");
CREATE INDEX "idx_household_commune_60a78e" ON "household" ("commune_id", "hamlet_id");
CREATE UNIQUE INDEX "uid_house_case_commune_9c1e15" ON "house_case" ("commune_id", "year", "seq");
CREATE INDEX "idx_house_case_commune_ab0e59" ON "house_case" ("commune_id", "programme", "kind", "stage");
CREATE INDEX "idx_house_case_commune_beac5a" ON "house_case" ("commune_id", "hamlet_id", "stage");
CREATE INDEX "idx_house_case_stage_afed4c" ON "house_case" ("stage", "started_on");
CREATE INDEX "idx_contributio_commune_eb87f4" ON "contribution" ("commune_id", "source", "amount_pledged", "amount_disbursed");
CREATE INDEX "idx_contributio_sponsor_664fa3" ON "contribution" ("sponsor_id", "house_case_id");
CREATE UNIQUE INDEX "uid_aid_given_visit_i_415cb1" ON "aid_given" ("visit_id", "household_id");
CREATE INDEX "idx_aid_given_commune_f21f1c" ON "aid_given" ("commune_id", "hamlet_id", "household_id", "cash", "goods_value");
CREATE INDEX "idx_audit_entry_entity_cc7790" ON "audit_entry" ("entity", "entity_id");
CREATE INDEX "idx_house_case_commune_07db44" ON "house_case" ("commune_id", "stage", "started_on");
CREATE INDEX "idx_house_case_househo_0dbda0" ON "house_case" ("household_id");
CREATE INDEX "idx_house_case_year_e359ff" ON "house_case" ("year", "commune_id", "seq");
CREATE INDEX "idx_household_commune_a12d59" ON "household" ("commune_id", "archived_at", "head_name_key");
CREATE INDEX "idx_aid_given_commune_eaca2a" ON "aid_given" ("commune_id", "household_id", "cash", "goods_value");
CREATE INDEX "idx_submission__created_946645" ON "submission_key" ("created_at");
CREATE INDEX "idx_ledger_dona_sponsor_a6558b" ON "ledger_donation" ("sponsor_id");
CREATE INDEX "idx_ledger_allo_fund_id_54de0a" ON "ledger_allocation" ("fund_id", "allocated_on");
CREATE INDEX "idx_ledger_allo_commune_878ecc" ON "ledger_allocation" ("commune_id", "allocated_on");
CREATE UNIQUE INDEX "uid_damage_asse_househo_c3090c" ON "damage_assessment" ("household_id", "disaster_id");
CREATE INDEX "idx_damage_asse_commune_4d4625" ON "damage_assessment" ("commune_id", "band", "relocated");
CREATE INDEX "idx_kept_form_created_a317af" ON "kept_form" ("created_at");
CREATE INDEX "idx_disaster_re_disaste_ee0c15" ON "disaster_report" ("disaster_id", "as_of", "commune_id");
CREATE UNIQUE INDEX "uq_house_case_one_open" ON "house_case" ("household_id") WHERE stage NOT IN ('handed_over', 'cancelled');
CREATE INDEX "idx_house_case_commune_a720a0" ON "house_case" ("commune_id", "stage", "handed_over_on");
CREATE INDEX "idx_stage_event_house_c_afe3d3" ON "stage_event" ("house_case_id");
CREATE INDEX "idx_ledger_dono_commune_50fef3" ON "ledger_donor_total" ("commune_id");
CREATE INDEX "idx_ledger_figu_year_046c93" ON "ledger_figure" ("year", "level");
CREATE INDEX "idx_ledger_figu_commune_080dff" ON "ledger_figure" ("commune_id", "year");
CREATE INDEX "idx_damage_asse_disaste_48f995" ON "damage_assessment" ("disaster_id", "commune_id", "band", "relocated", "household_id");
CREATE INDEX "idx_damage_asse_commune_7ea204" ON "damage_assessment" ("commune_id", "hamlet_id", "band", "relocated", "household_id");
CREATE INDEX "idx_house_case_disaste_16e6ee" ON "house_case" ("disaster_id", "commune_id", "programme", "kind", "stage");
CREATE INDEX "idx_contributio_house_c_9cb71e" ON "contribution" ("house_case_id", "commune_id", "source", "amount_pledged", "amount_disbursed");
CREATE INDEX "idx_ledger_prov_total_5fdc7c" ON "ledger_province_donor" ("total");
CREATE INDEX "idx_list_compla_benefic_7a3d04" ON "list_complaint" ("beneficiary_list_id", "id");
CREATE INDEX "idx_complaint_a_ip_e02c85" ON "complaint_attempt" ("ip", "at");
CREATE INDEX "idx_beneficiary_benefic_b0a5a7" ON "beneficiary_revision" ("beneficiary_list_id", "id");
CREATE INDEX "idx_eligibility_househo_c9112b" ON "eligibility_override" ("household_id", "programme");
CREATE INDEX "idx_voucher_commune_ed2bd3" ON "voucher" ("commune_id", "paid_on");
CREATE INDEX "idx_register_li_checksu_9f1be4" ON "register_list" ("checksum");
CREATE INDEX "idx_register_li_commune_086ddb" ON "register_list" ("commune_id", "kind", "year", "status");
CREATE INDEX "idx_register_en_househo_a39e92" ON "register_entry" ("household_id", "kind", "year");
CREATE INDEX "idx_register_en_registe_57d891" ON "register_entry" ("register_list_id", "row");
CREATE UNIQUE INDEX "uq_register_list_current" ON "register_list" ("commune_id", "kind", "year") WHERE status = 'current';
CREATE UNIQUE INDEX "uid_ledger_dona_receipt_b55b49" ON "ledger_donation" ("receipt_token");
CREATE UNIQUE INDEX "uid_ledger_dona_campaig_3757c1" ON "ledger_donation" ("campaign_id", "fund_id", "receipt_seq");
CREATE INDEX "idx_commune_name_ke_b2d5ec" ON "commune" ("name_key");
CREATE INDEX "idx_household_archive_8ca422" ON "household" ("archived_at", "head_name_key", "id");
CREATE INDEX "idx_front_repor_commune_a11e4b" ON "front_report" ("commune_id", "year", "month");
CREATE INDEX "idx_front_repor_sent_at_e8dab0" ON "front_report" ("sent_at");
CREATE INDEX "idx_period_repo_commune_05a877" ON "period_report" ("commune_id", "kind", "ends_on");
CREATE INDEX "idx_period_repo_disaste_e8d928" ON "period_report" ("disaster_id", "commune_id");
CREATE INDEX "idx_ledger_bank_fund_id_71d6ef" ON "ledger_bank_statement" ("fund_id", "imported_at");
CREATE INDEX "idx_ledger_bank_account_25a085" ON "ledger_bank_statement" ("account_number");
CREATE INDEX "idx_ledger_bank_stateme_3a49eb" ON "ledger_bank_line" ("statement_id", "state");
CREATE INDEX "idx_commune_provinc_9dc770" ON "commune" ("province_id", "name_key");
CREATE INDEX "idx_household_w_commune_e8ee44" ON "household_word" ("commune_id", "tail", "household_id");
CREATE INDEX "idx_household_w_tail_87318f" ON "household_word" ("tail", "household_id");
CREATE INDEX "idx_household_w_househo_fcddf9" ON "household_word" ("household_id");
CREATE INDEX "idx_ledger_allo_allocat_3e264b" ON "ledger_allocation" ("allocated_on", "id");
CREATE INDEX "idx_ledger_allo_reverse_db640d" ON "ledger_allocation" ("reverses_id");
CREATE INDEX "idx_ledger_dona_campaig_0304ea" ON "ledger_donation" ("campaign_id", "received_on", "id");
CREATE INDEX "idx_ledger_allocation_visit" ON "ledger_allocation" ("aid_visit_id") WHERE "aid_visit_id" IS NOT NULL;
CREATE INDEX "idx_ledger_allocation_contribution" ON "ledger_allocation" ("contribution_id") WHERE "contribution_id" IS NOT NULL;
CREATE INDEX "idx_ledger_allocation_donation" ON "ledger_allocation" ("donation_id") WHERE "donation_id" IS NOT NULL;
CREATE INDEX "idx_ledger_figure_commune_sums" ON "ledger_figure" ("commune_id", "year", "level", "received", "allocated", "spent");
CREATE UNIQUE INDEX "uid_ledger_fund_province" ON "ledger_fund" ("level", "province_id") WHERE "commune_id" IS NULL;
CREATE INDEX "idx_summary_pro_provinc_737177" ON "summary_province_change" ("province_id", "name");
CREATE INDEX "idx_ledger_dona_fund_id_603011" ON "ledger_donation" ("fund_id", "received_on", "id");
CREATE INDEX "idx_ledger_dona_commune_8e3188" ON "ledger_donation" ("commune_id", "received_on", "id");
CREATE INDEX "idx_ledger_dona_commune_38e611" ON "ledger_donation" ("commune_id", "campaign_id", "received_on", "id");
CREATE INDEX "idx_house_case_commune_cb373d" ON "house_case" ("commune_id", "completed_on", "id");
CREATE INDEX "idx_ledger_donation_no_commune_day" ON "ledger_donation" ("received_on", "id") WHERE "commune_id" IS NULL;
CREATE INDEX "idx_ledger_donation_no_commune_campaign" ON "ledger_donation" ("campaign_id", "received_on", "id") WHERE "commune_id" IS NULL;
CREATE INDEX "idx_ledger_leve_provinc_14e1fb" ON "ledger_level_change" ("province_key", "year", "level");
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('tortoise_migrations',46);
INSERT INTO "sqlite_sequence" VALUES('aid_given',0);
INSERT INTO "sqlite_sequence" VALUES('contribution',0);
INSERT INTO "sqlite_sequence" VALUES('house_case',0);
INSERT INTO "sqlite_sequence" VALUES('household',0);
INSERT INTO "sqlite_sequence" VALUES('damage_assessment',0);
INSERT INTO "sqlite_sequence" VALUES('programme_rule',13);
INSERT INTO "sqlite_sequence" VALUES('commune',92);
INSERT INTO "sqlite_sequence" VALUES('user',0);
INSERT INTO "sqlite_sequence" VALUES('ledger_statement_total',0);
INSERT INTO "sqlite_sequence" VALUES('ledger_level_change',0);
INSERT INTO "sqlite_sequence" VALUES('province',1);
INSERT INTO "sqlite_sequence" VALUES('former_unit',283);
INSERT INTO "sqlite_sequence" VALUES('hamlet',76);
INSERT INTO "sqlite_sequence" VALUES('summary_digest',1);
COMMIT;
