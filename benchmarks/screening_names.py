"""Name tables and romanisers for the labelled screening pairs (used by make_screening_pairs.py only).

Written by hand for the benchmark, independent of the code under test: katakana forms as Japanese
newspapers and immigration write foreign names, Korean Revised Romanisation with the spellings people
actually put in passports, Russian and Ukrainian transliteration systems (ICAO Doc 9303, BGN/PCGN, the
English press, German and French), Arabic names with their common Latin spellings, Chinese names in
hanzi (simplified and traditional) with pinyin, and a Hepburn/Kunrei romaniser for Japanese kana.
A table row is ``(latin spellings, other-script spellings, ...)``: the first spelling is the usual one,
the others are spellings of the same name that a list or a passport may carry.
"""

from __future__ import annotations

import re
import unicodedata


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# ---------------------------------------------------------------------------------------------------------
# Japanese: extra names (beyond Faker's ja_JP pairs) with long vowels, ん before b/m/p and homophones.
# (kanji, katakana reading, Hepburn romaji with long vowels dropped, as Faker writes them)

JA_EXTRA_FAMILY = [
    ("大野", "オオノ", "Ono"), ("小野", "オノ", "Ono"), ("大橋", "オオハシ", "Ohashi"),
    ("大西", "オオニシ", "Onishi"), ("河野", "コウノ", "Kono"), ("工藤", "クドウ", "Kudo"),
    ("安藤", "アンドウ", "Ando"), ("内藤", "ナイトウ", "Naito"), ("本間", "ホンマ", "Honma"),
    ("難波", "ナンバ", "Nanba"), ("佐野", "サノ", "Sano"), ("大塚", "オオツカ", "Otsuka"),
    ("須藤", "スドウ", "Sudo"), ("服部", "ハットリ", "Hattori"), ("千葉", "チバ", "Chiba"),
    ("上野", "ウエノ", "Ueno"), ("菅", "スガ", "Suga"), ("野口", "ノグチ", "Noguchi"), ("高野", "タカノ", "Takano"),
    ("小島", "コジマ", "Kojima"), ("中野", "ナカノ", "Nakano"), ("原田", "ハラダ", "Harada"),
    ("松井", "マツイ", "Matsui"), ("今井", "イマイ", "Imai"), ("菊地", "キクチ", "Kikuchi"),
    ("新井", "アライ", "Arai"), ("大久保", "オオクボ", "Okubo"), ("宇野", "ウノ", "Uno"),
    ("大竹", "オオタケ", "Otake"), ("神保", "ジンボ", "Jinbo"), ("東", "アズマ", "Azuma"),
    ("坂口", "サカグチ", "Sakaguchi"), ("中山", "ナカヤマ", "Nakayama"), ("小山", "コヤマ", "Koyama"),
    ("山内", "ヤマウチ", "Yamauchi"), ("堂本", "ドウモト", "Domoto"), ("桜井", "サクライ", "Sakurai"),
    ("北野", "キタノ", "Kitano"),
]
JA_EXTRA_GIVEN_MALE = [
    ("健太", "ケンタ", "Kenta"), ("大輔", "ダイスケ", "Daisuke"), ("雄一", "ユウイチ", "Yuichi"),
    ("浩二", "コウジ", "Koji"), ("純一郎", "ジュンイチロウ", "Junichiro"), ("翔", "ショウ", "Sho"),
    ("大樹", "ダイキ", "Daiki"), ("信夫", "ノブオ", "Nobuo"), ("修", "オサム", "Osamu"),
    ("剛", "ツヨシ", "Tsuyoshi"), ("勇太", "ユウタ", "Yuta"), ("洋平", "ヨウヘイ", "Yohei"),
    ("悠斗", "ユウト", "Yuto"), ("蓮", "レン", "Ren"), ("陽翔", "ハルト", "Haruto"),
    ("真一", "シンイチ", "Shinichi"), ("秀樹", "ヒデキ", "Hideki"), ("亮", "リョウ", "Ryo"),
    ("隆", "タカシ", "Takashi"), ("誠", "マコト", "Makoto"), ("純平", "ジュンペイ", "Junpei"),
    ("俊介", "シュンスケ", "Shunsuke"), ("勝", "マサル", "Masaru"), ("拓也", "タクヤ", "Takuya"),
    ("正男", "マサオ", "Masao"), ("恭平", "キョウヘイ", "Kyohei"), ("秀一", "シュウイチ", "Shuichi"),
    ("雄大", "ユウダイ", "Yudai"),
]
JA_EXTRA_GIVEN_FEMALE = [
    ("恵子", "ケイコ", "Keiko"), ("優子", "ユウコ", "Yuko"), ("真由美", "マユミ", "Mayumi"),
    ("美咲", "ミサキ", "Misaki"), ("恭子", "キョウコ", "Kyoko"), ("結菜", "ユイナ", "Yuina"),
    ("美穂", "ミホ", "Miho"), ("由紀", "ユキ", "Yuki"), ("順子", "ジュンコ", "Junko"), ("智子", "トモコ", "Tomoko"),
    ("久美子", "クミコ", "Kumiko"), ("千尋", "チヒロ", "Chihiro"), ("和子", "カズコ", "Kazuko"),
    ("幸子", "サチコ", "Sachiko"), ("洋子", "ヨウコ", "Yoko"), ("京子", "キョウコ", "Kyoko"),
    ("さくら", "サクラ", "Sakura"), ("涼子", "リョウコ", "Ryoko"), ("純子", "ジュンコ", "Junko"),
    ("彩", "アヤ", "Aya"), ("奈々", "ナナ", "Nana"), ("美優", "ミユウ", "Miyu"), ("沙織", "サオリ", "Saori"),
    ("瞳", "ヒトミ", "Hitomi"),
]
# Faker's table has two romanisation slips; a listing would carry the Hepburn spelling.
JA_FAKER_FIXES = {"修平": "Shuhei", "充": "Mitsuru"}

# Katakana to Hepburn (two-kana digraphs first). Small vowels used in loanwords are included for safety.
_KANA_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "チャ": "cha",
    "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo", "ヒャ": "hya", "ヒュ": "hyu",
    "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "リャ": "rya", "リュ": "ryu", "リョ": "ryo",
    "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo", "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya",
    "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
}
_KANA = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
    ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te",
     "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo",
     "ra", "ri", "ru", "re", "ro", "wa", "o", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da",
     "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po"],
    strict=True,
))
_KUNREI = {"shi": "si", "chi": "ti", "tsu": "tu", "fu": "hu", "ji": "zi", "sha": "sya", "shu": "syu", "sho": "syo",
           "cha": "tya", "chu": "tyu", "cho": "tyo", "ja": "zya", "ju": "zyu", "jo": "zyo"}
