//! `touchpoint insights`: the Insights figures, readable or as JSON.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use touchpoint_core::{AnswerRates, BenchmarkLine, BucketCount, Insights, InsightsPeriod};

use super::{CliError, open_db};

/// clap's reading of `--period`: the names the JSON uses.
pub(crate) fn parse_period(s: &str) -> Result<InsightsPeriod, String> {
    InsightsPeriod::parse(s)
        .ok_or_else(|| format!("{s:?} is not a period: use 30d, 90d, 365d or all"))
}

/// The JSON: the period's figures, and the answer rates (all time) beside them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Figures<'a> {
    #[serde(flatten)]
    insights: &'a Insights,
    answer_rates: &'a AnswerRates,
}

pub(crate) fn insights(db_path: &Path, period: InsightsPeriod, json: bool) -> Result<(), CliError> {
    let db = open_db(db_path)?;
    let figures = db.insights(period)?;
    let rates = db.answer_rates()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let both = Figures {
            insights: &figures,
            answer_rates: &rates,
        };
        serde_json::to_writer_pretty(&mut out, &both)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &figures)?;
        write_rates(&mut out, &rates)?;
    }
    out.flush()?;
    Ok(())
}

fn buckets(counts: &[BucketCount]) -> String {
    counts
        .iter()
        .map(|c| format!("{}: {}", c.bucket.as_str(), c.contacts))
        .collect::<Vec<_>>()
        .join("  ")
}

fn benchmark(out: &mut impl Write, lines: &[BenchmarkLine]) -> io::Result<()> {
    for line in lines {
        let own = line
            .own_percent
            .map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
        writeln!(
            out,
            "  {:<40} seeds {:>3}%   you {own:>4}",
            line.label, line.benchmark_percent
        )?;
    }
    Ok(())
}

fn write_text(out: &mut impl Write, i: &Insights) -> io::Result<()> {
    let since = i.since.map_or_else(
        || "all time".to_owned(),
        |s| {
            format!(
                "period {} (from {}, {})",
                i.period.as_str(),
                s.format("%Y-%m-%d %H:%M UTC"),
                i.time_zone
            )
        },
    );
    writeln!(out, "Insights, {since}")?;
    let p = &i.persistence;
    writeln!(
        out,
        "\nPersistence: {} prospects you stopped following",
        p.stopped
    )?;
    writeln!(out, "  outbound touches  {}", buckets(&p.buckets))?;
    benchmark(out, &p.benchmark)?;
    writeln!(
        out,
        "  gave up too early (1-3 touches, nothing scheduled): {}",
        p.gave_up_too_early
    )?;
    let c = &i.conversion;
    writeln!(out, "\nConversion by touch number: {} won", c.won)?;
    writeln!(out, "  won on touch      {}", buckets(&c.buckets))?;
    benchmark(out, &c.benchmark)?;
    writeln!(out, "\nBy channel: touches answered inbound wins")?;
    if i.channels.rows.is_empty() {
        writeln!(out, "  no touches")?;
    }
    for r in &i.channels.rows {
        writeln!(
            out,
            "  {:<18} {:>7} {:>8} {:>7} {:>4}",
            r.channel.as_str(),
            r.touches,
            r.answered,
            r.inbound,
            r.wins
        )?;
    }
    let t = &i.promises.total;
    writeln!(
        out,
        "\nPromised callbacks: {} made, {} kept on time, {} kept late, {} missed, {} pending",
        t.made, t.kept_on_time, t.kept_late, t.missed, t.pending
    )?;
    for w in i.promises.weeks.iter().filter(|w| w.counts.made > 0) {
        let k = &w.counts;
        writeln!(
            out,
            "  {}: {} made, {} on time, {} late, {} missed, {} pending",
            w.week, k.made, k.kept_on_time, k.kept_late, k.missed, k.pending
        )?;
    }
    let r = &i.referrals;
    let percent = r
        .percent
        .map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
    writeln!(
        out,
        "\nReferral number: {percent} ({} of {} customers referred someone)",
        r.referrers, r.customers
    )?;
    for top in &r.top {
        writeln!(out, "  {} ({}): {}", top.name, top.contact_id, top.referred)?;
    }
    for m in r.months.iter().filter(|m| m.referred > 0) {
        let percent = m
            .percent
            .map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
        writeln!(
            out,
            "  {}: {} referred by {} customers ({percent})",
            m.month, m.referred, m.referrers
        )?;
    }
    writeln!(
        out,
        "\nDormant customers (no touch for {}+ days): {}",
        i.dormant.after_days, i.dormant.count
    )
}

fn write_rates(out: &mut impl Write, r: &AnswerRates) -> io::Result<()> {
    writeln!(
        out,
        "\nCalls answered (all time, in each contact's zone): {} of {} calls",
        r.total.answered, r.total.calls
    )?;
    for (band, count) in r.bands.iter().zip(&r.by_band).filter(|(_, c)| c.calls > 0) {
        writeln!(
            out,
            "  {:<14} {} of {}",
            band.label, count.answered, count.calls
        )?;
    }
    match &r.best {
        Some(best) => writeln!(
            out,
            "  best: {} (around {}): {}",
            best.band.label, best.suggested, best.why
        ),
        None if r.total.calls > 0 => writeln!(out, "  no hours stand out yet"),
        None => Ok(()),
    }
}
