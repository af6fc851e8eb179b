//! Locking the mutexes workers share (the pipeline's worker states, the ordered writer of
//! `articles.jsonl`, the spill of per-article results, the stems of the workers' analyzers).

use std::sync::{Mutex, MutexGuard};

/// Locks `m`. A poisoned lock only means another worker panicked while holding it; the data
/// is whole (every holder leaves it consistent between statements), so it is used as it is.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