_MACRON = {"o": "ō", "u": "ū"}


def kana_tokens(kana: str, plain: str) -> list[tuple[str, bool]]:
    """Split a katakana reading into romaji syllables, marking which vowels lengthen the one before.

    ``plain`` is the usual Hepburn spelling with long vowels dropped (Sato for サトウ, but Inoue for
    イノウエ): it decides which ウ/オ are long vowels and which start a new syllable.
    """
    raw: list[str] = []
    i = 0
    geminate = False
    while i < len(kana):
        if kana[i] == "ッ":
            geminate = True
            i += 1
            continue
        syl = _KANA_DIGRAPHS.get(kana[i:i + 2])
        if syl is not None:
            i += 2
        else:
            syl = _KANA[kana[i]]
            i += 1
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        raw.append(syl)
    target = plain.lower()
    tokens: list[tuple[str, bool]] = []
    pos = 0
    for syl in raw:
        prev = tokens[-1][0] if tokens else ""
        may_lengthen = syl in ("u", "o") and prev[-1:] in ("o", "u") and not (syl == "o" and prev[-1:] == "u")
        if may_lengthen and target[pos:pos + 1] != syl:
            tokens.append((syl, True))
            continue
        if not target.startswith(syl, pos):
            raise ValueError(f"cannot align {kana} with {plain}")
        tokens.append((syl, False))
        pos += len(syl)
    if pos != len(target):
        raise ValueError(f"cannot align {kana} with {plain}")
    return tokens


JA_STYLES = ("hepburn", "wapuro", "passport", "macron", "kunrei")


def romanize_kana(kana: str, plain: str, style: str) -> str:
    """One romaji spelling of a reading, capitalised.

    hepburn: long vowels dropped (Sato, Ota, Yosuke); wapuro: written as typed (Satou, Oota, Yousuke);
    passport: OH for a long o and M before b/m/p (Satoh, Ohta, Homma); macron: Satō; kunrei: Kunrei-shiki
    (Syuhei, Mitu, Tuyosi) with long vowels dropped.
    """
    tokens = kana_tokens(kana, plain)
    out: list[str] = []
    for n, (syl, long) in enumerate(tokens):
        if long:
            if style == "wapuro":
                out.append(syl)
            elif style == "passport" and out[-1].endswith("o") and _before_consonant(tokens, n):
                out.append("h")
            elif style == "macron":
                out[-1] = out[-1][:-1] + _MACRON[out[-1][-1]]
            continue
        if style == "kunrei":
            if syl.startswith("tch"):  # geminate: ッチ -> tti
                syl = "t" + _KUNREI["chi" if syl == "tchi" else syl[1:]]
            elif len(syl) > 2 and syl[0] == syl[1]:  # geminate: ッシ -> ssi
                rest = _KUNREI.get(syl[1:], syl[1:])
                syl = rest[0] + rest
            else:
                syl = _KUNREI.get(syl, syl)
        if syl == "n" and style == "passport" and n + 1 < len(tokens) and tokens[n + 1][0][:1] in ("b", "m", "p"):
            syl = "m"
        out.append(syl)
    return "".join(out).capitalize()


def _before_consonant(tokens: list[tuple[str, bool]], n: int) -> bool:
    """Whether the long vowel at ``n`` ends the word or comes before a consonant other than h (OHTA, not OHHASHI)."""
    rest = [syl for syl, long in tokens[n + 1:] if not long]
    return not rest or rest[0][0] not in "aeiouh"


def romaji_key(kana: str) -> str:
    """A coarse key under which two readings cannot be told apart in Latin letters (ユキ/ユウキ, オノ/オオノ)."""
    text = "".join(_raw_syllables(kana))
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text


def _raw_syllables(kana: str) -> list[str]:
    out: list[str] = []
    i = 0
    geminate = False
    while i < len(kana):
        if kana[i] == "ッ":
            geminate = True
            i += 1
            continue
        syl = _KANA_DIGRAPHS.get(kana[i:i + 2])
        if syl is not None:
            i += 2
        else:
            syl = _KANA[kana[i]]
            i += 1
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        out.append(syl)
    return out


# ---------------------------------------------------------------------------------------------------------
# Foreign names in katakana, as Japanese newspapers and immigration write them.
# (latin spellings, katakana spellings, role: given/family, sex: M/F/"" for a family name)

def _rows(culture: str, role: str, sex: str, text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str, str]]:
    rows = []
    for item in text.split(";"):
        item = item.strip()
        if item:
            latin, kata = item.split("=")
            rows.append((culture, _split(latin.strip()), _split(kata.strip()), role, sex))
    return rows


