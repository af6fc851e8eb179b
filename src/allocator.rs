//! The command's memory allocator: mimalloc, with the purging of freed memory put off to five
//! seconds after the first free.
//!
//! mimalloc replaces the system allocator: the analysis allocates many small, short-lived
//! buffers, and glibc's malloc and free took about a tenth of a BBC run's cycles
//! (`perf record`).
//!
//! By default mimalloc gives freed memory back to the system ("purging") one second after the
//! first free of the run, and then everything freed since; when the run allocates again, the
//! kernel maps and zeroes the pages afresh, which on these virtual machines costs about half a
//! millisecond per megabyte (70 to 115 ms for 150 MB). BBC runs that lasted over a second (the
//! machine loaded by builds) counted 140 to 220 MB purged, and their system time was 0.15-0.23 s
//! of CPU against 0.05-0.11 s with purging off (`MIMALLOC_SHOW_STATS=1`, three interleaved runs
//! each). Turned off altogether, purging no longer holds down the peak of long runs: a 100 MB
//! JSON Lines file peaked at 580-602 MB instead of 547-571 MB, a 100 MB text page at 424-428 MB
//! instead of 382-394 MB (`scripts/large-file.sh 100`). A five-second delay keeps both: no purge
//! in a run of a few seconds, and the long runs' peaks as before (543 MB and 394 MB). A quiet BBC
//! run of under a second never reached the first purge anyway: there the three settings time the
//! same within noise.

/// Ends the process with exit status `code`, once standard output and error are flushed,
/// without the allocator's clean-up. Returns only where no such exit is available, with the
/// code for `main` to return.
///
/// On exit mimalloc collects every thread's heap and gives the memory back to the system page
/// by page (`mi_process_done`), which the system does anyway, at once, when the process ends:
/// 5.7 ms from the last output to `exit_group` for a BBC run (`strace -ttt`), 18-20 ms when
/// the results were not freed first. Linux only, where `_exit` is at hand through `libc`.
pub fn exit(code: u8) -> std::process::ExitCode {
    #[cfg(target_os = "linux")]
    {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        // SAFETY: `_exit` ends the process at once; nothing runs after it, and the standard
        // streams, the only buffered output, were flushed above (every file the run wrote was
        // closed when it was written).
        unsafe { libc::_exit(i32::from(code)) }
    }
    #[allow(unreachable_code)]
    std::process::ExitCode::from(code)
}

/// The global allocator of the command.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_t` (the same in mimalloc 2 and 3; the
/// Rust bindings' own constants lag behind the header). A test checks it by its default.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Milliseconds from the first free of a run to the first purge (mimalloc 3's default: 1000).
const PURGE_DELAY_MS: std::ffi::c_long = 5000;

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
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
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
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
        }
    }
}
