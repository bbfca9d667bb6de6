//! What the system says about where the user is: the region of the locale
//! ("en_US.UTF-8" → "US", for phone numbers typed without a country code)
//! and the IANA time zone. Defaults only: the user's own settings win.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct System {
    pub region: String,
    pub time_zone: String,
}

impl System {
    pub(crate) fn detect() -> Self {
        Self {
            region: region(),
            time_zone: std::env::var("TZ")
                .ok()
                .filter(|tz| tz.contains('/'))
                .or_else(|| iana_time_zone::get_timezone().ok())
                .unwrap_or_default(),
        }
    }
}

fn region() -> String {
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