KATAKANA_NAMES = (
    _rows("en", "given", "M", """
        JOHN=ジョン; MICHAEL=マイケル; JAMES=ジェームズ|ジェームス; ROBERT=ロバート; WILLIAM=ウィリアム;
        DAVID=デビッド|デイビッド|デヴィッド; RICHARD=リチャード; THOMAS=トーマス|トマス; CHARLES=チャールズ;
        JOSEPH=ジョセフ; DANIEL=ダニエル; MATTHEW=マシュー; ANTHONY=アンソニー; MARK=マーク; PAUL=ポール;
        STEVEN|STEPHEN=スティーブン|スティーヴン; GEORGE=ジョージ; EDWARD=エドワード; BRIAN=ブライアン;
        KEVIN=ケビン|ケヴィン; JASON=ジェイソン; JEFFREY=ジェフリー; RYAN=ライアン; GARY=ゲイリー|ゲーリー;
        PETER=ピーター; ANDREW=アンドリュー; PATRICK=パトリック; HENRY=ヘンリー; FRANK=フランク; SCOTT=スコット;
        ERIC=エリック; CHRISTOPHER=クリストファー; BENJAMIN=ベンジャミン; SAMUEL=サミュエル; JACK=ジャック;
        HARRY=ハリー; ADAM=アダム; NICHOLAS=ニコラス; TIMOTHY=ティモシー; DONALD=ドナルド; KENNETH=ケネス;
        JOSHUA=ジョシュア""")
    + _rows("en", "given", "F", """
        MARY=メアリー|メアリ; ELIZABETH=エリザベス; JENNIFER=ジェニファー; LINDA=リンダ; PATRICIA=パトリシア;
        BARBARA=バーバラ; SUSAN=スーザン; JESSICA=ジェシカ; SARAH|SARA=サラ; KAREN=カレン; NANCY=ナンシー;
        LISA=リサ; MARGARET=マーガレット; EMILY=エミリー; EMMA=エマ; OLIVIA=オリビア|オリヴィア;
        SOPHIA|SOFIA=ソフィア; CATHERINE|KATHERINE=キャサリン; HELEN=ヘレン; LAURA=ローラ; RACHEL=レイチェル;
        REBECCA=レベッカ; AMANDA=アマンダ; MICHELLE=ミシェル; JULIA=ジュリア; VICTORIA=ビクトリア|ヴィクトリア;
        CHARLOTTE=シャーロット; ALICE=アリス; GRACE=グレース; ANNA=アンナ; JANE=ジェーン; DIANA=ダイアナ;
        AMY=エイミー""")
    + _rows("en", "family", "", """
        SMITH=スミス; JOHNSON=ジョンソン; WILLIAMS=ウィリアムズ|ウィリアムス; BROWN=ブラウン; JONES=ジョーンズ;
        MILLER=ミラー; DAVIS=デービス|デイビス|デイヴィス; WILSON=ウィルソン; ANDERSON=アンダーソン; TAYLOR=テイラー;
        MOORE=ムーア; JACKSON=ジャクソン; THOMPSON=トンプソン; WHITE=ホワイト; HARRIS=ハリス; CLARK=クラーク;
        LEWIS=ルイス; ROBINSON=ロビンソン; WALKER=ウォーカー; YOUNG=ヤング; ALLEN=アレン; KING=キング;
        WRIGHT=ライト; GREEN=グリーン; BAKER=ベーカー|ベイカー; ADAMS=アダムズ|アダムス; NELSON=ネルソン; HILL=ヒル;
        CAMPBELL=キャンベル; MITCHELL=ミッチェル; ROBERTS=ロバーツ; CARTER=カーター; PHILLIPS=フィリップス;
        EVANS=エバンズ|エヴァンズ|エバンス; TURNER=ターナー; PARKER=パーカー; COLLINS=コリンズ; EDWARDS=エドワーズ;
        STEWART=スチュワート|スチュアート; MORRIS=モリス; MURPHY=マーフィー; COOK=クック; ROGERS=ロジャーズ|ロジャース;
        MORGAN=モーガン; COOPER=クーパー; PETERSON=ピーターソン; HUGHES=ヒューズ; BENNETT=ベネット; WOOD=ウッド;
        KELLY=ケリー; HOWARD=ハワード; PRICE=プライス; FOSTER=フォスター; GRAY|GREY=グレイ|グレー""")
    + _rows("de", "given", "M", """
        HANS=ハンス; KLAUS|CLAUS=クラウス; WOLFGANG=ヴォルフガング|ボルフガング; JÜRGEN|JUERGEN|JURGEN=ユルゲン;
        STEFAN=シュテファン; MARKUS|MARCUS=マルクス; ANDREAS=アンドレアス; FRIEDRICH=フリードリヒ; KARL|CARL=カール;
        LUKAS|LUCAS=ルーカス""")
    + _rows("de", "given", "F", """
        ANGELA=アンゲラ; MONIKA=モニカ; URSULA=ウルズラ|ウルスラ; SABINE=ザビーネ; GRETA=グレタ""")
    + _rows("de", "family", "", """
        MÜLLER|MUELLER|MULLER=ミュラー; SCHMIDT=シュミット; SCHNEIDER=シュナイダー; FISCHER=フィッシャー;
        WEBER=ヴェーバー|ウェーバー; MEYER|MEIER=マイヤー; WAGNER=ワーグナー|ヴァーグナー; BECKER=ベッカー;
        SCHULZ=シュルツ; HOFFMANN=ホフマン; KOCH=コッホ; RICHTER=リヒター; KLEIN=クライン; MERKEL=メルケル;
        SCHRÖDER|SCHROEDER|SCHRODER=シュレーダー""")
    + _rows("fr", "given", "M", """
        PIERRE=ピエール; JEAN=ジャン; FRANÇOIS|FRANCOIS=フランソワ; NICOLAS=ニコラ; PHILIPPE=フィリップ;
        LOUIS=ルイ; MICHEL=ミシェル""")
    + _rows("fr", "given", "F", """
        MARIE=マリー; CATHERINE=カトリーヌ; ISABELLE=イザベル; SOPHIE=ソフィー; NATHALIE=ナタリー""")
    + _rows("fr", "family", "", """
        DUPONT=デュポン; MARTIN=マルタン; BERNARD=ベルナール; DUBOIS=デュボア; MOREAU=モロー; LAURENT=ローラン;
        LEFEBVRE=ルフェーブル; GIRARD=ジラール; ROUSSEAU=ルソー; MACRON=マクロン""")
    + _rows("es", "given", "M", """
        CARLOS=カルロス; JOSÉ|JOSE=ホセ; JUAN=フアン; LUIS=ルイス; MIGUEL=ミゲル; ANTONIO=アントニオ;
        FRANCISCO=フランシスコ; PABLO=パブロ; JAVIER=ハビエル""")
    + _rows("es", "given", "F", """
        MARÍA|MARIA=マリア; CARMEN=カルメン; LUCÍA|LUCIA=ルシア; ISABEL=イサベル; ELENA=エレナ""")
    + _rows("es", "family", "", """
        GARCÍA|GARCIA=ガルシア; RODRÍGUEZ|RODRIGUEZ=ロドリゲス; GONZÁLEZ|GONZALEZ=ゴンサレス|ゴンザレス;
        FERNÁNDEZ|FERNANDEZ=フェルナンデス; LÓPEZ|LOPEZ=ロペス; MARTÍNEZ|MARTINEZ=マルティネス;
        SÁNCHEZ|SANCHEZ=サンチェス; PÉREZ|PEREZ=ペレス; GÓMEZ|GOMEZ=ゴメス; HERNÁNDEZ|HERNANDEZ=エルナンデス;
        RAMÍREZ|RAMIREZ=ラミレス; TORRES=トレス; FLORES=フローレス; DÍAZ|DIAZ=ディアス; MORALES=モラレス""")
    + _rows("it", "given", "M", """
        GIUSEPPE=ジュゼッペ; MARCO=マルコ; LUCA=ルカ; GIOVANNI=ジョバンニ|ジョヴァンニ; FRANCESCO=フランチェスコ;
        ALESSANDRO=アレッサンドロ""")
    + _rows("it", "given", "F", "GIULIA=ジュリア; CHIARA=キアラ; FRANCESCA=フランチェスカ")
    + _rows("it", "family", "", """
        ROSSI=ロッシ; RUSSO=ルッソ; FERRARI=フェラーリ; ESPOSITO=エスポジト; BIANCHI=ビアンキ; ROMANO=ロマーノ;
        COLOMBO=コロンボ; RICCI=リッチ; MARINO=マリーノ; GRECO=グレコ""")
    + _rows("ru", "given", "M", """
        VLADIMIR=ウラジーミル|ウラジミール; ALEKSANDR|ALEXANDR|ALEXANDER=アレクサンドル; SERGEI|SERGEY=セルゲイ;
        DMITRY|DMITRII|DMITRI=ドミトリー|ドミトリ; ANDREI|ANDREY=アンドレイ; ALEKSEI|ALEXEI|ALEKSEY=アレクセイ;
        MIKHAIL=ミハイル; IVAN=イワン|イヴァン; NIKOLAI|NIKOLAY=ニコライ; YURI|YURIY|IURII=ユーリー|ユーリ;
        YEVGENY|EVGENY|EVGENII=エフゲニー; OLEG=オレグ; IGOR=イーゴリ|イゴール; VIKTOR|VICTOR=ビクトル|ヴィクトル;
        BORIS=ボリス; PAVEL=パーヴェル|パベル; ANATOLY|ANATOLII=アナトリー; GRIGORY|GRIGORII=グリゴリー""")
    + _rows("ru", "given", "F", """
        NATALYA|NATALIA=ナタリア|ナターリャ; YELENA|ELENA=エレーナ|エレナ; OLGA=オリガ;;
        TATYANA|TATIANA=タチアナ|タチヤーナ;;
        IRINA=イリーナ; SVETLANA=スヴェトラーナ|スベトラーナ; MARIYA|MARIA=マリア; YEKATERINA|EKATERINA=エカテリーナ;
        YULIA|YULIYA|IULIIA=ユリア; ANASTASIA|ANASTASIYA=アナスタシア; LYUDMILA|LIUDMILA=リュドミラ;
        VALENTINA=ワレンチナ|ヴァレンチナ""")
    + _rows("ru", "family", "M", """
        PUTIN=プーチン; IVANOV=イワノフ|イヴァノフ; PETROV=ペトロフ; SMIRNOV=スミルノフ; KUZNETSOV=クズネツォフ;
        POPOV=ポポフ; VASILYEV|VASILIEV=ワシリエフ|ヴァシリエフ; SOKOLOV=ソコロフ; MIKHAILOV=ミハイロフ;
        NOVIKOV=ノビコフ|ノヴィコフ; FEDOROV|FYODOROV=フョードロフ|フェドロフ; MOROZOV=モロゾフ;
        VOLKOV=ヴォルコフ|ボルコフ; LEBEDEV=レベデフ; KOZLOV=コズロフ; ORLOV=オルロフ; SHEVCHENKO=シェフチェンコ;
        KOVALENKO=コワレンコ|コヴァレンコ; ZELENSKY|ZELENSKYY=ゼレンスキー; NAVALNY|NAVALNYY=ナワリヌイ""")
    + _rows("ru", "family", "F", """
        PUTINA=プーチナ; IVANOVA=イワノワ|イヴァノヴァ; PETROVA=ペトロワ; SMIRNOVA=スミルノワ;
        KUZNETSOVA=クズネツォワ; POPOVA=ポポワ; VASILYEVA|VASILIEVA=ワシリエワ|ヴァシリエヴァ; SOKOLOVA=ソコロワ;
        MIKHAILOVA=ミハイロワ; NOVIKOVA=ノビコワ|ノヴィコワ; FEDOROVA=フョードロワ|フェドロワ; MOROZOVA=モロゾワ;
        VOLKOVA=ヴォルコワ|ボルコワ; LEBEDEVA=レベデワ; KOZLOVA=コズロワ; ORLOVA=オルロワ; SHEVCHENKO=シェフチェンコ;
        KOVALENKO=コワレンコ|コヴァレンコ; ZELENSKAYA=ゼレンスカヤ; NAVALNAYA=ナワリナヤ""")
    + _rows("ar", "given", "M", """
        MUHAMMAD|MOHAMMED|MOHAMED|MOHAMMAD=ムハンマド|モハメド|モハメッド; AHMED|AHMAD=アフマド|アハメド;
        ALI=アリ|アリー; OMAR|UMAR=オマル|ウマル; HASSAN|HASAN=ハサン|ハッサン;;
        HUSSEIN|HUSSAIN|HUSAYN=フセイン|フサイン;;
        KHALID|KHALED=ハリド|ハーリド|ハレド; YOUSSEF|YOUSEF|YUSUF=ユースフ|ユセフ|ユーセフ;
        IBRAHIM=イブラヒム|イブラーヒーム; MAHMOUD|MAHMUD=マフムード; MUSTAFA|MOSTAFA=ムスタファ;
        ABDULLAH|ABDALLAH=アブドラ|アブドゥッラー|アブダラ; SAEED|SAID=サイード|サイド; HAMZA|HAMZAH=ハムザ;
        TARIQ|TAREK=ターリク|タレク; KARIM|KAREEM=カリム|カリーム; JAMAL|GAMAL=ジャマル|ジャマール;
        WALID|WALEED=ワリード|ワリド; OSAMA|USAMA=オサマ|ウサマ""")
    + _rows("ar", "given", "F", """
        FATIMA|FATMA=ファティマ|ファーティマ; AISHA|AICHA|AYESHA=アイシャ; MARYAM|MARIAM=マリヤム|マルヤム|マリアム;
        ZAINAB|ZEINAB|ZAYNAB=ザイナブ|ゼイナブ; KHADIJA=ハディージャ|ハディジャ; LAYLA|LEILA|LAILA=ライラ|レイラ;
        NOUR|NUR|NOOR=ヌール; SALMA=サルマ; AMINA|AMINAH=アミナ|アミーナ; HALA=ハラ""")
    + _rows("ar", "family", "", """
        AL-ASSAD|ASSAD|AL ASSAD=アサド|アル・アサド; ABBAS=アッバス|アッバース; MANSOUR|MANSUR=マンスール;
        HADDAD=ハッダード|ハダド; NASSER|NASER=ナセル|ナーセル; KHALIL=ハリール|ハリル; SALEH|SALIH=サーレハ|サレハ;
        RAHMAN=ラフマン|ラーマン; AZIZ=アジズ|アズィーズ; SHARIF|SHARIEF=シャリフ|シャリーフ; HAMDAN=ハムダン;
        AL-MASRI|ALMASRI|EL MASRY=マスリ|アル・マスリ; AL-RASHID|AL RASHEED=ラシード|アル・ラシード; BAKR=バクル;
        OTHMAN|OSMAN=オスマン|ウスマーン; AL-KHATIB|EL KHATIB=ハティーブ|アル・ハティーブ; HAMAD=ハマド;
        QASSEM|QASIM|KASSEM=カセム|カーシム; ZAYED=ザイード|ザーイド""")
)

