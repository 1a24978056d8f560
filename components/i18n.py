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
    "sector.clear": {"ko": "필터 지우기", "en": "Clear the filter"},
    "sector.active": {"ko": "분야 필터: {names}", "en": "Sector filter: {names}"},
    "download.preparing": {"ko": "파일을 준비하는 중…", "en": "Preparing the file…"},
    "download.failed": {
        "ko": "파일을 만들지 못했습니다. 잠시 뒤 다시 눌러 주세요.",
        "en": "The file could not be prepared. Please try again in a moment.",
    },
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
    "list.capped": {
        "ko": "처음 {shown}개만 하나씩 보여 줍니다(전체 {total}개). 전부는 {where}에 있습니다. 분야 필터로 좁혀 보세요.",
        "en": "Showing the first {shown} of {total} one by one; all of them are in {where}. Narrow them with the sector filter.",
    },
    "list.where.company_table": {"ko": "위의 표(CSV 내려받기 포함)", "en": "the table above (and its CSV)"},
    "list.where.item_table": {"ko": "아래 ‘모든 항목’ 표(CSV 내려받기 포함)", "en": "the table of all items below (and its CSV)"},
    "chart.failed": {
        "ko": "차트를 그리지 못했습니다. 아래 표에 같은 숫자가 있습니다.",
        "en": "The chart could not be drawn; the table below has the same numbers.",
    },
    "table.filter": {"ko": "표 안에서 찾기…", "en": "Find in this table…"},
    "table.filter_label": {"ko": "{caption}: 행 찾기", "en": "{caption}: find rows"},
    "table.count": {"ko": "전체 {total}행 중 {shown}행", "en": "{shown} of {total} rows"},
    "table.sort": {
        "ko": "이 열로 정렬 (누를 때마다 오름차순, 내림차순, 원래 순서)",
        "en": "Sort by this column (ascending, descending, then the original order)",
    },
    "table.yes": {"ko": "예", "en": "yes"},
    "table.no": {"ko": "아니요", "en": "no"},
    "table.empty": {"ko": "행이 없습니다.", "en": "No rows."},
    "table.no_match": {"ko": "찾는 말이 들어 있는 행이 없습니다.", "en": "No row contains that text."},
    "table.show_all": {"ko": "{total}행 모두 보기", "en": "Show all {total} rows"},
    "footer.note": {
        "ko": "모든 사실에는 출처가 있습니다. 확인되지 않은 것은 ‘알 수 없음’으로 표시합니다.",
        "en": "Every fact has a source. What is not known is shown as unknown.",
    },
    # --- mou ---
    "mou.title": {"ko": "경기도와 상하이는 무엇에 합의했나", "en": "What did Gyeonggi and Shanghai agree?"},
    "mou.intro": {
        "ko": "2025년 9월 25일 상하이시정부에서 체결한 우호협력 교류 MOU의 내용을 MOU가 나눈 대로 보여 줍니다: "
        "교류 분야, 교류 방식, 구체적 합의 ①–④. 김동연 지사의 제안은 MOU 조항이 아니므로 따로 표시합니다.",
        "en": "The friendship and cooperation MOU signed at the Shanghai Municipal People's Government on "
        "25 September 2025, grouped as the MOU groups it: fields of exchange, mechanisms, and specific "
        "agreements ①–④. Governor Kim's proposal is not a clause of the MOU and is marked apart.",
    },
    "mou.filter.count": {
        "ko": "분야 필터에 맞는 {total}개 중 {shown}개 항목을 보여 줍니다. 필터를 비우면 전체를 봅니다.",
        "en": "Showing {shown} of {total} items that match the sector filter. Clear the filter to see all.",
    },
    "mou.none": {
        "ko": "선택한 분야에 해당하는 MOU 항목이 없습니다. 사이드바에서 분야 필터를 바꾸거나 비우세요.",
        "en": "No MOU item concerns the chosen sectors. Change or clear the sector filter in the sidebar.",
    },
    "mou.clauses.heading": {"ko": "MOU의 내용", "en": "What the MOU says"},
    "mou.group.field": {"ko": "교류 분야", "en": "Fields of exchange"},
    "mou.group.mechanism": {"ko": "교류 방식", "en": "Mechanisms"},
    "mou.group.agreement": {"ko": "구체적 합의", "en": "Specific agreements"},
    "mou.group.proposal": {"ko": "도지사의 제안", "en": "The governor's proposal"},
    "mou.group.count": {"ko": "{name} ({count})", "en": "{name} ({count})"},
    "mou.group.count_filtered": {"ko": "{name} ({total}개 중 {shown}개)", "en": "{name} ({shown} of {total})"},
    "mou.group.help.field": {
        "ko": "두 지역이 교류하고 협력하기로 한 분야입니다.",
        "en": "The areas in which the two regions agreed to exchange and cooperate.",
    },
    "mou.group.help.mechanism": {
        "ko": "교류를 이어 가는 방법입니다.",
        "en": "How the exchange is to be carried on.",
    },
    "mou.group.help.agreement": {
        "ko": "MOU가 구체적으로 합의한 네 가지입니다.",
        "en": "The four things the MOU agrees on specifically.",
    },
    "mou.group.help.proposal": {
        "ko": "MOU 조항이 아닙니다. 체결 자리에서 김동연 지사가 내놓은 제안입니다.",
        "en": "Not a clause of the MOU: a proposal Governor Kim made at the signing.",
    },
    "mou.group.empty": {
        "ko": "선택한 분야에 해당하는 항목이 없는 묶음: {groups}",
        "en": "No item matches the sector filter in: {groups}",
    },
    "mou.kind.clause": {"ko": "MOU 조항", "en": "MOU clause"},
    "mou.kind.proposal": {"ko": "제안 (MOU 조항 아님)", "en": "Proposal (not an MOU clause)"},
    "mou.clause.sectors": {"ko": "분야", "en": "Sectors"},
    "mou.map.heading": {"ko": "조항 → 분야 → 대표단 기업", "en": "Clauses → sectors → delegation companies"},
    "mou.map.intro": {
        "ko": "왼쪽은 MOU 항목, 가운데는 항목이 다루는 분야, 오른쪽은 그 분야에 속한 대표단 기업입니다. "
        "막대나 흐름 위에 마우스를 올리면 설명이 나옵니다.",
        "en": "Left: the MOU items. Middle: the sectors they concern. Right: the delegation companies in those "
        "sectors. Hover over a bar or a flow for details.",
    },
    "mou.map.inferred": {
        "ko": "조항에서 기업으로 이어지는 연결은 같은 분야를 공유한다는 데서 도출한 것(추정)입니다. "
        "MOU는 어떤 기업도 언급하지 않습니다. 회색 흐름이 이 추정 연결입니다.",
        "en": "The clause → company link is derived from shared sectors (inferred): the MOU itself names no "
        "company. The grey flows are these inferred links.",
    },
    "mou.map.reach": {
        "ko": "대표단 기업과 분야가 겹치는 MOU 항목: 보이는 {total}개 중 {reached}개",
        "en": "MOU items shown that share a sector with a delegation company: {reached} of {total}",
    },
    "mou.map.alt": {
        "ko": "MOU 항목에서 분야를 거쳐 대표단 기업으로 이어지는 흐름도",
        "en": "Flow diagram from MOU items through sectors to delegation companies",
    },
    "mou.map.too_big": {
        "ko": "이 보기에는 항목이 {count}개 있어 흐름도 하나로는 읽을 수 없습니다(그리는 한도 {limit}개). 분야 필터로 범위를 좁히면 흐름도가 나타납니다. 아래 표는 모든 연결을 보여 줍니다.",
        "en": "This view has {count} items: too many to read as one diagram (the limit is {limit}). Choose a sector to draw it; the table below lists every link.",
    },
    "mou.map.no_company": {"ko": "대표단 기업 없음", "en": "no delegation company"},
    "mou.map.node.sector": {"ko": "분야", "en": "sector"},
    "mou.map.node.company": {"ko": "대표단 기업", "en": "delegation company"},
    "mou.map.link.stated": {"ko": "이 항목이 다루는 분야", "en": "a sector this item concerns"},
    "mou.map.link.inferred": {
        "ko": "같은 분야의 대표단 기업 (추정 연결)",
        "en": "delegation company in this sector (inferred link)",
    },
    "mou.map.col.clauses": {"ko": "MOU 항목", "en": "MOU items"},
    "mou.map.col.sectors": {"ko": "분야", "en": "Sectors"},
    "mou.map.col.companies": {"ko": "대표단 기업", "en": "Delegation companies"},
    "mou.map.table": {"ko": "흐름도를 표로 보기", "en": "The diagram as a table"},
    "mou.map.delegation_link": {"ko": "대표단 기업 프로필 보기", "en": "See the delegation companies' profiles"},
    "mou.table.heading": {"ko": "전체 항목 (한국어·영어)", "en": "All items in Korean and English"},
    "mou.table.caption": {
        "ko": "문구는 출처를 바탕으로 이 프로젝트가 정리한 것입니다. 분야 필터가 적용됩니다.",
        "en": "The wording is the project's own, based on the sources. The sector filter applies.",
    },
    "mou.col.group": {"ko": "묶음", "en": "Group"},
    "mou.col.label": {"ko": "항목", "en": "Item"},
    "mou.col.text": {"ko": "내용", "en": "Text"},
    "mou.col.text_ko": {"ko": "내용 (한국어)", "en": "Text (Korean)"},
    "mou.col.text_en": {"ko": "내용 (영어)", "en": "Text (English)"},
    "mou.col.sectors": {"ko": "분야", "en": "Sectors"},
    "mou.col.kind": {"ko": "성격", "en": "Status"},
    "mou.col.source": {"ko": "출처", "en": "Source"},
    "mou.col.source_url": {"ko": "출처 링크", "en": "Source link"},
    "mou.col.clause": {"ko": "MOU 항목", "en": "MOU item"},
    "mou.col.sector": {"ko": "분야", "en": "Sector"},
    "mou.col.companies": {"ko": "같은 분야의 대표단 기업 (추정)", "en": "Delegation companies in the sector (inferred)"},
    "mou.link.open": {"ko": "열기", "en": "open"},
    "mou.download.table": {"ko": "이 표를 CSV로 내려받기", "en": "Download this table (CSV)"},
    "mou.download.map": {"ko": "이 표를 CSV로 내려받기", "en": "Download this table (CSV)"},
    # --- sources ---
    "sources.title": {"ko": "이 데이터는 어디서 왔나", "en": "Where does it all come from?"},
    "sources.intro": {
        "ko": "대시보드의 모든 사실은 아래 출처 가운데 하나 이상을 인용합니다. 기사 속 주장은 다른 출처와 대조해 판정했고, "
        "찾지 못한 사실은 ‘알 수 없음’으로 남겨 두었습니다.",
        "en": "Every fact on this dashboard cites one or more of the sources below. The article's claims were "
        "checked against other sources, and what could not be found is left as unknown.",
    },
    "sources.filter_note": {
        "ko": "분야 필터는 이 페이지에 적용되지 않습니다. 모든 출처와 주장을 보여 줍니다.",
        "en": "The sector filter does not apply on this page: every source and claim is shown.",
    },
    "sources.list.heading": {"ko": "출처 목록", "en": "Sources"},
    "sources.list.caption": {
        "ko": "‘사실 수’는 이 출처를 인용하는 데이터 행(기관, 속성, 관계, 수치, MOU 항목, 주장)의 수입니다. "
        "원문 주소를 모르는 출처는 비고에 어떻게 읽었는지 적었습니다.",
        "en": "‘Facts’ counts the rows of data (entities, attributes, relations, figures, MOU items, claims) "
        "that cite the source. Where the original's address is not known, the note says how it was read.",
    },
    "sources.list.count": {"ko": "출처 {count}개", "en": "{count} sources"},
    "sources.list.no_url": {"ko": "주소 기록 안 됨", "en": "address not recorded"},
    "sources.col.publisher": {"ko": "발행처", "en": "Publisher"},
    "sources.col.title": {"ko": "제목", "en": "Title"},
    "sources.col.date": {"ko": "날짜", "en": "Date"},
    "sources.col.language": {"ko": "언어", "en": "Language"},
    "sources.col.kind": {"ko": "종류", "en": "Kind"},
    "sources.col.url": {"ko": "링크", "en": "Link"},
    "sources.col.note": {"ko": "비고", "en": "Note"},
    "sources.col.facts": {"ko": "사실 수", "en": "Facts"},
    "sources.link.open": {"ko": "열기", "en": "open"},
    "sources.language.ko": {"ko": "한국어", "en": "Korean"},
    "sources.language.en": {"ko": "영어", "en": "English"},
    "sources.language.zh": {"ko": "중국어", "en": "Chinese"},
    "sources.kind.news": {"ko": "언론 보도", "en": "news"},
    "sources.kind.official": {"ko": "공공기관", "en": "official"},
    "sources.kind.statistics": {"ko": "통계", "en": "statistics"},
    "sources.kind.company": {"ko": "기업 자료", "en": "company"},
    "sources.kind.filing": {"ko": "공시", "en": "filing"},
    "sources.kind.reference": {"ko": "참고 자료", "en": "reference"},
    "sources.kind.computed": {"ko": "계산", "en": "computed"},
    "sources.download.sources": {"ko": "출처 목록을 CSV로 내려받기", "en": "Download the sources (CSV)"},
    "sources.claims.heading": {"ko": "기사 주장 검증 장부", "en": "Claims ledger"},
    "sources.claims.intro": {
        "ko": "기사(또는 기사가 따른 보도자료)의 주장을 다른 출처와 대조한 결과입니다. 첫 번째 출처가 주장이 나온 곳이고, "
        "나머지는 맥락을 주는 출처입니다.",
        "en": "Statements in the article (or the press release it follows), checked against other sources. The first "
        "source is where the claim was made; the others put it in context.",
    },
    "sources.claims.legend": {
        "ko": "판정: ✔ 부합 · ⚠ 맥락 필요 · ↺ 시점 지남 · ? 검증 안 됨 · ✘ 사실과 다름",
        "en": "Verdicts: ✔ consistent · ⚠ needs context · ↺ outdated · ? unverified · ✘ incorrect",
    },
    "sources.claims.clear": {"ko": "모든 판정 보기", "en": "Show every verdict"},
    "sources.claims.filter": {"ko": "판정으로 거르기", "en": "Filter by verdict"},
    "sources.claims.filter_help": {
        "ko": "아무것도 고르지 않으면 모든 주장을 보여 줍니다.",
        "en": "Select none to see every claim.",
    },
    "sources.claims.pill": {"ko": "{label} ({count})", "en": "{label} ({count})"},
    "sources.toc": {"ko": "이 페이지:", "en": "On this page:"},
    "sources.claims.count": {"ko": "주장 {total}건 중 {shown}건", "en": "{shown} of {total} claims"},
    "sources.claims.none": {"ko": "고른 판정에 해당하는 주장이 없습니다.", "en": "No claim has the chosen verdicts."},
    "sources.claims.concerns": {"ko": "관련", "en": "Concerns"},
    "sources.claims.table": {"ko": "장부를 표로 보기", "en": "The ledger as a table"},
    "sources.verdict.consistent": {"ko": "부합", "en": "consistent"},
    "sources.verdict.needs_context": {"ko": "맥락 필요", "en": "needs context"},
    "sources.verdict.outdated": {"ko": "시점 지남", "en": "outdated"},
    "sources.verdict.unverified": {"ko": "검증 안 됨", "en": "unverified"},
    "sources.verdict.incorrect": {"ko": "사실과 다름", "en": "incorrect"},
    "sources.col.claim": {"ko": "주장", "en": "Claim"},
    "sources.col.claim_other": {"ko": "주장 (영어)", "en": "Claim (Korean)"},
    "sources.col.verdict": {"ko": "판정", "en": "Verdict"},
    "sources.col.claim_note": {"ko": "맥락", "en": "Context"},
    "sources.col.entities": {"ko": "관련", "en": "Concerns"},
    "sources.col.sources": {"ko": "출처", "en": "Sources"},
    "sources.col.source_url": {"ko": "주장 출처 링크", "en": "Link to the claim's source"},
    "sources.col.locator": {"ko": "위치", "en": "Where"},
    "sources.download.claims": {"ko": "보이는 주장을 CSV로 내려받기", "en": "Download the claims shown (CSV)"},
    "sources.method.heading": {"ko": "데이터를 만든 방법", "en": "How the data was built"},
    "sources.method.body": {
        "ko": "출발점은 프레시안 기사(2025-09-26)입니다. 기사 속 사람, 지역, 기업, 행사와 MOU 내용을 뽑은 뒤 "
        "다른 보도, 공시, 통계, 기업 자료에서 하나씩 확인했습니다. 모든 행은 출처를 인용하고, 가능하면 출처 안의 위치(문단, 사진 설명, 표)를 적습니다. "
        "복사본으로 읽은 출처는 원래 발행처와 제목, 날짜로 인용하며 복사본 주소는 쓰지 않습니다.\n\n"
        "신뢰도 표시:\n"
        "- **출처 확인**: 인용한 출처에 그 사실이 적혀 있습니다.\n"
        "- **추정**: 출처들에서 계산하거나 도출한 것, 또는 확인되지 않은 유력한 대응입니다.\n"
        "- **확인 안 됨**: 찾아보았지만 출처를 찾지 못했습니다.\n\n"
        "모르는 것은 모르는 채로 둡니다: 추측으로 빈칸을 채우지 않습니다. 중국어 이름은 출처에 나온 경우에만 적습니다.",
        "en": "The starting point is the Pressian article (2025-09-26). The people, regions, companies, events and "
        "MOU contents it names were taken out and checked one by one against other reports, filings, statistics "
        "and company documents. Every row cites its sources and, where possible, where in the source the fact is "
        "(paragraph, caption, table). Sources read through a copy are cited by the original publisher, title "
        "and date, never by the copy's address.\n\n"
        "Confidence labels:\n"
        "- **seen**: the fact appears in the cited source.\n"
        "- **inferred**: derived or computed from sources, or a likely match that is not confirmed.\n"
        "- **not found**: looked for, no source found.\n\n"
        "What is unknown stays unknown: no gap is filled by guessing. Chinese names appear only where a source "
        "gives one.",
    },
    "sources.unknown.heading": {"ko": "알 수 없는 것", "en": "What is unknown"},
    "sources.unknown.caption": {
        "ko": "찾아보았지만 출처를 찾지 못한 사실 {count}건입니다 (데이터에서 자동으로 뽑은 목록).",
        "en": "{count} facts looked for and not found (listed from the data).",
    },
    "sources.unknown.none": {"ko": "확인 안 된 사실이 없습니다.", "en": "No fact is marked not found."},
    "sources.col.entity": {"ko": "대상", "en": "About"},
    "sources.col.attribute": {"ko": "사실", "en": "Fact"},
    "sources.col.value": {"ko": "값", "en": "Value"},
    "sources.download.unknown": {"ko": "이 목록을 CSV로 내려받기", "en": "Download this list (CSV)"},
    "sources.attribute.headquarters": {"ko": "본사", "en": "headquarters"},
    "sources.attribute.location_class": {"ko": "소재지 구분", "en": "location"},
    "sources.attribute.founded": {"ko": "설립", "en": "founded"},
    "sources.attribute.listing": {"ko": "상장", "en": "listing"},
    "sources.attribute.parent": {"ko": "모회사·대주주", "en": "parent / owner"},
    "sources.attribute.leader": {"ko": "대표자", "en": "leader"},
    "sources.attribute.attendee_level": {"ko": "참석자 직급", "en": "attendee level"},
    "sources.attribute.business": {"ko": "사업", "en": "business"},
    "sources.attribute.footprint": {"ko": "거점", "en": "footprint"},
    "sources.attribute.scale": {"ko": "규모", "en": "scale"},
    "sources.add.heading": {"ko": "데이터를 더하거나 고치는 방법", "en": "How to add or correct data"},
    "sources.add.body": {
        "ko": "1. `data/` 폴더의 CSV 파일을 고칩니다 (UTF-8, BOM 없이). 열의 뜻은 아래 데이터 사전에 있습니다.\n"
        "2. 새 사실에는 `sources.csv`의 출처 id를 `source_ids`에 적고, 출처가 없으면 `sources.csv`에 먼저 추가합니다.\n"
        "3. 검사기 `python -m components.validate`를 실행합니다. 문제가 있으면 파일, 행, 열을 짚어 알려 줍니다.",
        "en": "1. Edit the CSV files in `data/` (UTF-8, no BOM). The data dictionary below says what each column means.\n"
        "2. Give every new fact the ids of its sources in `source_ids`; add a missing source to `sources.csv` first.\n"
        "3. Run the validator, `python -m components.validate`; it names the file, row and column of every problem.",
    },
    "sources.dict.heading": {"ko": "데이터 사전", "en": "Data dictionary"},
    "sources.dict.caption": {
        "ko": "`data/datapackage.json`에서 자동으로 만든 표입니다. 열 설명은 스키마에 적힌 영어 그대로입니다.",
        "en": "Generated from `data/datapackage.json`; descriptions are the schema's own.",
    },
    "sources.dict.resource": {"ko": "{file} (열 {count}개)", "en": "{file} ({count} columns)"},
    "sources.col.resource": {"ko": "파일", "en": "File"},
    "sources.col.column": {"ko": "열", "en": "Column"},
    "sources.col.type": {"ko": "형식", "en": "Type"},
    "sources.col.list": {"ko": "여러 값", "en": "List"},
    "sources.col.required": {"ko": "필수", "en": "Required"},
    "sources.col.allowed": {"ko": "허용 값", "en": "Allowed values"},
    "sources.col.description": {"ko": "설명", "en": "Description"},
    "sources.col.example": {"ko": "예", "en": "Example"},
    "sources.download.dictionary": {"ko": "데이터 사전을 CSV로 내려받기", "en": "Download the dictionary (CSV)"},
    "sources.zip.heading": {"ko": "데이터 패키지 내려받기", "en": "Download the data package"},
    "sources.zip.caption": {
        "ko": "CSV 파일 {count}개와 스키마(datapackage.json)를 zip 파일 하나로 내려받습니다.",
        "en": "All {count} CSV files and the schema (datapackage.json) in one zip file.",
    },
    "sources.zip.button": {"ko": "데이터 패키지 (zip)", "en": "Data package (zip)"},
    # --- network ---
    "network.title": {"ko": "연결망: 누가 누구와 이어져 있나", "en": "Linkage network: who connects to whom"},
    "network.intro": {
        "ko": "지역·인물·기업·행사, MOU 조항과 분야를 하나의 연결망으로 봅니다. 노드를 누르거나 아래에서 고르면 그 노드의 주변과 상세 정보가 나옵니다.",
        "en": "Regions, people, companies and events, the MOU's clauses and the sectors, as one network. Click a node or choose one below to see its neighbourhood and details.",
    },
    "network.focus.label": {"ko": "초점 노드", "en": "Focus on"},
    "network.focus.search": {"ko": "목록에서 찾기 (Enter: 첫 번째 결과 선택)", "en": "Find in the list (Enter picks the first match)"},
    "network.focus.count": {"ko": "{total}개 중 {shown}개", "en": "{shown} of {total}"},
    "network.focus.help": {
        "ko": "고른 노드와 그 주변만 보여 줍니다. 그래프에서 노드를 눌러도 됩니다.",
        "en": "Shows the chosen node and its neighbourhood. Clicking a node in the graph does the same.",
    },
    "network.focus.none": {"ko": "(전체 연결망)", "en": "(whole network)"},
    "network.focus.clear": {"ko": "초점 해제", "en": "Clear focus"},
    "network.depth.label": {"ko": "연결 단계", "en": "Depth"},
    "network.depth.option": {"ko": "{depth}단계", "en": "{depth} hop(s)"},
    "network.depth.help": {
        "ko": "초점 노드에서 몇 단계 떨어진 노드까지 보여 줄지 정합니다. 초점이 있을 때만 쓰입니다.",
        "en": "How many links away from the focused node to show. Used only when a node is in focus.",
    },
    "network.fade.label": {"ko": "나머지는 흐리게 표시", "en": "Fade the rest instead of hiding it"},
    "network.fade.help": {
        "ko": "필터와 초점에서 벗어난 노드를 숨기지 않고 흐리게 남겨 전체 속 위치를 보여 줍니다.",
        "en": "Keeps what the filter and focus leave out, faded, so you see where the selection sits in the whole.",
    },
    "network.graph.help": {
        "ko": "노드를 누르면 초점이 바뀌고 주소(URL)에 저장됩니다. 마우스를 올리면 자세한 내용이 보입니다. 끌어서 이동하고, 버튼·두 손가락·Ctrl+휠로 확대·축소합니다. 같은 필터는 언제나 같은 배치로 그려집니다.",
        "en": "Click a node to focus on it (the address keeps it). Hover for details. Drag to pan; zoom with the buttons, a pinch or Ctrl + scroll. The same filter always draws the same picture.",
    },
    "network.graph.loading": {"ko": "연결망을 그리는 중…", "en": "Drawing the network…"},
    "network.graph.failed": {
        "ko": "연결망 그림을 불러오지 못했습니다. 아래 표와 요약에 같은 내용이 있습니다.",
        "en": "The network drawing could not be loaded. The table and summary below hold the same content.",
    },
    "network.graph.fit": {"ko": "전체 보기", "en": "Fit to view"},
    "network.graph.zoom_in": {"ko": "확대 +", "en": "Zoom in +"},
    "network.graph.zoom_out": {"ko": "축소 −", "en": "Zoom out −"},
    "network.graph.full": {"ko": "전체 화면", "en": "Full screen"},
    "network.graph.exit_full": {"ko": "전체 화면 닫기 (Esc)", "en": "Exit full screen (Esc)"},
    "network.graph.aria": {"ko": "연결망 그림 (내용은 아래 표와 요약 참조)", "en": "Network drawing (its content is in the table and summary below)"},
    "network.graph.empty": {"ko": "이 필터에 해당하는 노드가 없습니다.", "en": "Nothing in the network matches this filter."},
    "network.graph.filtered": {"ko": "분야 필터 적용 중: {names}", "en": "Sector filter on: {names}"},
    "network.legend.title": {"ko": "범례", "en": "Legend"},
    "network.legend.side": {"ko": "색 = 소속", "en": "Colour = side"},
    "network.legend.kind": {"ko": "모양 = 종류", "en": "Shape = kind"},
    "network.legend.lines": {"ko": "선", "en": "Lines"},
    "network.legend.seen": {"ko": "실선: 출처에서 확인한 관계", "en": "Solid: relation seen in a source"},
    "network.legend.inferred": {"ko": "점선: 추정한 관계", "en": "Dashed: inferred relation"},
    "network.legend.sector_link": {"ko": "가는 점선: 분야 소속", "en": "Thin dotted: belongs to sector"},
    "network.legend.arrow": {"ko": "화살표: ‘주체 → 관계 → 대상’ 방향", "en": "Arrow: reads ‘from → relation → to’"},
    "network.legend.focused": {"ko": "굵은 테두리: 초점 노드", "en": "Thick outline: the node in focus"},
    "network.legend.faded": {"ko": "흐린 노드: 필터 밖", "en": "Faded: outside the filter"},
    "network.legend.uncertain": {"ko": "점선 테두리: 추정으로 식별", "en": "Dashed outline: identification inferred"},
    "network.side.KR": {"ko": "한국", "en": "Korea"},
    "network.side.CN": {"ko": "중국", "en": "China"},
    "network.side.shared": {"ko": "공동 (양측)", "en": "Joint (both sides)"},
    "network.side.sector": {"ko": "분야", "en": "Sector"},
    "network.kind.region": {"ko": "지역", "en": "Region"},
    "network.kind.person": {"ko": "인물", "en": "Person"},
    "network.kind.company": {"ko": "기업", "en": "Company"},
    "network.kind.org_unit": {"ko": "조직 단위", "en": "Organisational unit"},
    "network.kind.cluster": {"ko": "클러스터", "en": "Cluster"},
    "network.kind.event": {"ko": "행사", "en": "Event"},
    "network.kind.product": {"ko": "제품·서비스", "en": "Product"},
    "network.kind.organisation": {"ko": "기관", "en": "Organisation"},
    "network.kind.clause": {"ko": "MOU 조항", "en": "MOU clause"},
    "network.kind.proposal": {"ko": "제안 (MOU 아님)", "en": "Proposal (not in the MOU)"},
    "network.kind.sector": {"ko": "분야", "en": "Sector"},
    "network.link.part_of": {"ko": "MOU 내용", "en": "part of"},
    "network.link.involves": {"ko": "관련", "en": "involves"},
    "network.link.in_sector": {"ko": "분야", "en": "in sector"},
    "network.role.delegation": {"ko": "경기도 대표단 기업", "en": "Gyeonggi delegation company"},
    "network.role.host": {"ko": "텐센트 측 (초청)", "en": "Tencent side (host)"},
    "network.role.signatory": {"ko": "서명자", "en": "Signatory"},
    "network.group.field": {"ko": "교류 분야", "en": "Field of exchange"},
    "network.group.mechanism": {"ko": "교류 방식", "en": "Mechanism"},
    "network.group.agreement": {"ko": "구체적 합의", "en": "Specific agreement"},
    "network.group.proposal": {"ko": "도지사 제안", "en": "Governor's proposal"},
    "network.clause_group": {"ko": "{group} {number}", "en": "{group} {number}"},
    "network.attribute.headquarters": {"ko": "본사", "en": "Headquarters"},
    "network.attribute.location_class": {"ko": "소재지 구분", "en": "Location"},
    "network.attribute.founded": {"ko": "설립", "en": "Founded"},
    "network.attribute.listing": {"ko": "상장", "en": "Listing"},
    "network.attribute.parent": {"ko": "모회사", "en": "Parent"},
    "network.attribute.leader": {"ko": "대표", "en": "Leader"},
    "network.attribute.attendee_level": {"ko": "참석자 직급", "en": "Attendee level"},
    "network.attribute.business": {"ko": "주요 사업", "en": "Business"},
    "network.attribute.footprint": {"ko": "사업 거점", "en": "Footprint"},
    "network.attribute.scale": {"ko": "규모", "en": "Scale"},
    "network.details.heading": {"ko": "상세 정보: {name}", "en": "Details: {name}"},
    "network.details.none_selected": {
        "ko": "노드를 누르거나 위의 ‘초점 노드’에서 고르면 여기에 상세 정보가 나옵니다.",
        "en": "Click a node or choose one under ‘Focus on’ to see its details here.",
    },
    "network.details.name_ko": {"ko": "한국어 이름", "en": "Korean name"},
    "network.details.name_en": {"ko": "영어 이름", "en": "English name"},
    "network.details.name_zh": {"ko": "중국어 이름", "en": "Chinese name"},
    "network.details.kind": {"ko": "종류", "en": "Kind"},
    "network.details.side": {"ko": "소속", "en": "Side"},
    "network.details.sectors": {"ko": "분야", "en": "Sectors"},
    "network.details.description": {"ko": "설명", "en": "Description"},
    "network.details.role": {"ko": "역할", "en": "Role"},
    "network.details.identified": {"ko": "식별 근거", "en": "Identification"},
    "network.details.group": {"ko": "구분", "en": "Part"},
    "network.details.members": {"ko": "이 분야의 노드", "en": "Nodes in this sector"},
    "network.details.none": {"ko": "없음", "en": "none"},
    "network.details.figures": {"ko": "수치", "en": "Figures"},
    "network.details.attributes": {"ko": "프로필", "en": "Profile"},
    "network.details.relations": {"ko": "연결 ({count})", "en": "Links ({count})"},
    "network.details.no_relations": {"ko": "연결이 없습니다.", "en": "No links."},
    "network.details.confidence": {"ko": "확인 수준: {level}", "en": "Confidence: {level}"},
    "network.table.heading": {"ko": "관계 표 ({count}건)", "en": "Relations table ({count})"},
    "network.table.caption": {
        "ko": "그림에 보이는 관계를 출처와 함께 나열합니다 (그림의 텍스트 대안).",
        "en": "The relations the drawing shows, with their sources (the drawing's text alternative).",
    },
    "network.table.empty": {"ko": "보이는 관계가 없습니다.", "en": "No relations in view."},
    "network.col.from": {"ko": "주체", "en": "From"},
    "network.col.relation": {"ko": "관계", "en": "Relation"},
    "network.col.to": {"ko": "대상", "en": "To"},
    "network.col.date": {"ko": "날짜", "en": "Date"},
    "network.col.confidence": {"ko": "확인 수준", "en": "Confidence"},
    "network.col.source": {"ko": "출처", "en": "Source"},
    "network.col.source_url": {"ko": "출처 링크", "en": "Source link"},
    "network.col.open": {"ko": "열기", "en": "open"},
    "network.download.csv": {"ko": "보이는 관계 CSV 내려받기", "en": "Download the visible relations (CSV)"},
    "network.download.html": {"ko": "보이는 연결망 HTML 내려받기 (오프라인)", "en": "Download the visible network (HTML, works offline)"},
    "network.download.html_help": {
        "ko": "인터넷 연결 없이 열리는 파일 하나입니다 (그림·범례·관계 표 포함).",
        "en": "One file that opens without an internet connection (drawing, legend and relations table).",
    },
    "network.summary.heading": {"ko": "요약", "en": "Summary"},
    "network.summary.totals": {
        "ko": "연결망에 노드 {nodes}개와 연결 {edges}개가 보입니다: {kinds}.",
        "en": "The network shows {nodes} nodes and {edges} links: {kinds}.",
    },
    "network.summary.count": {"ko": "{kind} {count}", "en": "{kind}: {count}"},
    "network.summary.sep": {"ko": ", ", "en": ", "},
    "network.summary.nothing": {"ko": "없음", "en": "nothing"},
    "network.summary.faded": {"ko": "필터 밖의 노드 {count}개는 흐리게 표시됩니다.", "en": "{count} nodes outside the filter are faded."},
    "network.summary.focus": {"ko": "초점: {name} (반경 {depth}단계).", "en": "In focus: {name}, up to {depth} link(s) away."},
    "network.summary.top": {"ko": "가장 많이 연결된 곳: {names}.", "en": "Most connected: {names}."},
    "network.summary.top_item": {"ko": "{name} ({count}개)", "en": "{name} ({count})"},
    "network.html.note": {
        "ko": "한중 비즈니스 연결 대시보드에서 내려받은 연결망입니다. 모든 관계의 출처는 표에 있습니다.",
        "en": "Network downloaded from the Korea–China Business Linkage Dashboard. Every relation's source is in the table.",
    },
    "network.html.nojs": {"ko": "그림을 보려면 JavaScript가 필요합니다. 관계 표는 아래에 있습니다.", "en": "The drawing needs JavaScript. The relations table is below."},
    # --- delegation ---
    "delegation.title": {"ko": "누가 갔고, 무슨 일을 하는 회사인가", "en": "Who went, and what do they do?"},
    "delegation.intro": {
        "ko": "2025년 9월 25일 김동연 지사와 함께 텐센트 클라우드 상하이 지사를 찾은 경기도 기업 여섯 곳과, "
        "이들을 맞은 텐센트 측(주최)의 프로필입니다. 표의 모든 사실은 아래 프로필에서 출처와 함께 볼 수 있습니다.",
        "en": "The six Gyeonggi companies that visited Tencent Cloud's Shanghai office with Governor Kim Dong-yeon "
        "on 25 September 2025, and the Tencent side that hosted them. Every fact in the table is in the profiles "
        "below, with its source.",
    },
    "delegation.filter.count": {"ko": "기업 {total}곳 중 {shown}곳을 보여 줍니다.", "en": "Showing {shown} of {total} companies."},
    "delegation.none": {
        "ko": "고른 분야에 해당하는 대표단 기업이나 주최 측 회사가 없습니다. 사이드바에서 분야 필터를 바꾸거나 비우세요.",
        "en": "No company in the delegation or on the host side is in the chosen sectors. Change or clear the sector filter in the sidebar.",
    },
    "delegation.table.heading": {"ko": "대표단과 주최 측", "en": "The delegation and its hosts"},
    "delegation.table.legend": {
        "ko": "‘(추정)’은 출처에서 끌어낸 추정, ‘알 수 없음’은 어떤 출처에서도 찾지 못한 사실입니다. 주최 측은 텐센트와 텐센트 클라우드입니다.",
        "en": "‘(inferred)’ marks a fact derived from the sources rather than stated in them; ‘unknown’ means no source for it was found. The hosts are Tencent and Tencent Cloud.",
    },
    "delegation.download": {"ko": "표를 CSV로 내려받기", "en": "Download this table (CSV)"},
    "delegation.table.numbers": {"ko": "표로 보기", "en": "Show as a table"},
    "delegation.profiles.heading": {"ko": "기업 프로필", "en": "Company profiles"},
    "delegation.chart.more": {"ko": "외 {count}곳", "en": "and {count} more"},
    "delegation.profiles.help": {
        "ko": "회사 이름을 눌러 펼치면 사실마다 출처가 있고, 연결망에서 그 회사를 중심으로 볼 수 있습니다.",
        "en": "Open a company to see each fact with its source, and a link to the network centred on it.",
    },
    "delegation.role.delegation": {"ko": "대표단", "en": "Delegation"},
    "delegation.role.host": {"ko": "주최 (텐센트 측)", "en": "Host (Tencent side)"},
    "delegation.col.name": {"ko": "회사", "en": "Company"},
    "delegation.col.other_name": {"ko": "영문 이름", "en": "Korean name"},
    "delegation.col.role": {"ko": "역할", "en": "Role"},
    "delegation.col.sectors": {"ko": "분야", "en": "Sectors"},
    "delegation.col.business": {"ko": "하는 일", "en": "What it does"},
    "delegation.col.headquarters": {"ko": "본사", "en": "Headquarters"},
    "delegation.col.founded": {"ko": "설립", "en": "Founded"},
    "delegation.col.listing": {"ko": "상장·종목코드", "en": "Listing / ticker"},
    "delegation.col.parent": {"ko": "모회사·대주주", "en": "Parent / owner"},
    "delegation.col.attendee_level": {"ko": "참석자", "en": "Who attended"},
    "delegation.col.sector": {"ko": "분야", "en": "Sector"},
    "delegation.col.count": {"ko": "기업 수", "en": "Companies"},
    "delegation.col.companies": {"ko": "기업", "en": "Which"},
    "delegation.col.location": {"ko": "소재지", "en": "Location"},
    "delegation.attr.business": {"ko": "하는 일", "en": "What it does"},
    "delegation.attr.headquarters": {"ko": "본사", "en": "Headquarters"},
    "delegation.attr.location_class": {"ko": "소재 지역", "en": "Location"},
    "delegation.attr.founded": {"ko": "설립", "en": "Founded"},
    "delegation.attr.listing": {"ko": "상장·종목코드", "en": "Listing / ticker"},
    "delegation.attr.parent": {"ko": "모회사·대주주", "en": "Parent / owner"},
    "delegation.attr.leader": {"ko": "대표", "en": "Leader"},
    "delegation.attr.attendee_level": {"ko": "참석자", "en": "Who attended"},
    "delegation.attr.footprint": {"ko": "사업 범위", "en": "Footprint"},
    "delegation.attr.scale": {"ko": "규모", "en": "Scale"},
    "delegation.inferred_value": {"ko": "{value} (추정)", "en": "{value} (inferred)"},
    "delegation.no_source": {"ko": "찾아본 출처에 없음", "en": "Not in any source consulted"},
    "delegation.profile.fact": {"ko": "항목", "en": "Fact"},
    "delegation.profile.value": {"ko": "내용", "en": "Value"},
    "delegation.network_link": {"ko": "연결망에서 {name} 중심으로 보기", "en": "See {name} in the network"},
    "delegation.sectors.heading": {"ko": "분야별 대표단", "en": "The delegation by sector"},
    "delegation.sectors.double_count": {
        "ko": "두 분야에 걸친 기업은 두 막대에 모두 셉니다({names}). 그래서 기업 {firms}곳의 막대 합계가 {total}입니다.",
        "en": "A company in two sectors is counted in both bars ({names}), so the bars for {firms} companies add up to {total}.",
    },
    "delegation.sectors.single": {
        "ko": "여기 있는 기업은 모두 한 분야에만 속합니다.",
        "en": "Each company shown here is in a single sector.",
    },
    "delegation.location.heading": {"ko": "대표단 기업은 어디에 있나", "en": "Where are the delegation firms?"},
    "delegation.location.help": {
        "ko": "기사는 여섯 곳 모두를 ‘판교클러스터’ 기업으로 소개했지만, 출처로 판교 소재가 확인되는 곳은 일부뿐입니다. ‘(추정)’ 표시는 본사 이전이 확인되지 않은 경우입니다.",
        "en": "The article presents all six as Pangyo-cluster firms, but the sources place only some of them in Pangyo. ‘(inferred)’ marks a location where a headquarters move is not confirmed.",
    },
    "delegation.chart.count_axis": {"ko": "기업 수", "en": "Number of companies"},
    "delegation.chart.hover_count": {"ko": "기업 {count}곳", "en": "Companies: {count}"},
    "delegation.claim.heading": {"ko": "주장 검증 장부의 판단", "en": "From the claims ledger"},
    "delegation.claim.link": {"ko": "출처와 검증 페이지에서 모든 주장 보기", "en": "See every claim on the sources page"},
    # --- economy ---
    "economy.title": {"ko": "얼마나 큰 상대인가", "en": "How big are the players?"},
    "economy.intro": {
        "ko": "기사가 제시한 상하이의 총생산과 텐센트의 시가총액을 먼저 그대로 보이고, 이어서 비교할 맥락을 덧붙입니다: "
        "경기도와의 비교, 중국 성급 단위·도시 순위, 텐센트의 매출.",
        "en": "First Shanghai's GDP and Tencent's market value as the article gives them, then the context they need: "
        "Shanghai beside Gyeonggi, Shanghai among China's provinces and cities, and Tencent's revenue.",
    },
    "economy.filter.ignored": {
        "ko": "분야 필터는 이 페이지에 적용되지 않습니다. 지역과 회사 전체의 규모를 다룹니다.",
        "en": "The sector filter does not apply here: this page is about whole regions and companies.",
    },
    "economy.unit.label": {"ko": "통화 단위", "en": "Currency"},
    "economy.unit.usd": {"ko": "달러 (US$)", "en": "US dollars (US$)"},
    "economy.unit.krw": {"ko": "원 (₩)", "en": "Korean won (₩)"},
    "economy.rate.krw": {
        "ko": "달러↔원 환산은 기사 수치가 함축하는 환율 **{rate}**을 씁니다.",
        "en": "US$ ↔ ₩ conversions use the rate the article's own figures imply: **{rate}**.",
    },
    "economy.rate.cny": {
        "ko": "위안으로 주어진 값은 기사 수치가 함축하는 **{rate}**으로 환산하며, 환산한 값에는 ≈ 표시와 환율을 붙입니다.",
        "en": "Values given in yuan are converted at **{rate}**, also implied by the article; every converted value carries ≈ and its rate.",
    },
    "economy.headline.heading": {"ko": "기사가 제시한 수치", "en": "As the article gives them"},
    "economy.headline.label.shanghai": {"ko": "상하이 총생산(GDP)", "en": "Shanghai's GDP"},
    "economy.headline.label.tencent": {"ko": "텐센트 시가총액", "en": "Tencent's market value"},
    "economy.headline.rank": {"ko": "기사: {scope} {rank}위", "en": "Article: #{rank} {scope}"},
    "economy.headline.note.shanghai": {
        "ko": "기사는 그냥 ‘중국 1위’라고 썼지만, 1위는 도시 기준입니다. 성급 단위로는 아래 순위를 보세요.",
        "en": "The article just says ‘No. 1 in China’; that holds among cities. For provinces see the ranking below.",
    },
    "economy.headline.note.tencent": {
        "ko": "시가총액은 상장사 텐센트 홀딩스의 것입니다(방문한 텐센트 클라우드는 비상장 사업부). 값과 순위는 독립적으로 확인되지 않았습니다.",
        "en": "The market value is that of the listed Tencent Holdings (Tencent Cloud, which hosted the visit, is an unlisted division). Value and rank are not independently verified.",
    },
    "economy.confidence": {"ko": "신뢰도: {level}", "en": "Confidence: {level}"},
    "economy.as_given": {"ko": "출처가 제시한 값", "en": "as the source gives it"},
    "economy.converted_note": {"ko": "≈ 환산값 (출처 값 {original}, 환율 {rates})", "en": "≈ converted from {original} at {rates}"},
    "economy.and": {"ko": " → ", "en": " and then "},
    "economy.converted_caption": {
        "ko": "≈ 표시 막대는 출처 값을 환산한 것입니다: {items}.",
        "en": "Bars marked ≈ are conversions of the source's value: {items}.",
    },
    "economy.regions.heading": {"ko": "상하이와 경기도 (2024년)", "en": "Shanghai beside Gyeonggi (2024)"},
    "economy.regions.ratio": {
        "ko": "두 막대를 같은 환율로 환산했으므로 단위를 바꿔도 비율은 그대로입니다: 상하이는 경기도의 약 {times}배.",
        "en": "Both bars use the same rate, so switching the unit keeps their ratio: Shanghai is about {times} times Gyeonggi.",
    },
    "economy.regions.ratio_2024": {
        "ko": "2024년 평균 환율로 따로 계산하면 {ratio}입니다:",
        "en": "Computed with 2024 average rates instead, it is {ratio}:",
    },
    "economy.ranking.heading": {"ko": "상하이는 정말 ‘중국 1위’인가", "en": "Is Shanghai really ‘No. 1 in China’?"},
    "economy.ranking.finding": {
        "ko": "2024년 GDP로 상하이는 중국 **도시** 중 **{city_rank}위**이지만, 31개 **성급 단위**(성·직할시·자치구) 중에서는 **{province_rank}위**입니다.",
        "en": "By 2024 GDP Shanghai is **#{city_rank} among Chinese cities**, but **#{province_rank} among the 31 provincial-level units** (provinces, municipalities, regions).",
    },
    "economy.ranking.provinces": {"ko": "성급 단위 중 (2024)", "en": "Among provincial-level units (2024)"},
    "economy.ranking.provinces_note": {
        "ko": "상하이는 주황 빗금 막대와 ▶ 표시. 랴오닝·하이난·구이저우는 자료에 없지만 모두 상하이보다 작습니다(추정).",
        "en": "Shanghai is the orange hatched bar marked ▶. Liaoning, Hainan and Guizhou are missing from the data but are all smaller than Shanghai (inferred).",
    },
    "economy.ranking.cities": {"ko": "도시 중 (2024)", "en": "Among cities (2024)"},
    "economy.claim.heading": {"ko": "주장 검증 장부의 판단", "en": "From the claims ledger"},
    "economy.claim.link": {"ko": "출처와 검증 페이지에서 모든 주장 보기", "en": "See every claim on the sources page"},
    "economy.tencent.heading": {"ko": "텐센트: 시가총액과 매출", "en": "Tencent: market value beside revenue"},
    "economy.tencent.note": {
        "ko": "시가총액은 한 시점의 주식 가치(기사 수치, 2025년 9월, 미검증)이고 매출과 영업이익(비IFRS)은 한 해(2024 회계연도)의 실적입니다. 서로 다른 종류의 값이므로 크기만 견주어 보세요.",
        "en": "Market value is what the shares were worth at one moment (the article's figure, Sept 2025, unverified); revenue and operating profit (non-IFRS) are one year's business (FY2024). They measure different things: compare only their size.",
    },
    "economy.table.numbers": {"ko": "표로 보기 (수치·출처)", "en": "Table: numbers and sources"},
    "economy.download": {"ko": "표를 CSV로 내려받기", "en": "Download this table (CSV)"},
    "economy.chart.highlight_label": {"ko": "▶ {name}", "en": "▶ {name}"},
    "economy.chart.hover_source": {"ko": "출처 값", "en": "Source value"},
    "economy.col.rank": {"ko": "순위", "en": "Rank"},
    "economy.col.subject": {"ko": "대상", "en": "Subject"},
    "economy.col.figure": {"ko": "수치", "en": "Figure"},
    "economy.col.period": {"ko": "기간", "en": "Period"},
    "economy.col.value": {"ko": "값", "en": "Value"},
    "economy.col.value_number": {"ko": "값 (숫자)", "en": "Value (number)"},
    "economy.col.unit": {"ko": "단위", "en": "Unit"},
    "economy.col.original": {"ko": "출처가 제시한 값", "en": "As the source gives it"},
    "economy.col.conversion": {"ko": "환산", "en": "Conversion"},
    "economy.col.confidence": {"ko": "신뢰도", "en": "Confidence"},
    "economy.col.source": {"ko": "출처", "en": "Source"},
    "economy.col.link": {"ko": "링크", "en": "Link"},
    "economy.unit_code.USD": {"ko": "달러", "en": "US$"},
    "economy.unit_code.KRW": {"ko": "원", "en": "₩"},
    "economy.unit_code.CNY": {"ko": "위안", "en": "CN¥"},
    "economy.metric.gdp": {"ko": "GDP", "en": "GDP"},
    "economy.metric.market_cap": {"ko": "시가총액", "en": "Market value"},
    "economy.metric.revenue": {"ko": "매출", "en": "Revenue"},
    "economy.metric.operating_profit": {"ko": "영업이익", "en": "Operating profit"},
    "economy.metric_period": {"ko": "{metric} ({period})", "en": "{metric} ({period})"},
    "network.graph.too_big": {
        "ko": "이 보기에는 노드가 {count}개 있어 한 그림으로는 읽을 수 없습니다(그리는 한도 {limit}개). 분야 필터나 초점 노드를 골라 범위를 좁히면 그림이 나타납니다. 아래 관계 표와 요약은 모두 보여 줍니다.",
        "en": "This view has {count} nodes: too many to read as one drawing (the limit is {limit}). Choose a sector or a node to focus on to draw it; the relations table and summary below stay complete.",
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
    "overview.confidence.unverified": {
        "ko": "미검증: 경기도 보도자료에만 있는 수치로, 독립된 시장 자료로 확인되지 않았습니다 (출처와 검증 페이지 참고).",
        "en": "Unverified: only the Gyeonggi press release gives it; no independent market data confirms it (see Sources & claims).",
    },
    "overview.confidence.inferred": {
        "ko": "추정: 출처의 수치에서 계산한 값입니다.",
        "en": "Inferred: computed from the sources' figures.",
    },
    "overview.metric.equals": {"ko": "= {value} (기사 표기)", "en": "= {value} (as the article gives it)"},
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
