//! Tesseract's word boxes back into the lines of a card, one column at a time.
//!
//! On a two-column card ("Kenji Watanabe      M +81 90 1234 5678") Tesseract
//! often reads straight across, which would glue a name to a phone number.
//! A line is cut where the gap between two words is several letters high,
//! and the pieces are emitted column by column, each in reading order.

/// A gap wider than this many word heights separates two columns.
const COLUMN_GAP: i32 = 3;
/// Words Tesseract is this unsure of are specks and smudges, not text.
const MIN_CONFIDENCE: f32 = 30.0;

#[derive(Debug, Clone)]
struct Word {
    line: (u32, u32, u32),
    left: i32,
    right: i32,
    height: i32,
    text: String,
}

/// A run of words on one line, between column gaps.
#[derive(Debug)]
struct Piece {
    left: i32,
    text: String,
}

fn parse_word(row: &str) -> Option<Word> {
    let cols: Vec<&str> = row.split('\t').collect();
    let [
        level,
        _page,
        block,
        par,
        line,
        _word,
        left,
        _top,
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
    if *level != "5" || text.is_empty() || conf < MIN_CONFIDENCE {
        return None;
    }
    let left: i32 = left.parse().ok()?;
    Some(Word {
        line: (block.parse().ok()?, par.parse().ok()?, line.parse().ok()?),
        left,
        right: left + width.parse::<i32>().ok()?,
        height: height.parse().ok()?,
        text: text.to_owned(),
    })
}

/// Splits one line's words at the column gaps.
fn pieces(words: &[Word]) -> Vec<Piece> {
    let mut heights: Vec<i32> = words.iter().map(|w| w.height).collect();
    heights.sort_unstable();
    let unit = heights.get(heights.len() / 2).copied().unwrap_or(0).max(1);
    let mut out: Vec<Piece> = Vec::new();
    let mut previous_right: Option<i32> = None;
    for word in words {
        let joined = previous_right.is_some_and(|right| word.left - right <= COLUMN_GAP * unit);
        match out.last_mut() {
            Some(piece) if joined => {
                piece.text.push(' ');
                piece.text.push_str(&word.text);
            }
            _ => out.push(Piece {
                left: word.left,
                text: word.text.clone(),
            }),
        }
        previous_right = Some(word.right);
    }
    out
}

/// The card's lines from Tesseract's TSV output, left column first.
pub(super) fn lines_from_tsv(tsv: &str) -> Vec<String> {
    let words: Vec<Word> = tsv.lines().skip(1).filter_map(parse_word).collect();
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let key = words.get(start).map(|w| w.line);
        let end = words
            .iter()
            .skip(start)
            .position(|w| Some(w.line) != key)
            .map_or(words.len(), |n| start + n);
        lines.push(pieces(words.get(start..end).unwrap_or_default()));
        start = end;
    }
    // Where the second and later pieces of split lines begin: a column edge.
    // A piece alone on its line belongs to the rightmost column it reaches.
    let mut edges: Vec<i32> = lines
        .iter()
        .flat_map(|l| l.iter().skip(1).map(|p| p.left))
        .collect();
    edges.sort_unstable();
    let mut columns: Vec<i32> = Vec::new();
    for edge in edges {
        // Rotation shifts a column's edge a little from line to line.
        if columns.last().is_none_or(|&c| edge - c > 100) {
            columns.push(edge);
        }
    }
    let slack = 40;
    let mut placed: Vec<(usize, usize, String)> = Vec::new();
    for (order, piece) in lines.into_iter().flatten().enumerate() {
        let column = columns.iter().filter(|&&c| piece.left >= c - slack).count();
        placed.push((column, order, piece.text));
    }
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
    fn output_that_is_not_tsv_gives_no_lines() {
        assert!(lines_from_tsv("").is_empty());
        assert!(lines_from_tsv("level\n5\t1\tx\n\u{0}\t\t\t\t\t\t\t\t\t\t\t\n").is_empty());
    }
}