# ---------------------------------------------------------------------------------------------------------
# Chinese: (simplified, traditional, pinyin)

ZH_FAMILY = [
    ("王", "王", "WANG"), ("李", "李", "LI"), ("张", "張", "ZHANG"), ("刘", "劉", "LIU"), ("陈", "陳", "CHEN"),
    ("杨", "楊", "YANG"), ("黄", "黃", "HUANG"), ("赵", "趙", "ZHAO"), ("吴", "吳", "WU"), ("周", "周", "ZHOU"),
    ("徐", "徐", "XU"), ("孙", "孫", "SUN"), ("马", "馬", "MA"), ("朱", "朱", "ZHU"), ("胡", "胡", "HU"),
    ("郭", "郭", "GUO"), ("何", "何", "HE"), ("高", "高", "GAO"), ("林", "林", "LIN"), ("罗", "羅", "LUO"),
    ("郑", "鄭", "ZHENG"), ("梁", "梁", "LIANG"), ("谢", "謝", "XIE"), ("宋", "宋", "SONG"), ("唐", "唐", "TANG"),
    ("许", "許", "XU"), ("韩", "韓", "HAN"), ("冯", "馮", "FENG"), ("邓", "鄧", "DENG"), ("曹", "曹", "CAO"),
    ("彭", "彭", "PENG"), ("曾", "曾", "ZENG"), ("肖", "蕭", "XIAO"), ("田", "田", "TIAN"), ("董", "董", "DONG"),
    ("袁", "袁", "YUAN"), ("潘", "潘", "PAN"), ("蒋", "蔣", "JIANG"), ("习", "習", "XI"), ("欧阳", "歐陽", "OUYANG"),
    ("司马", "司馬", "SIMA"), ("诸葛", "諸葛", "ZHUGE"), ("上官", "上官", "SHANGGUAN"),
]
ZH_GIVEN_CHARS = [
    ("伟", "偉", "WEI"), ("芳", "芳", "FANG"), ("娜", "娜", "NA"), ("敏", "敏", "MIN"), ("静", "靜", "JING"),
    ("丽", "麗", "LI"), ("强", "強", "QIANG"), ("磊", "磊", "LEI"), ("军", "軍", "JUN"), ("洋", "洋", "YANG"),
    ("勇", "勇", "YONG"), ("艳", "艷", "YAN"), ("杰", "傑", "JIE"), ("娟", "娟", "JUAN"), ("涛", "濤", "TAO"),
    ("明", "明", "MING"), ("超", "超", "CHAO"), ("秀", "秀", "XIU"), ("霞", "霞", "XIA"), ("平", "平", "PING"),
    ("刚", "剛", "GANG"), ("桂", "桂", "GUI"), ("英", "英", "YING"), ("华", "華", "HUA"), ("建", "建", "JIAN"),
    ("国", "國", "GUO"), ("文", "文", "WEN"), ("辉", "輝", "HUI"), ("玲", "玲", "LING"), ("红", "紅", "HONG"),
    ("志", "志", "ZHI"), ("海", "海", "HAI"), ("小", "小", "XIAO"), ("近", "近", "JIN"), ("春", "春", "CHUN"),
    ("东", "東", "DONG"), ("宇", "宇", "YU"), ("浩", "浩", "HAO"), ("博", "博", "BO"), ("雪", "雪", "XUE"),
    ("婷", "婷", "TING"), ("鹏", "鵬", "PENG"), ("飞", "飛", "FEI"), ("龙", "龍", "LONG"), ("凯", "凱", "KAI"),
    ("嘉", "嘉", "JIA"), ("欣", "欣", "XIN"), ("子", "子", "ZI"), ("涵", "涵", "HAN"), ("思", "思", "SI"),
    ("晨", "晨", "CHEN"), ("瑞", "瑞", "RUI"), ("泽", "澤", "ZE"), ("俊", "俊", "JUN"), ("宁", "寧", "NING"),
    ("永", "永", "YONG"), ("德", "德", "DE"), ("振", "振", "ZHEN"), ("庆", "慶", "QING"), ("义", "義", "YI"),
    ("楠", "楠", "NAN"), ("琳", "琳", "LIN"), ("峰", "峰", "FENG"), ("斌", "斌", "BIN"), ("梅", "梅", "MEI"),
]

