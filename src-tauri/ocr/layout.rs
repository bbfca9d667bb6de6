//! Tesseract's word boxes back into the lines of a card, one column at a time.
//!
//! Tesseract's own lines fail a card two ways: on a two-column card it may
//! read straight across ("Kenji Watanabe      M +81 90 1234 5678"), gluing
//! a name to a number; on a tilted one it may cut a line in two blocks
//! ("grace.hopper@nav" … "ylab.example"). So words are chained into lines
//! here: a word joins the line whose last word ends just left of it at the
//! same height (each link is short, so a tilt does not break the chain), and
//! a gap several letters wide starts a new piece. Pieces with another piece
//! to their left on the same row mark column edges; pieces are emitted
//! column by column, each in Tesseract's reading order.

/// A gap wider than this many word heights separates two columns.
const COLUMN_GAP: i32 = 3;
/// Words Tesseract is this unsure of, with no letter or digit, are specks.
const MIN_CONFIDENCE: f32 = 30.0;

#[derive(Debug, Clone)]
struct Word {
    /// Position in Tesseract's reading order.
    order: usize,
    /// Tesseract's block, paragraph and line.
    line: (u32, u32, u32),
    left: i32,
    right: i32,
    top: i32,
    height: i32,
    text: String,
}

impl Word {
    fn middle(&self) -> i32 {
        self.top + self.height / 2
    }
}

/// A run of words on one row, between column gaps.
#[derive(Debug)]
struct Piece {
    words: Vec<Word>,
}

impl Piece {
    fn first(&self) -> Option<&Word> {
        self.words.first()
    }
    fn last(&self) -> Option<&Word> {
        self.words.last()
    }
    fn left(&self) -> i32 {
        self.first().map_or(0, |w| w.left)
    }
    fn order(&self) -> usize {
        self.words.iter().map(|w| w.order).min().unwrap_or(0)
    }
    fn text(&self) -> String {
        let mut text = String::new();
        let mut previous: Option<&Word> = None;
        for word in &self.words {
            // Touching words from two of Tesseract's lines are one word it cut.
            let cut = previous
                .is_some_and(|p| p.line != word.line && (word.left - p.right) * 4 < word.height);
            if previous.is_some() && !cut {
                text.push(' ');
            }
            text.push_str(&word.text);
            previous = Some(word);
        }
        text
    }
}

fn parse_word(order: usize, row: &str) -> Option<Word> {
    let cols: Vec<&str> = row.split('\t').collect();
    let [
        level,
        _page,
        block,
        par,
        line,
        _word,
        left,
        top,
        width,
        height,
        conf,
        text,
    ] = cols.as_slice()
    else {
        return None;
    };
    let text = text.trim();
    let conf: f32 = conf.parse().ok()?;
    let speck = conf < MIN_CONFIDENCE && !text.chars().any(char::is_alphanumeric);
    if *level != "5" || text.is_empty() || speck {
        return None;
    }
    let left: i32 = left.parse().ok()?;
    Some(Word {
        order,
        line: (block.parse().ok()?, par.parse().ok()?, line.parse().ok()?),
        left,
        right: left + width.parse::<i32>().ok()?,
        top: top.parse().ok()?,
        height: height.parse::<i32>().ok()?.max(1),
        text: text.to_owned(),
    })
}

/// Whether `b` sits at the same height as `a` (half a letter either way).
fn same_row(a: &Word, b: &Word) -> bool {
    (a.middle() - b.middle()).abs() * 2 < a.height.max(b.height)
}

