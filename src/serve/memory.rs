//! A complete build kept in memory, swapped in whole when a rebuild succeeds.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::output::Sink;

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Arc<[u8]>),
    /// A file copied as it is (course assets): read when requested.
    File(PathBuf),
}

/// Output path → contents. Being a map, it can only serve what the build wrote.
#[derive(Debug, Default, Clone)]
pub struct MemorySite {
    files: HashMap<String, Body>,
}

impl MemorySite {
    pub fn get(&self, path: &str) -> Option<&Body> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Takes a build's files (from several writer threads) into a [`MemorySite`].
#[derive(Debug, Default)]
pub struct MemorySink(Mutex<MemorySite>);

impl MemorySink {
    /// Starts from `site`: files written replace its files of the same path.
    pub fn new(site: MemorySite) -> MemorySink {
        MemorySink(Mutex::new(site))
    }

    pub fn into_site(self) -> MemorySite {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    fn insert(&self, rel: &str, body: Body) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .files
            .insert(rel.to_string(), body);
    }
}

impl Sink for MemorySink {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.insert(rel, Body::Bytes(bytes.into()));
        Ok(())
    }

    fn copy_file(&self, rel: &str, from: &Path) -> io::Result<()> {
        std::fs::metadata(from)?;
        self.insert(rel, Body::File(from.to_path_buf()));
        Ok(())
    }
}
