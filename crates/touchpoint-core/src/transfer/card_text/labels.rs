//! Field labels for the card parser: "T:", "Mob.", "E-mail", "Web",
//! "Call/Text", and their equivalents in the languages cards come in
//! (including Chinese, Japanese, Korean, Vietnamese and Russian), folded by
//! [`norm_label`] before they are looked up here.

use super::Label;
use super::birthday::BIRTHDAY_LABELS;
use super::lines::{collapse_ws, fold};
use crate::contacts::ProfileKind;

/// Lower-cased, accent-free label text without the punctuation around it.
pub(super) fn norm_label(s: &str) -> String {
    let folded = fold(s).replace('.', "");
    collapse_ws(
        folded.trim_matches(|c: char| matches!(c, ':' | ' ' | '-' | '–' | '—' | '=' | '>' | '#')),
    )
}

pub(super) fn phone_label(key: &str) -> Option<&'static str> {
    match key {
        "t" | "tel" | "tele" | "telephone" | "telefon" | "telefone" | "telefono" | "phone"
        | "ph" | "p" | "o" | "office" | "off" | "w" | "work" | "work phone" | "office phone"
        | "business" | "main" | "b" | "fixo" | "fixe" | "standard" | "zentrale" | "telf"
        | "tfno" | "tlf" | "đt" | "đien thoai" | "dien thoai" | "тел" | "телефон" | "电话"
        | "電話" | "座机" | "전화" | "office tel" => Some("work"),
        "m" | "mob" | "mobile" | "mobil" | "mobile phone" | "cell" | "cell phone" | "cellular"
        | "c" | "cel" | "celular" | "handy" | "portable" | "port" | "gsm" | "movil"
        | "cellulaire" | "kom" | "tel kom" | "call" | "text" | "call/text" | "call / text"
        | "call or text" | "call/txt" | "cell/text" | "cell / text" | "text/call" | "sms"
        | "whatsapp" | "wa" | "dđ" | "di đong" | "di dong" | "моб" | "мобильный" | "手机"
        | "手機" | "携帯" | "携帯電話" | "휴대폰" | "휴대전화" | "핸드폰" | "hp" => {
            Some("mobile")
        }
        "f" | "fax" | "telefax" | "fx" | "факс" | "传真" | "傳真" | "팩스" => Some("fax"),
        "h" | "home" | "home phone" | "privat" | "private" | "casa" | "domicile" => Some("home"),
        "d" | "dd" | "ddi" | "dl" | "direct" | "dir" | "direct line" | "direct dial"
        | "tel direct" | "tel direkt" | "durchwahl" | "direkt" | "直通" => Some("direct"),
        _ => None,
    }
}

/// The label a prefix gives an email: generic prefixes ("E:", "Email:") mean
/// the address printed on a business card or signature, i.e. work.
pub(super) fn email_label(key: &str) -> Option<&'static str> {
    match key {
        "e" | "em" | "email" | "e-mail" | "e mail" | "mail" | "courriel" | "correo"
        | "email address" | "e-mail address" | "work" | "work email" | "work e-mail"
        | "business" | "office" | "邮箱" | "邮件" | "电邮" | "電郵" | "電子郵件" | "电子邮件"
        | "メール" | "이메일" | "эл почта" => Some("work"),
        "personal" | "private" | "privat" | "home" | "personal email" | "private email"
        | "home email" | "perso" | "personnel" => Some("home"),
        _ => None,
    }
}

#[rustfmt::skip]
const WEB_LABELS: [&str; 18] = [
    "w", "web", "website", "webseite", "site", "site web", "url", "www", "homepage", "internet",
    "i", "web site", "网址", "網址", "网站", "ホームページ", "홈페이지", "сайт",
];

pub(super) fn is_web_label(key: &str) -> bool {
    WEB_LABELS.contains(&key)
}

#[rustfmt::skip]
const ADDRESS_LABELS: [&str; 13] = [
    "address", "addresses", "adresse", "endereco", "direccion", "indirizzo", "anschrift",
    "地址", "住所", "주소", "адрес", "đia chi", "dia chi",
];

pub(super) fn is_address_label(key: &str) -> bool {
    ADDRESS_LABELS.contains(&key)
}

pub(super) fn social_label(key: &str) -> Option<(ProfileKind, &'static str)> {
    match key {
        "twitter" | "x" | "tw" | "x (twitter)" | "twitter/x" => {
            Some((ProfileKind::X, "https://x.com/"))
        }
        "linkedin" => Some((ProfileKind::Linkedin, "https://www.linkedin.com/in/")),
        "instagram" | "ig" | "insta" => Some((ProfileKind::Other, "https://instagram.com/")),
        "github" | "gh" => Some((ProfileKind::Other, "https://github.com/")),
        "xing" => Some((ProfileKind::Other, "https://www.xing.com/profile/")),
        "facebook" | "fb" => Some((ProfileKind::Other, "https://facebook.com/")),
        _ => None,
    }
}

pub(super) fn is_any_label(key: &str) -> bool {
    phone_label(key).is_some()
        || email_label(key).is_some()
        || is_web_label(key)
        || social_label(key).is_some()
}

/// What may sit next to an email or URL and just name it, including
/// LinkedIn's "(Company)" / "(Personal)" website kinds.
pub(super) fn is_link_label(key: &str, raw: &str) -> bool {
    let raw = raw.trim();
    let parenthesised = raw.starts_with('(')
        && raw.ends_with(')')
        && raw.split_whitespace().count() <= 2
        && !raw.chars().any(|c| c.is_ascii_digit());
    email_label(key).is_some() || is_web_label(key) || social_label(key).is_some() || parenthesised
}

/// A line that is nothing but a field name: the value follows on the next line.
/// A generic heading ("Phone", "Email") names the kind of value, not its
/// label: LinkedIn's "Phone" heading precedes "(Mobile)" or "(Home)" numbers.
pub(super) fn lone_label(key: &str) -> Option<Label> {
    match key {
        "email" | "e-mail" | "email address" | "e-mail address" => Some(Label::Email),
        "phone" | "telephone" | "tel" | "phone number" | "phone numbers" => Some(Label::Phone("")),
        "mobile" | "cell" | "mobile phone" => Some(Label::Phone("mobile")),
        "fax" => Some(Label::Phone("fax")),
        "website" | "websites" | "web" | "homepage" => Some(Label::Web),
        k if BIRTHDAY_LABELS.contains(&k) => Some(Label::Birthday),
        k if is_address_label(k) => Some(Label::Address),
        "connected" => Some(Label::Connected),
        k => social_label(k).map(|(kind, base)| Label::Social(kind, base)),
    }
}
