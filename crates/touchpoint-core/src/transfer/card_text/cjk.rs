//! Chinese, Japanese and Korean cards: names written family name first
//! without capitals ("王伟", "山田 太郎", "김민준"), titles and companies
//! recognised by the words they contain ("部長", "经理", "株式会社",
//! "有限公司", "주식회사"), and addresses written from the largest unit
//! down ("〒100-0005 東京都千代田区丸の内1-2-3").

use crate::contacts::PostalAddress;

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

pub(super) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| is_han(c) || is_hangul(c) || is_kana(c))
}

#[rustfmt::skip]
const COMPANY_MARKS: [&str; 22] = [
    "株式会社", "有限会社", "合同会社", "(株)", "㈱", "有限公司", "股份", "公司", "集团", "集團",
    "事务所", "事務所", "银行", "銀行", "商事", "物産", "주식회사", "(주)", "㈜", "유한회사",
    "그룹", "商会",
];

pub(super) fn cjk_company(s: &str) -> bool {
    has_cjk(s) && COMPANY_MARKS.iter().any(|m| s.contains(m))
}

#[rustfmt::skip]
const TITLE_MARKS: [&str; 61] = [
    // Japanese
    "部長", "課長", "社長", "係長", "主任", "取締役", "代表", "専務", "常務", "執行役員", "会長",
    "室長", "マネージャー", "マネジャー", "ディレクター", "エンジニア", "担当", "所長",
    // Chinese
    "经理", "經理", "总监", "總監", "主管", "董事", "总裁", "總裁", "工程师", "工程師", "顾问",
    "顧問", "专员", "專員", "助理", "秘书", "秘書", "会计", "會計", "总经理", "總經理", "厂长",
    "廠長", "主席", "销售代表", "采购", "採購",
    // Korean
    "부장", "과장", "대리", "사원", "이사", "대표", "팀장", "실장", "차장", "상무", "전무", "사장",
    "매니저", "본부장", "주임", "연구원",
];

pub(super) fn cjk_title(s: &str) -> bool {
    has_cjk(s) && !cjk_company(s) && TITLE_MARKS.iter().any(|m| s.contains(m))
}

/// 2–4 Han characters or Hangul syllables, with at most one space between
/// the family and the given name, and no title or company word.
pub(super) fn cjk_name_like(s: &str) -> bool {
    let s = s.trim();
    let letters: Vec<char> = s.chars().filter(|c| *c != ' ').collect();
    let all_han = letters.iter().all(|c| is_han(*c));
    let all_hangul = letters.iter().all(|c| is_hangul(*c));
    (all_han || all_hangul)
        && (2..=4).contains(&letters.len())
        && s.matches(' ').count() <= 1
        && !cjk_company(s)
        && !cjk_title(s)
}

#[rustfmt::skip]
const COMPOUND_SURNAMES: [&str; 27] = [
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "宇文", "司徒", "端木", "남궁", "황보",
    "제갈", "선우", "독고",
];

/// (given, family) of a name `cjk_name_like` accepted: the family name comes
/// first; without a space it is one character, or two for a compound surname
/// or a four-character name.
pub(super) fn split_cjk_name(s: &str) -> (String, String) {
    let s = s.trim();
    if let Some((family, given)) = s.split_once(' ') {
        return (given.trim().to_string(), family.trim().to_string());
    }
    let chars: Vec<char> = s.chars().collect();
    let head2: String = chars.iter().take(2).collect();
    let family_len = if chars.len() == 4 || COMPOUND_SURNAMES.contains(&head2.as_str()) {
        2
    } else {
        1
    };
    let family: String = chars.iter().take(family_len).collect();
    let given: String = chars.iter().skip(family_len).collect();
    (given, family)
}

/// "〒100-0005 東京都千代田区丸の内1-2-3", "北京市朝阳区建国路88号": the
/// prefecture or province, the city and ward, then the street.
pub(super) fn cjk_address(s: &str) -> Option<PostalAddress> {
    let mut rest = s.trim();
    let mut postal_code = String::new();
    if let Some(after) = rest.strip_prefix('〒') {
        let (code, tail) = after.split_once(' ').unwrap_or((after, ""));
        let shape_ok = code.len() == 8
            && code
                .char_indices()
                .all(|(i, c)| if i == 3 { c == '-' } else { c.is_ascii_digit() });
        if !shape_ok {
            return None;
        }
        postal_code = code.to_string();
        rest = tail.trim();
    }
    let han = rest.chars().filter(|c| is_han(*c)).count();
    // A house or block number, or a postal code: "市场部经理" holds 市 too.
    let numbered = postal_code.len() + rest.chars().filter(char::is_ascii_digit).count() > 0;
    if han < 3 || !numbered || rest.chars().any(|c| is_hangul(c) || c == '@') {
        return None;
    }
    // The units end with these characters, before the first number.
    let before_number: String = rest.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let region_end = before_number
        .char_indices()
        .take(5)
        .find(|(_, c)| matches!(c, '都' | '道' | '府' | '県' | '省'))
        .map(|(i, c)| i + c.len_utf8());
    let region = region_end.and_then(|e| rest.get(..e)).unwrap_or("");
    let after_region = rest.get(region.len()..).unwrap_or("");
    let locality_end = before_number
        .get(region.len()..)
        .unwrap_or("")
        .char_indices()
        .rfind(|(_, c)| matches!(c, '市' | '区' | '區' | '郡'))
        .map(|(i, c)| i + c.len_utf8());
    let Some(locality_end) = locality_end else {
        // Neither a city nor a ward: only a postal code makes it an address.
        return (!postal_code.is_empty()).then(|| PostalAddress {
            street: rest.to_string(),
            postal_code,
            ..PostalAddress::default()
        });
    };
    Some(PostalAddress {
        street: after_region.get(locality_end..).unwrap_or("").to_string(),
        locality: after_region.get(..locality_end).unwrap_or("").to_string(),
        region: region.to_string(),
        postal_code,
        country: String::new(),
    })
}
