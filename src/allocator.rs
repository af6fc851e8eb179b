//! The command's memory allocator: mimalloc, with purging of freed memory turned off.
//!
//! mimalloc replaces the system allocator: the analysis allocates many small, short-lived
//! buffers, and glibc's malloc and free took about a tenth of a BBC run's cycles
//! (`perf record`).
//!
//! By default mimalloc gives freed memory back to the system ("purging") a second after the
//! first free of the run, and then everything freed since; when the run allocates again, the
//! kernel maps and zeroes the pages afresh, which on these virtual machines costs about half a
//! millisecond per megabyte (70 to 115 ms for 150 MB). A run that frees one stage's buffers
//! and allocates the next stage's paid that over and over: 140 to 220 MB purged in a BBC run,
//! and system time fell from 0.15-0.23 s to 0.05-0.11 s of CPU with purging off
//! (`MIMALLOC_SHOW_STATS=1`, three interleaved runs each). A batch run is short and its peak
//! memory is what matters: memory it frees is reused by its next stage instead of being
//! returned and asked for again, so the peak stays the same.

/// The global allocator of the command.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_t` (the same in mimalloc 2 and 3; the
/// Rust bindings' own constants lag behind the header). A test checks it by its default.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Purge delay meaning "never purge".
const NEVER: std::ffi::c_long = -1;

unsafe extern "C" {
    /// Sets a mimalloc option (`mi_option_set` in `mimalloc.h`).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    /// Reads a mimalloc option (`mi_option_get` in `mimalloc.h`).
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// Tunes the allocator for a batch run; call first thing in `main`. The environment variable
/// `MIMALLOC_PURGE_DELAY`, when set, still wins.
pub fn tune() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: mimalloc's options are plain integers, read on every use; setting one is
    // thread-safe and takes effect at the next purge.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, NEVER) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_tuned_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reading and setting an option, as `tune` does.
        unsafe {
            // mimalloc 3's default purge delay (1000 ms; mimalloc 2's is 10 ms).
            assert!(matches!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000 | 10));
            tune();
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), NEVER);
        }
    }
}
