//! Hello world in a Tauri window: the baseline of scripts/bench-start.sh.

/// Called by the page once its line has painted; the same words as
/// Touchpoint's, which the benchmark waits for.
#[tauri::command]
fn first_view_painted() {
    eprintln!("hello-tauri: first view painted");
}

fn main() {
    if let Err(error) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_view_painted])
        .run(tauri::generate_context!())
    {
        eprintln!("hello-tauri: {error}");
        std::process::exit(1);
    }
}
