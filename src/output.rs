//! Where a build's files go: the [`Sink`] the render and index stages stream
//! them into as they are made, so that a large site is never held whole in
//! memory. The write stage's atomic output folder (`write::Staging`), the dev
//! server's memory and the SCORM package are sinks; so is [`DiscardSink`],
//! which only counts (`coursegen check`).

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where rendered files go. Pages are written from several threads at once.
pub trait Sink: Sync {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    fn copy_file(&self, rel: &str, from: &Path) -> io::Result<()>;
}

/// A sink that only counts (used by `coursegen check`).
#[derive(Debug, Default)]
pub struct DiscardSink {
    files: AtomicUsize,
}

impl DiscardSink {
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }
}

impl Sink for DiscardSink {
    fn write_file(&self, _rel: &str, _bytes: &[u8]) -> io::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn copy_file(&self, _rel: &str, from: &Path) -> io::Result<()> {
        std::fs::metadata(from)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}