# ---------------------------------------------------------------------------------------------------------
# Korean: family names with the spellings passports carry; given names are romanised syllable by syllable.

KO_FAMILY = [
    ("김", ("KIM", "GIM")), ("이", ("LEE", "YI", "RHEE")), ("박", ("PARK", "BAK", "PAK")), ("최", ("CHOI", "CHOE")),
    ("정", ("JUNG", "JEONG", "CHUNG")), ("강", ("KANG", "GANG")), ("조", ("CHO", "JO")), ("윤", ("YOON", "YUN")),
    ("장", ("JANG", "CHANG")), ("임", ("LIM", "IM", "YIM")), ("한", ("HAN",)), ("오", ("OH", "O")),
    ("서", ("SEO", "SUH")), ("신", ("SHIN", "SIN")), ("권", ("KWON", "GWON")), ("황", ("HWANG",)),
    ("안", ("AHN", "AN")), ("송", ("SONG",)), ("류", ("RYU", "YOO", "YU")), ("홍", ("HONG",)),
    ("전", ("JEON", "JUN", "CHUN")), ("고", ("KO", "GO")), ("문", ("MOON", "MUN")), ("손", ("SON", "SOHN")),
    ("양", ("YANG",)), ("배", ("BAE",)), ("백", ("BAEK", "PAIK")), ("허", ("HEO", "HUH")), ("남", ("NAM",)),
    ("노", ("NOH", "ROH")),
]
KO_GIVEN_MALE = [
    "민준", "서준", "도윤", "예준", "시우", "하준", "지호", "주원", "지훈", "현우", "준서", "건우", "우진", "성민",
    "동현", "영호", "상철", "정훈", "재원", "민재", "성훈", "영수",
]
KO_GIVEN_FEMALE = [
    "서연", "서윤", "지우", "하은", "민서", "수아", "지민", "윤서", "지은", "수빈", "예은", "혜진", "은지", "미영",
    "영희", "지현", "수진", "민지", "은영", "미경",
]

_KO_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_KO_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
              "yu", "eu", "ui", "i"]
_KO_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
             "ng", "t", "t", "k", "t", "p", "t"]
