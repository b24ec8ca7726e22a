//! Benchmark: `cargo run --release --example bench_reader [ROWS]`.
//! Generates survey files in the temp dir and times `read_scores` on them.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

use coursegen_metrics::{Column, Scale, nps, read_scores};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map_or(Ok(1_000_000), |a| a.parse())?;
    let dir = std::env::temp_dir();
    let single = dir.join("metrics_bench_single.csv");
    let multi = dir.join("metrics_bench_multi.csv");
    let mut rng = fastrand::Rng::with_seed(42);
    let mut next = || rng.u64(0..11);
    {
        let mut a = BufWriter::new(File::create(&single)?);
        let mut b = BufWriter::new(File::create(&multi)?);
        a.write_all("\u{feff}score\r\n".as_bytes())?;
        b.write_all(b"id,comment,nps,date\r\n")?;
        for i in 0..rows {
            let s = next();
            writeln!(a, "{s}\r")?;
            writeln!(b, "{i},\"fine, \"\"ok\"\"\", {s} ,2024-05-01\r")?;
        }
    }
    for (label, path, column) in [
        ("one column, header, CRLF, BOM", &single, None),
        ("4 columns, quoted, named", &multi, Some(Column::Name("nps"))),
    ] {
        let size = std::fs::metadata(path)?.len();
        let mut best = f64::INFINITY;
        let mut result = None;
        for _ in 0..5 {
            let start = Instant::now();
            let summary = read_scores(
                BufReader::with_capacity(1 << 16, File::open(path)?),
                column,
                Scale::NPS,
            )?;
            best = best.min(start.elapsed().as_secs_f64());
            result = Some(summary);
        }
        let summary = result.ok_or("no run")?;
        let report = nps(&summary.histogram)?;
        println!(
            "{label}: {} rows, {:.1} MB, best of 5: {:.1} ms ({:.0} rows/s), NPS {:.2}",
            summary.rows,
            size as f64 / 1e6,
            best * 1e3,
            summary.rows as f64 / best,
            report.nps
        );
    }
    std::fs::remove_file(single)?;
    std::fs::remove_file(multi)?;
    Ok(())
}