/// Chains the words, taken left to right, into pieces.
fn chain(mut words: Vec<Word>) -> Vec<Piece> {
    words.sort_by_key(|w| (w.left, w.order));
    let mut pieces: Vec<Piece> = Vec::new();
    for word in words {
        let unit = word.height;
        let best = pieces
            .iter_mut()
            .filter(|p| {
                p.last().is_some_and(|last| {
                    let gap = word.left - last.right;
                    -unit / 2 <= gap && gap <= COLUMN_GAP * unit && same_row(last, &word)
                })
            })
            .min_by_key(|p| {
                p.last()
                    .map_or(i32::MAX, |l| (l.middle() - word.middle()).abs())
            });
        match best {
            Some(piece) => piece.words.push(word),
            None => pieces.push(Piece { words: vec![word] }),
        }
    }
    pieces
}

/// How a reading went, to tell a card read upright from one on its side
/// or upside down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Quality {
    /// Tesseract's mean confidence (0–100) in the words with a letter or digit.
    pub confidence: f32,
    /// Most words of three letters or more are taller than wide: the text
    /// runs up or down the picture.
    pub sideways: bool,
}

impl Quality {
    /// Upside-down text reads as confident nonsense far less often than
    /// this; upright cards read at 85–95 on the test renders.
    pub(super) fn upright(self) -> bool {
        !self.sideways && self.confidence >= 70.0
    }
}

pub(super) fn quality(tsv: &str) -> Quality {
    let words: Vec<(f32, bool)> = tsv
        .lines()
        .skip(1)
        .filter_map(|row| {
            let cols: Vec<&str> = row.split('\t').collect();
            let [level, .., width, height, conf, text] = cols.as_slice() else {
                return None;
            };
            let text = text.trim();
            if *level != "5" || !text.chars().any(char::is_alphanumeric) {
                return None;
            }
            let tall = text.chars().count() >= 3
                && height.parse::<i32>().ok()? > width.parse::<i32>().ok()?;
            Some((conf.parse().ok()?, tall))
        })
        .collect();
    let count = words.len().max(1) as f32;
    Quality {
        confidence: words.iter().map(|w| w.0).sum::<f32>() / count,
        sideways: words.iter().filter(|w| w.1).count() * 2 > words.len(),
    }
}