# Spellings people choose instead of the Revised Romanisation of a syllable (Joon, Hoon, Woo, Hyun, Young...).
KO_POPULAR = {"jun": "joon", "hun": "hoon", "u": "woo", "su": "soo", "hui": "hee", "si": "shi", "seo": "suh",
              "seong": "sung", "hyeon": "hyun", "yeong": "young", "jeong": "jung", "cheol": "chul", "geon": "gun",
              "yun": "yoon", "ju": "joo", "gyeong": "kyung", "sang": "sang", "eun": "eun", "hye": "hye"}


def ko_syllable(char: str) -> str:
    """Revised Romanisation of one Hangul syllable on its own (as names are romanised, no sound changes)."""
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        raise ValueError(char)
    initial, rest = divmod(code, 588)
    medial, final = divmod(rest, 28)
    return _KO_INITIAL[initial] + _KO_MEDIAL[medial] + _KO_FINAL[final]


def ko_given_spellings(given: str) -> set[str]:
    """Every spelling of a given name this benchmark may produce, as a lowercase run of letters."""
    options = [{ko_syllable(c), KO_POPULAR.get(ko_syllable(c), ko_syllable(c))} for c in given]
    out = {""}
    for opts in options:
        out = {a + b for a in out for b in opts}
    return out


# ---------------------------------------------------------------------------------------------------------
# Russian and Ukrainian in Cyrillic. Given names with the male/female patronymic they give; family names
# with the female form.

RU_GIVEN_MALE = [
    ("Владимир", "Владимирович", "Владимировна"), ("Александр", "Александрович", "Александровна"),
    ("Сергей", "Сергеевич", "Сергеевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Андрей", "Андреевич", "Андреевна"),
    ("Алексей", "Алексеевич", "Алексеевна"), ("Михаил", "Михайлович", "Михайловна"), ("Иван", "Иванович", "Ивановна"),
    ("Николай", "Николаевич", "Николаевна"), ("Юрий", "Юрьевич", "Юрьевна"), ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Олег", "Олегович", "Олеговна"), ("Игорь", "Игоревич", "Игоревна"), ("Виктор", "Викторович", "Викторовна"),
    ("Борис", "Борисович", "Борисовна"), ("Павел", "Павлович", "Павловна"), ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Пётр", "Петрович", "Петровна"), ("Фёдор", "Фёдорович", "Фёдоровна"), ("Максим", "Максимович", "Максимовна"),
    ("Артём", "Артёмович", "Артёмовна"), ("Константин", "Константинович", "Константиновна"),
    ("Григорий", "Григорьевич", "Григорьевна"), ("Вячеслав", "Вячеславович", "Вячеславовна"),
]
RU_GIVEN_FEMALE = ["Наталья", "Елена", "Ольга", "Татьяна", "Ирина", "Светлана", "Мария", "Екатерина", "Юлия",
                   "Анастасия", "Людмила", "Валентина", "Ксения", "Дарья", "Евгения", "Галина"]
RU_FAMILY = [
    ("Путин", "Путина"), ("Иванов", "Иванова"), ("Петров", "Петрова"), ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"), ("Попов", "Попова"), ("Васильев", "Васильева"), ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"), ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"),
    ("Волков", "Волкова"), ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Орлов", "Орлова"),
    ("Навальный", "Навальная"), ("Хрущёв", "Хрущёва"), ("Жуков", "Жукова"), ("Щербаков", "Щербакова"),
    ("Чернов", "Чернова"), ("Белов", "Белова"), ("Яковлев", "Яковлева"), ("Григорьев", "Григорьева"),
    ("Ефимов", "Ефимова"), ("Зайцев", "Зайцева"), ("Медведев", "Медведева"), ("Соловьёв", "Соловьёва"),
    ("Гагарин", "Гагарина"), ("Юсупов", "Юсупова"),
]
UK_GIVEN_MALE = ["Олександр", "Сергій", "Андрій", "Володимир", "Микола", "Тарас", "Богдан", "Дмитро", "Юрій",
                 "Олексій", "Віктор", "Ігор"]
UK_GIVEN_FEMALE = ["Оксана", "Наталія", "Юлія", "Ірина", "Олена", "Тетяна", "Людмила", "Ганна", "Катерина"]
UK_FAMILY = [("Шевченко", "Шевченко"), ("Коваленко", "Коваленко"), ("Бондаренко", "Бондаренко"),
             ("Ткаченко", "Ткаченко"), ("Кравченко", "Кравченко"), ("Мельник", "Мельник"), ("Бойко", "Бойко"),
             ("Коваль", "Коваль"), ("Олійник", "Олійник"), ("Лисенко", "Лисенко"), ("Петренко", "Петренко"),
             ("Мороз", "Мороз"), ("Зеленський", "Зеленська"), ("Кличко", "Кличко"), ("Ющенко", "Ющенко"),
             ("Кучма", "Кучма"), ("Ярмоленко", "Ярмоленко")]

# English-press spellings of given names that no letter-by-letter system produces.
RU_PRESS = {"Александр": "ALEXANDER", "Алексей": "ALEXEI", "Юрий": "YURI", "Дмитрий": "DMITRY", "Евгений": "YEVGENY",
            "Пётр": "PYOTR", "Фёдор": "FYODOR", "Наталья": "NATALIA", "Мария": "MARIA", "Юлия": "YULIA",
            "Татьяна": "TATIANA", "Артём": "ARTYOM", "Ксения": "KSENIA", "Дарья": "DARIA", "Анастасия": "ANASTASIA"}

_RU_COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m",
              "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ы": "y", "э": "e"}
_ICAO = {**_RU_COMMON, "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
         "щ": "shch", "ъ": "ie", "ь": "", "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g"}
_BGN = {**_RU_COMMON, "е": "e", "ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ь": "", "ю": "yu", "я": "ya"}
_GERMAN = {**_RU_COMMON, "в": "w", "з": "s", "е": "e", "ё": "jo", "ж": "sch", "й": "j", "х": "ch", "ц": "z",
           "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ь": "", "ю": "ju", "я": "ja"}
_FRENCH = {**_RU_COMMON, "у": "ou", "е": "e", "ё": "io", "ж": "j", "й": "i", "х": "kh", "ц": "ts", "ч": "tch",
           "ш": "ch", "щ": "chtch", "ъ": "", "ь": "", "ю": "iou", "я": "ia"}
_UKRAINIAN = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
              "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
              "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
              "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "ʼ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_VOWELS = set("аеёиоуыэюяіїє")

RU_SYSTEMS = ("icao", "bgn", "press", "german", "french")
UK_SYSTEMS = ("ukrainian", "icao", "legacy")


