//! Shared helpers for integration tests that drive a real browser.
//!
//! * [`browser`]: a minimal Chrome DevTools Protocol client that talks to
//!   headless Chromium over `--remote-debugging-pipe` (no WebSocket, no crate).
//! * [`http`]: a tiny static file server on `127.0.0.1` for serving a built
//!   site under a sub-path such as `/sub/`.
//! * [`payload`]: the bytes a first search query downloads.
//!
//! Use from a test crate with `mod support;`.
#![allow(dead_code)]

pub mod browser;
pub mod http;
pub mod payload;
pub mod site;
