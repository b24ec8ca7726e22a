//! A complete build kept in memory, swapped in whole when a rebuild succeeds.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::write::Sink;

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

impl Sink for MemorySite {
    fn write_file(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.files.insert(rel.to_string(), Body::Bytes(bytes.into()));
        Ok(())
    }

    fn copy_file(&mut self, rel: &str, from: &Path) -> io::Result<()> {
        std::fs::metadata(from)?;
        self.files.insert(rel.to_string(), Body::File(from.to_path_buf()));
        Ok(())
    }
}
