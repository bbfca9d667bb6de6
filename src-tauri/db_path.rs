//! Where the database lives: `--db PATH`, else `TOUCHPOINT_DB`, else one file
//! in the OS app-data folder (the same folder Tauri uses for this app).

use std::ffi::OsString;
use std::path::PathBuf;

/// Must match `identifier` in `tauri.conf.json`.
pub(crate) const APP_IDENTIFIER: &str = "app.touchpoint.desktop";
pub(crate) const ENV_VAR: &str = "TOUCHPOINT_DB";
const FILE_NAME: &str = "touchpoint.sqlite3";

pub(crate) fn resolve_from_env(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    resolve(flag, std::env::var_os(ENV_VAR), dirs::data_dir())
}

fn resolve(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, String> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    data_dir
        .map(|dir| dir.join(APP_IDENTIFIER).join(FILE_NAME))
        .ok_or_else(|| {
            format!(
                "cannot find the app-data folder (is HOME set?); choose a file with --db PATH or {ENV_VAR}"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let path = resolve(
            Some("/tmp/flag.sqlite3".into()),
            Some("/tmp/env.sqlite3".into()),
            Some("/data".into()),
        );
        assert_eq!(path.unwrap(), PathBuf::from("/tmp/flag.sqlite3"));
    }

    #[test]
    fn the_environment_wins_over_the_default() {
        let path = resolve(None, Some("/tmp/env.sqlite3".into()), Some("/data".into()));
        assert_eq!(path.unwrap(), PathBuf::from("/tmp/env.sqlite3"));
    }

    #[test]
    fn an_empty_environment_variable_is_ignored() {
        let path = resolve(None, Some(OsString::new()), Some("/data".into()));
        assert_eq!(
            path.unwrap(),
            PathBuf::from("/data/app.touchpoint.desktop/touchpoint.sqlite3")
        );
    }

    #[test]
    fn without_a_home_the_error_says_how_to_choose_a_file() {
        let err = resolve(None, None, None).unwrap_err();
        assert!(err.contains("--db PATH") && err.contains(ENV_VAR), "{err}");
    }

    #[test]
    fn the_identifier_matches_tauri_conf() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(
            conf["identifier"], APP_IDENTIFIER,
            "the CLI and the window must use the same data folder"
        );
    }
}
