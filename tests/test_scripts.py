"""Line knowledge in scripts beyond Latin and Cyrillic: Arabic, Hebrew, Greek, Thai,
Japanese, Chinese (and Russian, checked alongside). Each language has examples and
counter-examples: a sentence that mentions a month is not a date line, a headline
that opens with a byline word is not a byline."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reader.parse.bylines import Meta, is_person_name, name_line_authors, read_meta
from reader.parse.dates import find_date, parse_clock
from reader.parse.lines import ends_sentence, is_chrome, is_credit_line, is_label, is_terminator, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Japanese and Chinese
        ("2024年3月5日 10時30分", datetime(2024, 3, 5, 10, 30)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("2024年3月5日（火） 9時05分", datetime(2024, 3, 5, 9, 5)),
        ("２０２４年３月５日 １０：３０", datetime(2024, 3, 5, 10, 30)),
        ("2024/03/05 10:30", datetime(2024, 3, 5, 10, 30)),
        ("2024-03-18 09:15:32", datetime(2024, 3, 18, 9, 15, 32)),
        ("2024年3月18日 09:15", datetime(2024, 3, 18, 9, 15)),
        ("2024年3月18日 9时15分", datetime(2024, 3, 18, 9, 15)),
        # Korean
        ("2024년 3월 5일 10:30", datetime(2024, 3, 5, 10, 30)),
        # Thai, Buddhist era
        ("5 มีนาคม 2567 10:30 น.", datetime(2024, 3, 5, 10, 30)),
        ("5 มี.ค. 2567", date(2024, 3, 5)),
        ("12 กุมภาพันธ์ 2567", date(2024, 2, 12)),
        ("5 มีนาคม พ.ศ. 2567", date(2024, 3, 5)),
        ("05/03/2567 08:00", datetime(2024, 3, 5, 8, 0)),
        ("5 มีนาคม 2024", date(2024, 3, 5)),  # already CE: kept
        # Arabic: Egyptian/Gulf, Levantine/Iraqi, Maghreb names; Arabic-Indic digits
        ("12 فبراير 2024 - 09:45", datetime(2024, 2, 12, 9, 45)),
        ("12 كانون الثاني 2024", date(2024, 1, 12)),
        ("3 تشرين الأول 2023", date(2023, 10, 3)),
        ("5 آذار 2024", date(2024, 3, 5)),
        ("الاثنين 12 شباط/فبراير 2024", date(2024, 2, 12)),
        ("14 أبريل 2024", date(2024, 4, 14)),
        ("14 ابريل 2024", date(2024, 4, 14)),
        ("7 جويلية 2023", date(2023, 7, 7)),
        ("١٢ فبراير ٢٠٢٤ ١٠:٣٠", datetime(2024, 2, 12, 10, 30)),
        ("5 مارس 2024 - 10:30 م", datetime(2024, 3, 5, 22, 30)),
        ("5 مارس 2024 - 10:30 ص", datetime(2024, 3, 5, 10, 30)),
        # Hebrew
        ("14 במאי 2024 08:20", datetime(2024, 5, 14, 8, 20)),
        ("3 בינואר 2024", date(2024, 1, 3)),
        ("20 במרץ 2024", date(2024, 3, 20)),
        ("14.05.2024, 08:20", datetime(2024, 5, 14, 8, 20)),
        # Greek: genitive, nominative, capitals without accents
        ("15 Απριλίου 2024, 11:05", datetime(2024, 4, 15, 11, 5)),
        ("1 Ιανουαρίου 2024", date(2024, 1, 1)),
        ("3 Μαΐου 2024", date(2024, 5, 3)),
        ("3 ΜΑΪΟΥ 2024", date(2024, 5, 3)),
        ("16 ΑΠΡΙΛΙΟΥ 2024 09:00", datetime(2024, 4, 16, 9, 0)),
        ("Μάρτιος 5, 2024", date(2024, 3, 5)),
        # Russian genitive months
        ("5 марта 2024, 14:20", datetime(2024, 3, 5, 14, 20)),
        ("1 декабря 2023 г.", date(2023, 12, 1)),
    ],
)
def test_dates_in_other_scripts(text: str, expected: datetime | date) -> None:
    found = find_date(text)
    assert found is not None
    assert found.value == expected
    assert type(found.value) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        "5 มีนาคม",  # no year
        "3月5日",  # no year
        "مارس الماضي",
        "הרכבת תפעל במאי",
        "Τον Απρίλιο του επόμενου έτους",
        "2024年度の予算",  # a fiscal year, not a date
        "版本 2024.1",
    ],
)
def test_no_date(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10時30分", (10, 30)),
        ("9:05 م", (21, 5)),
        ("9:05 مساءً", (21, 5)),
        ("9:05 صباحاً", (9, 5)),
    ],
)
def test_clock_times(text: str, expected: tuple[int, int]) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dates with their published / updated words
        ("نُشر في: 12 فبراير 2024 - 09:45", Meta(published=datetime(2024, 2, 12, 9, 45))),
        ("آخر تحديث: 12 فبراير 2024 - 13:20", Meta(published=datetime(2024, 2, 12, 13, 20), updated=True)),
        ("פורסם: 14.05.2024, 08:20", Meta(published=datetime(2024, 5, 14, 8, 20))),
        ("עודכן: 14.05.2024, 11:02", Meta(published=datetime(2024, 5, 14, 11, 2), updated=True)),
        ("יום שלישי, 14 במאי 2024 08:20", Meta(published=datetime(2024, 5, 14, 8, 20))),
        ("Δημοσιεύθηκε: 15 Απριλίου 2024, 11:05", Meta(published=datetime(2024, 4, 15, 11, 5))),
        ("Ενημερώθηκε: 16 Απριλίου 2024, 09:00", Meta(published=datetime(2024, 4, 16, 9, 0), updated=True)),
        (
            "Δημοσιεύθηκε: 15 Απριλίου 2024 | Ενημερώθηκε: 16 Απριλίου 2024",
            Meta(published=date(2024, 4, 15)),
        ),
        ("公開日：2024/03/05 10:30", Meta(published=datetime(2024, 3, 5, 10, 30))),
        ("更新日時：2024年3月6日 9時05分", Meta(published=datetime(2024, 3, 6, 9, 5), updated=True)),
        ("2024年3月5日 10時30分", Meta(published=datetime(2024, 3, 5, 10, 30))),
        ("发布时间：2024-03-18 09:15", Meta(published=datetime(2024, 3, 18, 9, 15))),
        ("วันอังคารที่ 5 มีนาคม 2567 เวลา 10:30 น.", Meta(published=datetime(2024, 3, 5, 10, 30))),
        ("เผยแพร่: 5 มี.ค. 2567 10:30 น.", Meta(published=datetime(2024, 3, 5, 10, 30))),
        ("อัปเดตล่าสุด 6 มี.ค. 2567 12:00 น.", Meta(published=datetime(2024, 3, 6, 12, 0), updated=True)),
        ("Опубликовано: 05.03.2024, 14:20", Meta(published=datetime(2024, 3, 5, 14, 20))),
        ("Обновлено: 05.03.2024, 16:02", Meta(published=datetime(2024, 3, 5, 16, 2), updated=True)),
        # bylines
        ("بقلم: سلمى الحداد", Meta(authors=("سلمى الحداد",))),
        ("كتب: محمد عبد الله", Meta(authors=("محمد عبد الله",))),
        ("بقلم سلمى الحداد و كريم ناصر", Meta(authors=("سلمى الحداد", "كريم ناصر"))),
        ("מאת נועה ברגר", Meta(authors=("נועה ברגר",))),
        ("מאת נועה ברגר, ירושלים", Meta(authors=("נועה ברגר",))),  # the place goes
        ("Του Γιάννη Παπαδόπουλου", Meta(authors=("Γιάννη Παπαδόπουλου",))),
        ("Της Ελένης Παπαδάκη", Meta(authors=("Ελένης Παπαδάκη",))),
        ("Γράφει ο Νίκος Σταθάκης", Meta(authors=("Νίκος Σταθάκης",))),
        ("Γράφει η Ελένη Παπαδάκη", Meta(authors=("Ελένη Παπαδάκη",))),
        ("โดย ปิยะนุช ศรีวงศ์", Meta(authors=("ปิยะนุช ศรีวงศ์",))),
        ("記者 山本美咲", Meta(authors=("山本美咲",))),
        ("作者：王晓雯", Meta(authors=("王晓雯",))),
        ("文／王晓雯", Meta(authors=("王晓雯",))),
        ("本报记者 王晓雯 李明", Meta(authors=("王晓雯", "李明"))),
        ("作者：王晓雯、李明", Meta(authors=("王晓雯", "李明"))),
        ("Автор: Дмитрий Соколов", Meta(authors=("Дмитрий Соколов",))),
        # a name beside the date
        (
            "ปิยะนุช ศรีวงศ์ 5 มีนาคม 2567 10:30 น.",
            Meta(authors=("ปิยะนุช ศรีวงศ์",), published=datetime(2024, 3, 5, 10, 30)),
        ),
        ("سلمى الحداد - 12 فبراير 2024", Meta(authors=("سلمى الحداد",), published=date(2024, 2, 12))),
        # the Chinese source line: the author, not the source
        (
            "2024-03-18 09:15:32　来源：青林日报　作者：王晓雯",
            Meta(authors=("王晓雯",), published=datetime(2024, 3, 18, 9, 15, 32)),
        ),
        (
            "2024-03-18 09:15:32 来源：青林日报 作者：王晓雯",
            Meta(authors=("王晓雯",), published=datetime(2024, 3, 18, 9, 15, 32)),
        ),
        ("2024-03-18 09:15 来源：青林县融媒体中心", Meta(published=datetime(2024, 3, 18, 9, 15))),
        # reading times
        ("5 دقائق قراءة", Meta(read_minutes=5)),
        ("وقت القراءة: 5 دقائق", Meta(read_minutes=5)),
        ("3 דקות קריאה", Meta(read_minutes=3)),
        ("זמן קריאה: 3 דקות", Meta(read_minutes=3)),
        ("Χρόνος ανάγνωσης: 4 λεπτά", Meta(read_minutes=4)),
        ("4 λεπτά ανάγνωσης", Meta(read_minutes=4)),
        ("この記事は約3分で読めます", Meta(read_minutes=3)),
        ("3分で読めます", Meta(read_minutes=3)),
        ("阅读时间：3分钟", Meta(read_minutes=3)),
        ("预计阅读时间3分钟", Meta(read_minutes=3)),
        ("อ่าน 3 นาที", Meta(read_minutes=3)),
        ("ใช้เวลาอ่าน 3 นาที", Meta(read_minutes=3)),
        ("Время чтения: 3 минуты", Meta(read_minutes=3)),
        ("5 мин чтения", Meta(read_minutes=5)),
    ],
)
def test_meta_lines(text: str, expected: Meta) -> None:
    assert read_meta(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sentences that mention a date
        "وأضاف العمري أن المحطة افتتحت في 12 فبراير 2024 بحضور المسؤولين المحليين وعدد من الضيوف.",
        "הרכבת הקלה תפעל בשבתות החל מ-14 במאי 2024 ועד סוף ספטמבר, כך הודיעה העירייה.",
        "Το πλοίο θα ξεκινήσει δρομολόγια στις 15 Απριλίου 2024 από το λιμάνι της Καλαμούς.",
        "ในวันที่ 5 มีนาคม 2567 ทางอำเภอได้จัดงานเปิดสะพานอย่างเป็นทางการ และมีชาวบ้านมาร่วมงานจำนวนมาก",
        "海鳴市は2024年3月5日に新しい施設の完成式を開いた。",
        "海鳴市は2024年3月5日に新しい施設の完成式を開いた",
        "县住建局表示，二期工程将于2024年4月1日启动。",
        "Спасатели 5 марта 2024 года сняли с льдины 27 рыбаков на водохранилище.",
        # headlines that open with a byline word
        "كتب الرئيس رسالة إلى الوزير الأول عن الاتفاق الجديد",
        "Της Αθήνας το μεγαλείο",
        "Του έδωσαν το βραβείο",
        "記者会見で首相が表明",
        "記者 会見を開いて説明した",
        "记者 陈立新 摄",
        "โดย ทางอำเภอได้จัดงานเปิดสะพานอย่างเป็นทางการ",
        # a reading-time word in a headline
        "ย่นเวลาเดินทางชาวบ้านหาดทรายเหลือ 10 นาที",
    ],
)
def test_not_meta_lines(text: str) -> None:
    assert read_meta(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سلمى الحداد", ("سلمى الحداد",)),
        ("محمد بن عبد الله", ("محمد بن عبد الله",)),
        ("נועה ברגר", ("נועה ברגר",)),
        ("ปิยะนุช ศรีวงศ์", ("ปิยะนุช ศรีวงศ์",)),
        ("ปิยะนุช ศรีวงศ์ และ สมชาย ทองดี", ("ปิยะนุช ศรีวงศ์", "สมชาย ทองดี")),
        ("Ελένη Παπαδάκη", ("Ελένη Παπαδάκη",)),
        ("Ελένη Παπαδάκη και Νίκος Σταθάκης", ("Ελένη Παπαδάκη", "Νίκος Σταθάκης")),
        # no prefix: a CJK word is no name on its own
        ("山本美咲", None),
        ("王晓雯", None),
        # roles, sentences and long runs are not names
        ("مراسل الجزيرة", None),
        ("הכתב הצבאי שלנו כותב היום על התרגיל הגדול", None),
        ("هل هذا صحيح؟", None),
        ("ทางอำเภอได้จัดงานเปิดสะพานอย่างเป็นทางการ และมีชาวบ้าน", None),
        ("سلمى", None),
    ],
)
def test_name_lines(text: str, expected: tuple[str, ...] | None) -> None:
    assert name_line_authors(text) == expected


def test_person_names_without_capitals() -> None:
    assert is_person_name("سلمى الحداد")
    assert is_person_name("נועה ברגר")
    assert not is_person_name("سلمى الحداد محمد علي حسن")  # five words
    assert not is_person_name("نُشر 2024")
    assert not is_person_name("עורך ראשי")


@pytest.mark.parametrize(
    "text",
    [
        # ad labels
        "إعلان",
        "פרסומת",
        "Διαφήμιση",
        "広告",
        "广告",
        "โฆษณา",
        "Реклама",
        # read-also lines
        "اقرأ أيضاً: ارتفاع أسعار المياه المعبأة في أسواق الريحان",
        "اقرأ أيضا: إغلاق الطريق الساحلي",
        "קראו גם: קו האוטובוס לחוף הצפוני יוארך",
        "Διαβάστε επίσης: Αυξάνονται τα εισιτήρια στις άγονες γραμμές",
        "あわせて読みたい：海鳴港のサンマ水揚げ、過去最低に",
        "相关阅读：青林县启动老旧小区改造",
        "อ่านข่าวเพิ่มเติม : ชาวบ้านหาดทรายร้องขอไฟส่องสว่าง",
        "Читайте также: В области закрыли все ледовые переправы",
        # share, print, copy-link buttons and other furniture
        "شارك",
        "نسخ الرابط",
        "שתפו",
        "העתקת קישור",
        "Κοινοποίηση",
        "Αντιγραφή συνδέσμου",
        "แชร์",
        "คัดลอกลิงก์",
        "この記事をシェア",
        "リンクをコピー",
        "分享到：",
        "复制链接",
        "打印",
        "当前位置：首页 > 社会 > 正文",
        "（责任编辑：周敏）",
        "© 2024 صحيفة الساحل. جميع الحقوق محفوظة.",
        "כל הזכויות שמורות",
        # captions closed by their credit
        "محطة التحلية الجديدة على ساحل الريحان الجنوبي (تصوير: كريم ناصر)",
        "רכבת קלה בתחנת הטיילת בנווה ים (צילום: אורי שטרן)",
        "Το νέο πλοίο «Αύρα» κατά τις δοκιμές στον κόλπο. Φωτογραφία: Νίκος Σταθάκης",
        "完成した冷凍施設の前でテープカットをする関係者ら＝4日、海鳴市（撮影・田中健太）",
        "式典であいさつする市長（写真：共同）",
        "施工人员在青林县东门街更换老旧供水管道。记者 陈立新 摄",
        "新建成的供水厂（摄影：王明）",
        "สะพานข้ามแม่น้ำสายทองแห่งใหม่ในอำเภอบ้านหาดทราย (ภาพ: ธนากร มีสุข)",
        "Рыбаков доставили на берег на аэролодках. Фото: пресс-служба ГУ МЧС по области",
        # credit lines on their own
        "تصوير: كريم ناصر",
        "צילום: אורי שטרן",
        "写真：共同通信",
        "摄影：王明",
    ],
)
def test_chrome_lines(text: str) -> None:
    assert is_chrome(text, normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "وقال مدير هيئة المياه في المدينة إن المحطة ستغطي احتياجات نحو 300 ألف نسمة من مياه الشرب.",
        "إعلانات مبوبة في الصحف المحلية",
        "הרכבת הקלה בנווה ים תפעל גם בשבת בקיץ הקרוב",
        "Διαφήμιση και δημοσιογραφία: μια δύσκολη σχέση",
        "海鳴港は全国有数のサンマの水揚げ港だった。",
        "広告主の皆様へ",
        "写真を撮る人が増えている。",
        "县住建局相关负责人表示，二期工程将于今年4月启动。",
        "โฆษณาชิ้นใหม่ของบริษัทได้รับความนิยมอย่างมาก",
        "ภาพรวมเศรษฐกิจไทยในปีนี้",
    ],
)
def test_not_chrome_lines(text: str) -> None:
    assert not is_chrome(text, normalise(text))


def test_credit_lines_mark_their_caption() -> None:
    for text in ("تصوير: كريم ناصر", "צילום: אורי שטרן", "Φωτογραφία: Νίκος Σταθάκης", "写真：共同通信"):
        assert is_credit_line(normalise(text))
    assert not is_credit_line(normalise("写真を撮る人が増えている。"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("اقرأ أيضاً:", True),
        ("קראו גם:", True),
        ("Διαβάστε επίσης:", True),
        ("あわせて読みたい", True),
        ("相关阅读", True),
        ("相关阅读：", True),
        ("อ่านข่าวเพิ่มเติม", True),
        ("Читайте также:", True),
        ("כתבות נוספות שיעניינו אותך", True),
        # a read-also line with its headline is chrome, not a label of the next line
        ("اقرأ أيضاً: ارتفاع أسعار المياه", False),
        ("الأكثر قراءة", False),
    ],
)
def test_labels(text: str, label: bool) -> None:
    assert is_label(normalise(text)) is label


@pytest.mark.parametrize(
    ("text", "terminator"),
    [
        ("الوسوم", True),
        ("الأكثر قراءة", True),
        ("مواضيع ذات صلة", True),
        ("التعليقات (12)", True),
        ("כתבות קשורות", True),
        ("הכי נקראים", True),
        ("תגובות", True),
        ("Ετικέτες", True),
        ("Σχετικά άρθρα", True),
        ("Τα πιο δημοφιλή", True),
        ("Δείτε ακόμη", True),
        ("関連記事", True),
        ("この記事を書いた人", True),
        ("アクセスランキング", True),
        ("相关新闻", True),
        ("热点推荐", True),
        ("标签：", True),
        ("แท็กที่เกี่ยวข้อง", True),
        ("ข่าวที่เกี่ยวข้อง", True),
        ("ข่าวยอดนิยม", True),
        ("Теги", True),
        ("Самое читаемое", True),
        # a read-also label only labels one line; the article goes on after it
        ("اقرأ أيضاً:", False),
        ("קראו גם:", False),
        ("あわせて読みたい", False),
        ("כתבות נוספות שיעניינו אותך", False),
        ("اقتصاد", False),
    ],
)
def test_terminators(text: str, terminator: bool) -> None:
    assert is_terminator(normalise(text)) is terminator


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("老朽化した旧施設に代わるもので、約5千トンを保管できる。", True),
        ("「海鳴に戻ってきてほしい」と話した。", True),
        ("「水産業は町の柱。」", True),
        ("水压也足了。”", True),
        ("真的吗？", True),
        ("太好了！", True),
        ("هل هذا صحيح؟", True),
        ("وردت هيئة المياه بأن المحطة مزودة بأنابيب.", True),
        ("海鳴港に新しい冷凍施設が完成 サンマの水揚げ回復に期待", False),
        ("افتتاح أكبر محطة لتحلية المياه", False),
        ("「海鳴に戻ってきてほしい」", False),
    ],
)
def test_sentence_ends(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_link_labels_are_labels_of_their_own() -> None:
    from reader.parse import lines

    assert lines.is_link_label("read also:") and lines.is_link_label("קראו גם")
    assert not lines.is_link_label("image caption,") and lines.is_label("image caption,")
