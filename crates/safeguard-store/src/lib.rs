//! Scan history (in progress).
