//! The region of the system locale ("en_US.UTF-8" → "US"): the default
//! for phone numbers typed without a country code, until the user picks one.

pub(crate) fn region() -> String {
    ["LC_ALL", "LC_TELEPHONE", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.is_empty())
        .map(|v| region_of(&v))
        .unwrap_or_default()
}

fn region_of(locale: &str) -> String {
    let name = locale.split(['.', '@']).next().unwrap_or_default();
    name.split_once(['_', '-'])
        .map(|(_, region)| region)
        .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::region_of;

    #[test]
    fn the_region_is_read_from_common_locale_shapes() {
        assert_eq!(region_of("en_US.UTF-8"), "US");
        assert_eq!(region_of("de_DE@euro"), "DE");
        assert_eq!(region_of("pt-br"), "BR");
        assert_eq!(region_of("C.UTF-8"), "");
        assert_eq!(region_of("POSIX"), "");
    }
}
