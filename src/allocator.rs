//! The command's memory allocator: mimalloc, with the purging of freed memory put off to five
//! seconds after the first free, and address space reserved 64 MiB at a time instead of 1 GiB
//! (see [`TUNE_BEFORE_MAIN`]).
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

/// `mi_option_arena_reserve` in `mimalloc.h`'s `mi_option_t`.
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;

/// KiB of address space mimalloc reserves at a time for its arenas (mimalloc 3's default:
/// 1 GiB; later arenas grow, doubling every eight).
const ARENA_RESERVE_KIB: std::ffi::c_long = 64 * 1024;

unsafe extern "C" {
    /// Sets a mimalloc option (`mi_option_set` in `mimalloc.h`).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    /// Reads a mimalloc option (`mi_option_get` in `mimalloc.h`).
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// Tunes the allocator for a batch run: on Linux before `main` (see [`TUNE_BEFORE_MAIN`]),
/// elsewhere when `main` calls it first thing. mimalloc's own environment variables
/// (`MIMALLOC_PURGE_DELAY`, `MIMALLOC_ARENA_RESERVE`), when set, still win.
pub fn tune() {
    for (variable, option, value) in [
        (
            c"MIMALLOC_PURGE_DELAY",
            MI_OPTION_PURGE_DELAY,
            PURGE_DELAY_MS,
        ),
        (
            c"MIMALLOC_ARENA_RESERVE",
            MI_OPTION_ARENA_RESERVE,
            ARENA_RESERVE_KIB,
        ),
    ] {
        if !set_in_environment(variable) {
            // SAFETY: mimalloc's options are plain integers, read on every use; setting one
            // is thread-safe and takes effect at its next use.
            unsafe { mi_option_set(option, value) }
        }
    }
}

/// True when the environment sets `variable`. Allocates nothing on Linux, where it runs
/// before the first allocation.
fn set_in_environment(variable: &std::ffi::CStr) -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: a NUL-terminated name; nothing changes the environment while newslens runs.
        unsafe { !libc::getenv(variable.as_ptr()).is_null() }
    }
    #[cfg(not(target_os = "linux"))]
    {
        variable
            .to_str()
            .is_ok_and(|v| std::env::var_os(v).is_some())
    }
}

/// [`tune`], run by the program loader among the constructors of the ELF `.init_array`,
/// before the Rust runtime's first allocation: that allocation reserves mimalloc's first
/// arena, whose size [`ARENA_RESERVE_KIB`] must be set before it (`MIMALLOC_VERBOSE=1` prints
/// the reservations).
///
/// Measured on the BBC corpus (`--no-charts --topics 0 --no-texts --no-actors`, runs in
/// shuffled order, each round after a run of the Python peer as `scripts/compare-with-peer.sh`
/// does): the peak resident memory fell from 163 to 135 MB (medians of 14 runs; 99 MB without
/// transparent huge pages either way). The same allocations touch fewer of the 2 MB huge pages
/// the kernel maps and zeroes whole; reservations of 16 to 128 MiB all gave 131-135 MB. The
/// wall time did not change beyond this machine's noise: in three series of 10 to 14 rounds the
/// best runs were 206-270 ms against 263-295 ms before, the medians 314-381 ms either way.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static TUNE_BEFORE_MAIN: extern "C" fn() = tune_before_main;

/// See [`TUNE_BEFORE_MAIN`].
#[cfg(target_os = "linux")]
extern "C" fn tune_before_main() {
    tune();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_tuned_are_the_purge_delay_and_the_arena_reserve() {
        // SAFETY: reading and setting options, as `tune` does.
        unsafe {
            tune();
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
            }
            if std::env::var_os("MIMALLOC_ARENA_RESERVE").is_none() {
                assert_eq!(mi_option_get(MI_OPTION_ARENA_RESERVE), ARENA_RESERVE_KIB);
            }
            // The numbers are those of the two options: had they been off by one, a neighbour
            // would hold the option's default (1000 ms, 1 GiB) instead of its own (mimalloc 3).
            let neighbours = [14, 16, 22, 24].map(|option| mi_option_get(option));
            assert_eq!(neighbours, [1, 0, 0, 1]);
        }
    }
}