/// The card's lines from Tesseract's TSV output, left column first.
pub(super) fn lines_from_tsv(tsv: &str) -> Vec<String> {
    let words: Vec<Word> = tsv
        .lines()
        .skip(1)
        .enumerate()
        .filter_map(|(i, row)| parse_word(i, row))
        .collect();
    let mut heights: Vec<i32> = words.iter().map(|w| w.height).collect();
    heights.sort_unstable();
    let unit = heights.get(heights.len() / 2).copied().unwrap_or(1);
    let pieces: Vec<Piece> = chain(words)
        .into_iter()
        .filter(|p| p.text().chars().any(char::is_alphanumeric))
        .collect();
    // A piece with another one to its left on its row starts a column.
    let mut edges: Vec<i32> = pieces
        .iter()
        .filter(|p| {
            pieces.iter().any(|q| match (q.last(), p.first()) {
                (Some(q_last), Some(p_first)) => {
                    q_last.right < p_first.left && same_row(q_last, p_first)
                }
                _ => false,
            })
        })
        .map(Piece::left)
        .collect();
    edges.sort_unstable();
    let mut columns: Vec<i32> = Vec::new();
    for edge in edges {
        // A tilt shifts a column's edge a little from row to row.
        if columns.last().is_none_or(|&c| edge - c > 4 * unit) {
            columns.push(edge);
        }
    }
    let mut placed: Vec<(usize, usize, String)> = pieces
        .iter()
        .map(|p| {
            let column = columns
                .iter()
                .filter(|&&c| p.left() >= c - 2 * unit)
                .count();
            (column, p.order(), p.text())
        })
        .collect();
    placed.sort_by_key(|(column, order, _)| (*column, *order));
    placed.into_iter().map(|(_, _, text)| text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(rows: &[(u32, i32, i32, &str)]) -> String {
        let mut out = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        );
        for (i, (line, left, width, text)) in rows.iter().enumerate() {
            out.push_str(&format!(
                "5\t1\t1\t1\t{line}\t{i}\t{left}\t{}\t{width}\t25\t95.0\t{text}\n",
                *line * 40
            ));
        }
        out
    }

    #[test]
    fn words_on_end_read_as_sideways_and_a_doubtful_reading_is_not_upright() {
        let level = |width: i32, height: i32, conf: f32, text: &str| {
            format!("5\t1\t1\t1\t1\t1\t0\t0\t{width}\t{height}\t{conf}\t{text}\n")
        };
        let upright = format!(
            "level\n{}{}",
            level(150, 30, 93.0, "Grace"),
            level(160, 30, 91.0, "Hopper")
        );
        let on_end = format!(
            "level\n{}{}",
            level(30, 150, 92.0, "Grace"),
            level(30, 160, 93.0, "Hopper")
        );
        let doubtful = format!(
            "level\n{}{}",
            level(150, 30, 41.0, "adde"),
            level(60, 30, 35.0, "qe7")
        );
        assert!(quality(&upright).upright());
        assert!(quality(&on_end).sideways && !quality(&on_end).upright());
        let q = quality(&doubtful);
        assert!(!q.sideways && !q.upright(), "{q:?}");
        assert!((q.confidence - 38.0).abs() < 0.01, "{q:?}");
        assert!(!quality("level\n").upright(), "no words at all");
    }

    #[test]
    fn a_line_read_across_two_columns_is_cut_and_each_column_comes_whole() {
        let text = tsv(&[
            (1, 83, 68, "Kenji"),
            (1, 163, 149, "Watanabe"),
            (1, 572, 19, "M"),
            (1, 603, 51, "+81"),
            (1, 665, 31, "90"),
            (2, 84, 76, "Sales"),
            (2, 174, 117, "Director"),
            (2, 571, 17, "T"),
            (2, 598, 52, "+81"),
            (3, 87, 103, "Hokuto"),
            (4, 590, 241, "kenji@hokuto.co.jp"),
        ]);
        assert_eq!(
            lines_from_tsv(&text),
            [
                "Kenji Watanabe",
                "Sales Director",
                "Hokuto",
                "M +81 90",
                "T +81",
                "kenji@hokuto.co.jp"
            ]
        );
    }

    #[test]
    fn one_column_keeps_its_order_and_specks_are_left_out() {
        let mut text = tsv(&[
            (1, 70, 100, "Grace"),
            (1, 180, 120, "Hopper"),
            (2, 70, 300, "grace.hopper@navylab.example"),
        ]);
        text.push_str("5\t1\t2\t1\t1\t1\t900\t500\t8\t9\t12.5\t~\n");
        text.push_str("5\t1\t2\t1\t1\t2\t920\t500\t8\t9\t95.0\t   \n");
        assert_eq!(
            lines_from_tsv(&text),
            ["Grace Hopper", "grace.hopper@navylab.example"]
        );
    }

    #[test]
    fn a_tilted_line_tesseract_cut_into_two_blocks_is_joined_again() {
        // Rows as Tesseract gave them for a card tilted 3°: the email's tail
        // came as a block of its own, after the phone under it.
        let text = "level\n\
            5\t1\t4\t1\t1\t1\t173\t635\t529\t64\t90.5\tgrace.hopper@nav\n\
            5\t1\t4\t1\t2\t1\t172\t696\t71\t42\t86.7\t+1\n\
            5\t1\t4\t1\t2\t2\t271\t699\t99\t46\t91.2\t202\n\
            5\t1\t5\t1\t1\t1\t706\t655\t372\t68\t91.1\tylab.example\n";
        assert_eq!(
            lines_from_tsv(text),
            ["grace.hopper@navylab.example", "+1 202"]
        );
    }

    #[test]
    fn output_that_is_not_tsv_gives_no_lines() {
        assert!(lines_from_tsv("").is_empty());
        assert!(lines_from_tsv("level\n5\t1\tx\n\u{0}\t\t\t\t\t\t\t\t\t\t\t\n").is_empty());
    }
}
