//! What the time crate's examples share.

/// CPU time of this thread in ns (Linux `/proc/thread-self/schedstat`),
/// which a loaded machine does not inflate the way it does wall time.
pub fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