def translit_word(word: str, system: str) -> str:
    """One Cyrillic word in Latin letters, upper case, by one system.

    icao: ICAO Doc 9303 (Russian passports since 2013: Юрий IURII); bgn: BGN/PCGN without diacritics
    (Юрий YURIY, Е as YE after a vowel); press: English newspapers (Sergei, Nikolai, Navalny, Solovyov);
    german: Duden (Jurij, Wladimir, Chruschtschow); french: Iouri, Poutine, Sergueï without the dots;
    ukrainian: the 2010 national system of Ukrainian passports (Oleksandr, Yuliia, Serhii); legacy: older
    Ukrainian passports (Serhiy, Yuliya).
    """
    low = word.lower()
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        after_vowel = i == 0 or prev in _VOWELS or prev in "ьъ"
        after_hush = prev in "жчшщ"
        if system in ("ukrainian", "legacy"):
            piece = _UK_INITIAL[ch] if i == 0 and ch in _UK_INITIAL else _UKRAINIAN.get(ch, ch)
            if system == "legacy" and ch in _UK_INITIAL:
                piece = _UK_INITIAL[ch]
        elif system == "icao":
            piece = _ICAO.get(ch, ch)
        elif system == "german":
            piece = _GERMAN.get(ch, ch)
            if ch == "е" and after_vowel:
                piece = "je"
            elif ch == "ё" and after_hush:
                piece = "o"
            elif ch == "с" and prev in _VOWELS and low[i + 1:i + 2] in _VOWELS:
                piece = "ss"
        elif system == "french":
            piece = _FRENCH.get(ch, ch)
            if ch == "ё" and after_hush:
                piece = "e"
            elif ch == "г" and low[i + 1:i + 2] in ("е", "и", "й"):
                piece = "gu"
            elif ch == "с" and prev in _VOWELS and low[i + 1:i + 2] in _VOWELS:
                piece = "ss"
        else:  # bgn, press
            piece = _BGN.get(ch, ch)
            if ch == "е":
                piece = "ye" if after_vowel else "e"
            elif ch == "ё":
                piece = ("e" if after_hush else "yo") if system == "press" else ("ye" if after_vowel else "e")
        out.append(piece)
    text = "".join(out)
    if system == "press":
        for end, repl in (("iy", "y"), ("yy", "y"), ("ey", "ei"), ("ay", "ai")):
            if text.endswith(end):
                text = text[: -len(end)] + repl
                break
        text = re.sub(r"([ae])y(?=[^aeiouy])", r"\1i", text)  # Mikhailov, not Mikhaylov
    elif system == "french":
        if text.endswith("ii"):
            text = text[:-1]
        if low.endswith("ин"):
            text += "e"
    return text.upper()


def russian_variants(word: str, systems: tuple[str, ...]) -> dict[str, str]:
    """The word's spelling by each system, and the English-press form of a well-known given name."""
    out = {system: translit_word(word, system) for system in systems}
    if "press" in systems and word in RU_PRESS:
        out["press"] = RU_PRESS[word]
    return out


# ---------------------------------------------------------------------------------------------------------
# Arabic: (arabic, latin spellings, sex) for given names; (arabic, latin spellings) for family names.
# Names a reader confuses (حسن / حسين, محمد / محمود) are grouped so negatives can use them.

AR_GIVEN = [
    ("محمد", "MUHAMMAD|MOHAMMED|MOHAMED|MOHAMMAD|MOHAMAD|MUHAMMED", "M"), ("أحمد", "AHMED|AHMAD", "M"),
    ("علي", "ALI", "M"), ("عمر", "OMAR|UMAR", "M"), ("حسن", "HASSAN|HASAN", "M"),
    ("حسين", "HUSSEIN|HUSSAIN|HUSAYN|HOSSEIN", "M"), ("خالد", "KHALED|KHALID", "M"),
    ("يوسف", "YOUSSEF|YOUSEF|YUSUF|YOUSSOUF", "M"), ("إبراهيم", "IBRAHIM|EBRAHIM", "M"),
    ("محمود", "MAHMOUD|MAHMUD", "M"), ("مصطفى", "MUSTAFA|MOSTAFA|MOUSTAFA", "M"),
    ("عبد الله", "ABDULLAH|ABDALLAH|ABDULLA|ABD ALLAH", "M"),
    ("عبد الرحمن", "ABDULRAHMAN|ABDEL RAHMAN|ABDURRAHMAN|ABD AL-RAHMAN", "M"), ("سعيد", "SAEED|SAID|SAYED", "M"),
    ("سعد", "SAAD|SA'AD", "M"), ("حمزة", "HAMZA|HAMZAH", "M"), ("طارق", "TARIQ|TAREK|TARIK", "M"),
    ("كريم", "KARIM|KAREEM", "M"), ("جمال", "JAMAL|GAMAL", "M"), ("ناصر", "NASSER|NASER|NASIR", "M"),
    ("وليد", "WALID|WALEED", "M"), ("رشيد", "RASHID|RACHID|RASHEED", "M"), ("سالم", "SALEM|SALIM", "M"),
    ("أسامة", "OSAMA|USAMA|OUSSAMA", "M"), ("فيصل", "FAISAL|FAYSAL|FEISAL", "M"), ("بلال", "BILAL", "M"),
    ("فاطمة", "FATIMA|FATMA|FATEMA", "F"), ("عائشة", "AISHA|AICHA|AYESHA", "F"), ("مريم", "MARYAM|MARIAM|MERIEM", "F"),
    ("زينب", "ZAINAB|ZEINAB|ZAYNAB", "F"), ("خديجة", "KHADIJA|KHADIDJA|KHADIJAH", "F"),
    ("ليلى", "LAYLA|LEILA|LAILA", "F"),
    ("نور", "NOUR|NUR|NOOR", "F"), ("سلمى", "SALMA", "F"), ("أمينة", "AMINA|AMINAH", "F"), ("هالة", "HALA", "F"),
    ("رانيا", "RANIA|RANYA", "F"), ("سارة", "SARA|SARAH", "F"),
]
AR_FAMILY = [
    ("الأسد", "AL-ASSAD|AL ASSAD|ALASSAD|EL ASSAD|ASSAD"), ("الحسن", "AL-HASSAN|AL HASSAN|ALHASSAN|EL HASSAN"),
    ("المصري", "AL-MASRI|AL MASRI|ALMASRI|EL MASRY|EL-MASRI"), ("الخطيب", "AL-KHATIB|AL KHATIB|EL KHATIB|ALKHATIB"),
    ("الشامي", "AL-SHAMI|ASH-SHAMI|EL CHAMI|ALSHAMI"), ("الرشيد", "AL-RASHID|AR-RASHID|AL RASHEED|ALRASHID"),
    ("القاسم", "AL-QASIM|AL QASSEM|EL KASSEM|ALQASIM"), ("السيد", "AL-SAYED|EL SAYED|ELSAYED|AS-SAYYID"),
    ("عباس", "ABBAS"), ("منصور", "MANSOUR|MANSUR|MANSOOR"), ("حداد", "HADDAD"), ("خليل", "KHALIL|KHALEEL"),
    ("عثمان", "OTHMAN|OSMAN|USMAN"), ("صالح", "SALEH|SALIH"), ("عبد العزيز", "ABDULAZIZ|ABDEL AZIZ|ABD AL-AZIZ"),
    ("حمدان", "HAMDAN"), ("نصر", "NASR|NASSR"), ("الزعبي", "AL-ZOUBI|AL ZUBI|ALZOUBI|EL ZOUBI"),
    ("التميمي", "AL-TAMIMI|AT-TAMIMI|ALTAMIMI"), ("العمري", "AL-OMARI|AL OMARI|ALOMARI|EL OMARI"),
    ("الحلبي", "AL-HALABI|HALABI|EL HALABI"), ("البغدادي", "AL-BAGHDADI|BAGHDADI|ALBAGHDADI"),
    ("الهاشمي", "AL-HASHIMI|AL HASHEMI|HASHEMI"), ("يوسف", "YOUSSEF|YOUSEF|YUSUF"),
]
AR_CONFUSABLE = [("حسن", "حسين"), ("محمد", "محمود"), ("محمد", "أحمد"), ("سعيد", "سعد"), ("ناصر", "نصر"),
                 ("عمر", "العمري"), ("خالد", "خليل"), ("سالم", "سلمى")]


