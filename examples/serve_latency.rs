//! Edit-to-reload latency of `coursegen serve`:
//! `cargo run --release --example serve_latency -- DIR [EDITS]` where DIR holds
//! `course/` (e.g. from the gen_corpus example). Edits one lesson EDITS times
//! (default 20) and prints the time from the write to the reload event.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use coursegen::BuildOptions;
use coursegen::serve::{ServeOptions, start};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root: std::path::PathBuf = args.next().ok_or("usage: serve_latency DIR [EDITS]")?.into();
    let edits: usize = args.next().map_or(Ok(20), |a| a.parse())?;
    let lesson = walkdir::WalkDir::new(root.join("course"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "index.md" && e.depth() == 2
        })
        .ok_or("no lesson found")?
        .into_path();
    let original = std::fs::read_to_string(&lesson)?;
    let opts = ServeOptions {
        build: BuildOptions {
            root,
            ..Default::default()
        },
        bind: "127.0.0.1".parse()?,
        port: 0,
    };
    let server = start(opts, Arc::new(|_| {}))?;
    let mut stream = TcpStream::connect(server.addr())?;
    write!(stream, "GET /__coursegen/events HTTP/1.1\r\nHost: x\r\n\r\n")?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut events = BufReader::new(stream);
    let mut wait = |name: &str| -> Result<(), Box<dyn std::error::Error>> {
        let mut line = String::new();
        loop {
            line.clear();
            if events.read_line(&mut line)? == 0 {
                return Err("event stream closed".into());
            }
            if line.trim_end() == format!("event: {name}") {
                return Ok(());
            }
        }
    };
    wait("hello")?;
    let mut times = Vec::new();
    for i in 0..edits {
        std::thread::sleep(Duration::from_millis(150));
        let started = Instant::now();
        std::fs::write(&lesson, format!("{original}\n\n编辑 {i}。\n"))?;
        wait("reload")?;
        times.push(started.elapsed());
    }
    std::fs::write(&lesson, original)?;
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} edits: median {:.0} ms, min {:.0} ms, max {:.0} ms (debounce {} ms included)",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        coursegen::serve::DEBOUNCE.as_millis()
    );
    server.stop();
    Ok(())
}
