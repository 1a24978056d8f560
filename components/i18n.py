"""Every UI string of the app in Korean and English, and the lookup `t(key, lang, **params)`.

Data text (names, descriptions, clause texts) comes from the dataset's *_ko / *_en columns, not from here.
"""
from __future__ import annotations

import string

# Keys are grouped by where they appear; each page keeps its own block.
STRINGS: dict[str, dict[str, str]] = {
    # --- frame ---
    "app.title": {"ko": "한중 비즈니스 연결 대시보드", "en": "Korea–China Business Linkage Dashboard"},
    "app.subtitle": {
        "ko": "경기도–상하이 MOU와 텐센트 클라우드 방문 (2025-09-25)",
        "en": "Gyeonggi–Shanghai MOU and Tencent Cloud visit (2025-09-25)",
    },
    "page.overview": {"ko": "개요", "en": "Overview"},
    "page.network": {"ko": "연결망", "en": "Network"},
    "page.delegation": {"ko": "대표단 기업", "en": "Delegation"},
    "page.economy": {"ko": "경제 규모", "en": "Economy"},
    "page.mou": {"ko": "MOU 조항", "en": "MOU clauses"},
    "page.sources": {"ko": "출처와 검증", "en": "Sources & claims"},
    "nav.label": {"ko": "페이지", "en": "Pages"},
    "lang.label": {"ko": "언어", "en": "Language"},
    "lang.ko": {"ko": "한국어", "en": "한국어"},
    "lang.en": {"ko": "English", "en": "English"},
    "sector.label": {"ko": "분야 필터", "en": "Sector filter"},
    "sector.placeholder": {"ko": "모든 분야", "en": "All sectors"},
    "sector.help": {
        "ko": "선택한 분야의 기업·조항과 그에 연결된 사람·지역·행사만 보여 줍니다. 비워 두면 전체를 봅니다.",
        "en": "Shows the companies and clauses in the chosen sectors, plus the people, regions and events they connect to. Leave empty for everything.",
    },
    "sector.active": {"ko": "분야 필터: {names}", "en": "Sector filter: {names}"},
    "share.label": {"ko": "이 화면 공유 링크", "en": "Link to this view"},
    "share.copy": {"ko": "복사", "en": "Copy"},
    "share.copied": {"ko": "복사했습니다", "en": "Copied"},
    "share.copy_failed": {"ko": "복사하지 못했습니다. 링크를 선택해 복사하세요.", "en": "Could not copy: select the link and copy it."},
    "share.help": {
        "ko": "받는 사람도 같은 언어·필터·선택으로 이 화면을 봅니다.",
        "en": "Whoever opens it sees this view: same language, filter and selection.",
    },
    "notice.dropped": {
        "ko": "링크의 알 수 없는 값을 무시했습니다: {items}",
        "en": "Ignored what this link asked for but does not exist: {items}",
    },
    "notice.param": {"ko": "{param}={value}", "en": "{param}={value}"},
    "notice.param_only": {"ko": "{param}", "en": "{param}"},
    "error.data.title": {
        "ko": "데이터 파일에 문제가 있어 대시보드를 표시할 수 없습니다.",
        "en": "The dashboard cannot be shown: the data files have a problem.",
    },
    "error.data.more": {"ko": "그 밖에 {count}건의 문제가 더 있습니다.", "en": "{count} more problem(s) not shown."},
    "error.data.fix": {
        "ko": "관리자는 `python -m components.validate`로 전체 목록을 볼 수 있습니다.",
        "en": "Maintainers: `python -m components.validate` lists every problem.",
    },
    "error.page": {
        "ko": "이 부분을 표시하지 못했습니다. 나머지는 계속 볼 수 있습니다. (참조 번호 {ref})",
        "en": "This part could not be shown; the rest of the page still works. (Reference {ref})",
    },
    "source.label": {"ko": "출처", "en": "Source"},
    "source.none": {"ko": "출처 없음", "en": "no source"},
    "unknown": {"ko": "알 수 없음", "en": "unknown"},
    "confidence.seen": {"ko": "출처 확인", "en": "seen in source"},
    "confidence.inferred": {"ko": "추정", "en": "inferred"},
    "confidence.not found": {"ko": "확인 안 됨", "en": "not found"},
    "confidence.unverified": {"ko": "미검증", "en": "unverified"},
    "footer.note": {
        "ko": "모든 사실에는 출처가 있습니다. 확인되지 않은 것은 ‘알 수 없음’으로 표시합니다.",
        "en": "Every fact has a source. What is not known is shown as unknown.",
    },
    # --- overview ---
    "overview.title": {"ko": "경기도–상하이 우호협력 MOU와 텐센트 클라우드 방문", "en": "The Gyeonggi–Shanghai friendship MOU and the Tencent Cloud visit"},
    "overview.brief.heading": {"ko": "한눈에 보기", "en": "The event in brief"},
    "overview.brief.who": {"ko": "누가", "en": "Who"},
    "overview.brief.when": {"ko": "언제", "en": "When"},
    "overview.brief.where": {"ko": "어디서", "en": "Where"},
    "overview.brief.what": {"ko": "무엇을", "en": "What"},
    "overview.figures.heading": {"ko": "주요 수치", "en": "Headline figures"},
    "overview.metric.companies": {"ko": "동행한 경기도 기업", "en": "Gyeonggi companies in the delegation"},
    "overview.metric.fields": {"ko": "MOU 교류 분야", "en": "MOU fields of exchange"},
    "overview.metric.agreements": {"ko": "구체적 합의", "en": "Specific agreements"},
    "overview.metric.rank": {"ko": "{scope} {rank}위", "en": "#{rank} {scope}"},
    "overview.pages.heading": {"ko": "더 살펴보기", "en": "Explore"},
    "overview.card.network": {"ko": "지역·기업·합의가 어떻게 연결되는지 봅니다.", "en": "See how regions, companies and agreements connect."},
    "overview.card.delegation": {"ko": "동행한 여섯 기업과 텐센트 측의 프로필.", "en": "Profiles of the six firms and the Tencent side."},
    "overview.card.economy": {"ko": "상하이와 텐센트의 규모를 맥락과 함께.", "en": "How big Shanghai and Tencent are, in context."},
    "overview.card.mou": {"ko": "MOU의 분야·방식·합의와 도지사의 제안.", "en": "The MOU's fields, mechanisms, agreements and the governor's proposal."},
    "overview.card.sources": {"ko": "출처 목록과 기사 주장 검증 장부.", "en": "The sources and the ledger of the article's claims."},
    "overview.filtered": {"ko": "분야 필터는 연결망·대표단·MOU 페이지에 적용됩니다.", "en": "The sector filter applies on the network, delegation and MOU pages."},
}

LANGS = ("ko", "en")


def t(key: str, lang: str, **params: object) -> str:
    """The string for `key` in `lang` (English if `lang` is unknown), with {params} filled in.

    A missing key raises KeyError: a typo must fail tests, not show a raw key to a visitor.
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
