"""The seed bureau's news ("in action") for the demo: a few items in English and Japanese about its public
notices, dated relative to the day the data is generated for, so the same day gives the same items."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ncb.domain.news import NewsItem
from ncb.domain.notices import Notice, NoticeType

AUTHOR = "demo@JP"


def _item(today: date, days_ago: int, title_en: str, title_ja: str, body_en: str, body_ja: str,
          countries: tuple[str, ...], notices: tuple[str, ...] = ()) -> NewsItem:
    day = today - timedelta(days=days_ago)
    at = datetime.combine(day, time(1, 0), tzinfo=UTC)
    return NewsItem(bureau="JP", published_on=day, title_en=title_en, title_ja=title_ja, body_en=body_en,
                    body_ja=body_ja, countries=countries, notices=notices, created_by=AUTHOR, created_at=at,
                    updated_at=at)


def demo_news(seed_notices: list[Notice], today: date) -> tuple[NewsItem, ...]:
    """Four items of INTERPOL Tokyo, oldest first; they link to the seed page's public notices."""
    red = [n.entity_id for n in seed_notices if n.type is NoticeType.RED]
    yellow = [n.entity_id for n in seed_notices if n.type is NoticeType.YELLOW]
    return (
        _item(today, 240, "Operation against telephone fraud rings run from abroad",
              "海外拠点の特殊詐欺グループに対する合同捜査",
              "INTERPOL Tokyo coordinated a joint operation with the police of **the Philippines, Thailand and "
              "Viet Nam** against groups that call elderly people in Japan from abroad.\n\n"
              "- 38 suspects located\n- 12 returned to Japan\n\nOne of the organisers is still wanted: see his "
              "Red Notice below.",
              "インターポール東京は、**フィリピン・タイ・ベトナム**の警察と協力し、海外から日本の高齢者に電話をかける"
              "特殊詐欺グループに対する合同捜査を調整しました。\n\n"
              "- 所在を確認した被疑者 38人\n- 日本へ移送した被疑者 12人\n\n"
              "首謀者の一人は現在も国際手配中です（下記の赤手配書をご覧ください）。",
              ("JP", "PH", "TH", "VN"), tuple(red[1:2])),
        _item(today, 120, "Help us find two children taken abroad", "国外に連れ去られた2人の子どもの情報を求めています",
              "A sister and brother, aged 17 and 14, have been missing since they left Tokyo. Yellow Notices were "
              "published at the request of the Tokyo Metropolitan Police Department.\n\nIf you have seen them, "
              "please send a tip from their page.",
              "東京を離れてから行方が分からなくなっている17歳の姉と14歳の弟について、警視庁の要請により黄手配書を"
              "公開しました。\n\n見かけた方は、各ページの情報提供フォームからお知らせください。",
              ("JP", "US"), tuple(yellow[0:3:2])),
        _item(today, 45, "Fugitive wanted for investment fraud located in Canada",
              "投資詐欺で国際手配中の被疑者の所在をカナダで確認",
              "Following the Red Notice requested by INTERPOL Tokyo, the Royal Canadian Mounted Police located "
              "a suspect in an investment fraud against investors in Tokyo. Extradition is being discussed "
              "through diplomatic channels.",
              "インターポール東京が請求した赤手配書を受けて、カナダ連邦警察が東京の投資家を狙った投資詐欺事件の"
              "被疑者の所在を確認しました。外交ルートを通じて犯罪人引渡しの協議を進めています。",
              ("JP", "CA"), tuple(red[0:1])),
        _item(today, 10, "INTERPOL Tokyo at the Asian Regional Conference",
              "インターポール東京がアジア地域会議に参加",
              "Officers of INTERPOL Tokyo presented Japan's work on **missing persons** and on screening "
              "travellers against notices at INTERPOL's Asian Regional Conference.",
              "インターポール東京の職員が、ICPOアジア地域会議で、**行方不明者**の捜索と手配書を用いた渡航者照会に関する"
              "日本の取組を紹介しました。",
              ("JP",)),
    )