# ---------------------------------------------------------------------------------------------------------
# Latin: particles for the spacing category, honorifics, diacritics.

SPACED_FAMILY = {
    "ar": [("AL", s) for s in ("HASSAN", "HUSSEIN", "RASHID", "MASRI", "KHATIB", "ZOUBI", "TAMIMI", "SHAMI", "AMIN",
                               "HAKIM", "JABER", "NAJJAR", "OMARI", "QASIM", "SAYED", "FARSI", "HALABI")]
    + [("EL", s) for s in ("HADDAD", "SAYED", "MASRY", "AMRANI", "IDRISSI", "FASSI")]
    + [("ABDUL", s) for s in ("RAHMAN", "AZIZ", "KARIM", "HAMID", "LATIF", "MAJID", "QADIR", "WAHAB")]
    + [("ABU", s) for s in ("BAKR", "ALI", "HAMZA", "SAMRA", "ZAID")]
    + [("BIN", s) for s in ("SALEH", "ZAYED", "HAMAD")],
    "nl": [("VAN DER", s) for s in ("BERG", "MEER", "WAL", "LINDEN", "HEIDE", "VELDE", "BEEK", "PLAS")]
    + [("VAN DEN", s) for s in ("BERG", "BOSCH", "BROEK", "HEUVEL")]
    + [("VAN", s) for s in ("DIJK", "LEEUWEN", "DAM", "ROSSUM", "HOUTEN")]
    + [("DE", s) for s in ("VRIES", "JONG", "GROOT", "BOER", "WIT")],
    "ie": [("O'", s) for s in ("BRIEN", "CONNOR", "NEILL", "SULLIVAN", "REILLY", "DONNELL")]
    + [("MC", s) for s in ("DONALD", "CARTHY", "KENZIE", "LAUGHLIN", "GRATH")],
    "romance": [("DE LA", s) for s in ("CRUZ", "FUENTE", "TORRE", "ROSA", "VEGA")]
    + [("DEL", s) for s in ("RIO", "VALLE", "CASTILLO", "PINO")]
    + [("DI", s) for s in ("MARIA", "STEFANO", "NAPOLI", "LORENZO")]
    + [("DA", s) for s in ("SILVA", "COSTA", "CUNHA", "ROCHA")] + [("DOS", s) for s in ("SANTOS", "REIS")]
    + [("LE", s) for s in ("BLANC", "ROUX", "CLERC", "BRUN")] + [("VON", s) for s in ("BRAUN", "TRAPP", "ARNIM")],
}
SPACED_GIVEN = {
    "ar": "OMAR ALI AHMED KHALED YOUSSEF HASSAN TARIQ FATIMA LAYLA MARIAM SAMIR NABIL RAMI",
    "nl": "JAN PIETER SANNE DAAN LOTTE RUUD ANOUK SEM FLEUR BRAM",
    "ie": "SEAN PATRICK SIOBHAN CIARAN AOIFE LIAM NIAMH CONOR",
    "romance": "JUAN MARIA PEDRO ANA CARLOS LUCIA JOAO PAULO MARCO GIULIA PIERRE CLAIRE",
}
SPACED_GIVEN_COMPOUND = [("JEAN", "PIERRE"), ("JEAN", "LUC"), ("JEAN", "PAUL"), ("MARIE", "CLAIRE"), ("ANNE", "MARIE"),
                         ("MARY", "ANN"), ("HANS", "PETER"), ("KARL", "HEINZ"), ("JOSE", "LUIS"), ("MARIA", "JOSE"),
                         ("ABDUL", "KARIM"), ("MIN", "JUN"), ("XIAO", "MING"), ("JI", "HOON"), ("LEE", "ANN")]

HONORIFICS_LATIN = ["MR", "MR.", "MRS", "MRS.", "MS", "DR", "DR.", "PROF.", "PROF", "SHEIKH", "SHAIKH", "HAJI", "HAJJ",
                    "SIR", "MONSIEUR", "MADAME", "HERR", "FRAU", "SENOR", "SR.", "SRA.", "MX"]
HONORIFICS_JA = ["様", "さん", "氏", "殿"]
HONORIFICS_ZH = ["先生", "女士"]
HONORIFICS_KO = [" 씨", "님", " 씨"]

ICAO_LATIN = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Ø": "OE", "Æ": "AE", "Ñ": "N", "Ł": "L",
              "İ": "I", "ı": "I", "Ş": "S", "Ğ": "G", "Ç": "C", "Đ": "D", "Œ": "OE", "Þ": "TH"}


def strip_marks(text: str) -> str:
    """Letters without their accents (MÜLLER -> MULLER); letters with no decomposition by a small table."""
    text = "".join(ICAO_LATIN.get(ch, ch) if ch in "ŁıİĐØÆŒÞß" else ch for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def icao_fold(text: str) -> str:
    """ICAO Doc 9303 style (MÜLLER -> MUELLER, ÅSA -> AASA, SØREN -> SOEREN), then accents stripped."""
    return strip_marks("".join(ICAO_LATIN.get(ch, ch) for ch in text.upper()))
