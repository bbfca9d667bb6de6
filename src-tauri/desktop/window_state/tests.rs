use super::*;

#[test]
fn each_database_keeps_its_window_beside_it() {
    assert_eq!(
        state_file(Path::new(
            "/home/sam/.local/share/touchpoint/touchpoint.sqlite3"
        )),
        Path::new("/home/sam/.local/share/touchpoint/touchpoint.window.json")
    );
    assert_eq!(
        state_file(Path::new("/tmp/sample.db")),
        Path::new("/tmp/sample.window.json")
    );
}

#[test]
fn a_kept_state_is_read_back_and_a_damaged_one_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.window.json");
    let state = WindowState {
        width: 1000.0,
        height: 700.0,
        x: 40,
        y: -8,
        maximized: false,
    };
    std::fs::write(&file, serde_json::to_vec(&state).unwrap()).unwrap();
    assert_eq!(read(&file), Some(state));
    for damaged in [
        "",
        "{",
        r#"{"width":0,"height":700,"x":0,"y":0,"maximized":false}"#,
    ] {
        std::fs::write(&file, damaged).unwrap();
        assert_eq!(read(&file), None, "{damaged:?}");
    }
    assert_eq!(read(&dir.path().join("missing.json")), None);
}
