//! One Tesseract process per photo: the image goes in on stdin, word boxes
//! (TSV) come out on stdout, and the process is killed at the deadline.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::OcrError;

/// The options, chosen on rendered and photographed cards:
/// - `--psm 3`: automatic page segmentation, which keeps a card's columns
///   apart more often than `--psm 4`/`6` (one column of lines);
/// - `thresholding_method=2` (Sauvola, local): a photo lit from one side
///   comes out blank under the default global Otsu threshold;
/// - `tessedit_do_invert=0`: cards are dark on light; skipping the inverted
///   pass saves time.
const ARGS: &[&str] = &[
    "stdin",
    "stdout",
    "--psm",
    "3",
    "-c",
    "thresholding_method=2",
    "-c",
    "tessedit_do_invert=0",
    "tsv",
];

/// English and up to `max - 1` other installed languages, as `-l` takes
/// them; English alone when the list cannot be had (the run then says why).
pub(super) fn languages(program: &Path, max: usize) -> String {
    let listed = Command::new(program)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let mut chosen = vec!["eng"];
    // The first line is a heading; `osd` finds orientation, it reads no text.
    let others = listed.lines().skip(1).map(str::trim).filter(|l| {
        !l.is_empty()
            && !["eng", "osd", "equ"].contains(l)
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    chosen.extend(others.take(max.saturating_sub(1)));
    chosen.join("+")
}

pub(super) fn run(
    program: &Path,
    languages: &str,
    image: &[u8],
    timeout: Duration,
    name: &str,
) -> Result<String, OcrError> {
    let failed = |why: String| OcrError::Failed {
        name: name.to_owned(),
        why,
    };
    let mut child = Command::new(program)
        .args(ARGS)
        .args(["-l", languages])
        // OpenMP's threads spin against each other on two cores: one thread
        // reads a card in about half the time.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OcrError::Missing,
            _ => failed(format!("cannot start {}: {e}", program.display())),
        })?;
    // Written and read on threads of their own: a pipe holds only 64 KB, so
    // writing the whole photo before reading would deadlock.
    let stdin = child.stdin.take().map(|mut pipe| {
        let image = image.to_vec();
        thread::spawn(move || pipe.write_all(&image))
    });
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let status = wait(&mut child, timeout).ok_or_else(|| OcrError::TimedOut {
        name: name.to_owned(),
    })?;
    // A write error only means Tesseract stopped reading; its status says why.
    let _ = stdin.map(thread::JoinHandle::join);
    let out = stdout.map(join).unwrap_or_default();
    let err = stderr.map(join).unwrap_or_default();
    let err = String::from_utf8_lossy(&err);
    if !status.success() {
        return Err(refusal(name, &err).unwrap_or_else(|| failed(last_line(&err))));
    }
    String::from_utf8(out).map_err(|_| failed("its output was not UTF-8".to_owned()))
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        // A broken pipe leaves what was read so far; the exit status decides.
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn join(handle: thread::JoinHandle<Vec<u8>>) -> Vec<u8> {
    handle.join().unwrap_or_default()
}

/// Waits for the process, killing it at the deadline (`None` then).
fn wait(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Leptonica's way of saying the bytes are not a picture it can decode.
fn refusal(name: &str, stderr: &str) -> Option<OcrError> {
    let unreadable = [
        "pixReadMem",
        "pixRead",
        "Unsupported image type",
        "unable to read",
    ];
    unreadable
        .iter()
        .any(|s| stderr.contains(s))
        .then(|| OcrError::NotAnImage {
            name: name.to_owned(),
            why: "the picture is damaged or in a form that cannot be decoded".to_owned(),
        })
}

fn last_line(stderr: &str) -> String {
    stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or_else(|| "it stopped without saying why".to_owned(), str::to_owned)
}
