//! Non-negative matrix factorisation of a sparse matrix by multiplicative updates (Lee and
//! Seung's rules for the Frobenius norm), seeded and deterministic.
//!
//! `X ≈ W H` with `X` the `n × m` sparse input, `W` the `n × k` row weights and `H` the
//! `k × m` components. Each iteration applies
//!
//! ```text
//! H ← H ∘ (Wᵀ X) / (Wᵀ W H + ε)
//! W ← W ∘ (X Hᵀ) / (W H Hᵀ + ε)
//! ```
//!
//! Only the non-zeros of `X` are touched (`Wᵀ X` and `X Hᵀ` cost `nnz × k`; the Gram products
//! cost `k² (n + m)`), so a corpus of thousands of articles and terms fits in a fraction of a
//! second. Every output entry is a sum taken in one fixed order by one thread, so results are
//! bit-identical whatever the number of threads. The start is uniform random noise scaled to
//! the data (`√(mean(X) / k)`, as scikit-learn's `init="random"`) from a SplitMix64 generator
//! with a fixed seed. Iterations stop when the relative decrease of the loss
//! `‖X − W H‖²` over ten iterations falls below the tolerance, or at the iteration cap.

use rayon::prelude::*;

/// Added to denominators so that a zero row or column never divides by zero.
const EPSILON: f64 = 1e-12;

/// A sparse matrix in compressed row form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseMatrix {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Start of each row in `indices`/`values`, plus the end (`rows + 1` entries).
    pub offsets: Vec<usize>,
    /// Column of each non-zero, increasing within a row.
    pub indices: Vec<u32>,
    /// Value of each non-zero.
    pub values: Vec<f64>,
}

impl SparseMatrix {
    /// Builds a matrix of `cols` columns from rows of (column, value) pairs sorted by column,
    /// taken one at a time (rows made on the fly are never all held twice).
    pub fn from_rows<R: AsRef<[(u32, f64)]>>(
        rows: impl IntoIterator<Item = R>,
        cols: usize,
    ) -> SparseMatrix {
        let mut m = SparseMatrix {
            cols,
            offsets: vec![0],
            ..SparseMatrix::default()
        };
        for row in rows {
            for &(c, v) in row.as_ref() {
                m.indices.push(c);
                m.values.push(v);
            }
            m.offsets.push(m.indices.len());
        }
        m.rows = m.offsets.len() - 1;
        m
    }

    /// The (column, value) pairs of row `i`.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[i]..self.offsets[i + 1];
        self.indices[r.clone()]
            .iter()
            .zip(&self.values[r])
            .map(|(&c, &v)| (c as usize, v))
    }

    /// The transpose (columns become rows, in row order).
    fn transpose(&self) -> SparseMatrix {
        let mut counts = vec![0usize; self.cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for c in 0..self.cols {
            counts[c + 1] += counts[c];
        }
        let mut next = counts.clone();
        let mut indices = vec![0u32; self.indices.len()];
        let mut values = vec![0.0; self.values.len()];
        for i in 0..self.rows {
            for (c, v) in self.row(i) {
                let at = next[c];
                indices[at] = i as u32;
                values[at] = v;
                next[c] += 1;
            }
        }
        SparseMatrix {
            rows: self.cols,
            cols: self.rows,
            offsets: counts,
            indices,
            values,
        }
    }

    /// Squared Frobenius norm.
    fn norm_squared(&self) -> f64 {
        self.values.iter().map(|v| v * v).sum()
    }
}

/// Settings of a factorisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NmfSettings {
    /// Number of components `k`.
    pub components: usize,
    /// Seed of the random start.
    pub seed: u64,
    /// Iterations at most.
    pub max_iterations: usize,
    /// Relative loss decrease over ten iterations below which the fit stops.
    pub tolerance: f64,
}

/// A factorisation `X ≈ W H`, both dense and row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Factorisation {
    /// `n × k`: row `i` holds the weight of each component in row `i` of `X`.
    pub w: Vec<f64>,
    /// `k × m`: row `t` holds component `t` over the columns of `X`.
    pub h: Vec<f64>,
    /// Components `k`.
    pub components: usize,
    /// Iterations run.
    pub iterations: usize,
    /// Final `‖X − W H‖² / ‖X‖²`.
    pub relative_loss: f64,
}

/// SplitMix64: a small, fast, well-mixed generator; enough for a random start.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Factorises `x` (see the module documentation). `settings.components` must be at least 1.
pub fn factorise(x: &SparseMatrix, settings: &NmfSettings) -> Factorisation {
    let k = settings.components.max(1);
    let (n, m) = (x.rows, x.cols);
    let xt = x.transpose();
    let cells = (n * m).max(1) as f64;
    let scale = (x.values.iter().sum::<f64>() / cells / k as f64).sqrt();
    let mut rng = SplitMix64(settings.seed);
    let mut w: Vec<f64> = (0..n * k).map(|_| scale * 2.0 * rng.next_f64()).collect();
    let h: Vec<f64> = (0..k * m).map(|_| scale * 2.0 * rng.next_f64()).collect();
    // H is kept column-major (m × k: one contiguous row of k weights per column of X), the
    // layout both updates read; the next H is written beside it and the two swapped.
    let mut h_cols: Vec<f64> = (0..m * k).map(|c| h[(c % k) * m + c / k]).collect();
    let mut next = vec![0.0; m * k];
    let x_norm = x.norm_squared().max(EPSILON);
    let mut last_loss = f64::INFINITY;
    let mut loss = f64::INFINITY;
    let mut iterations = 0;
    while iterations < settings.max_iterations {
        iterations += 1;
        // H update: numerator Wᵀ X column by column (rows of Xᵀ).
        let wtw = gram_rows(&w, n, k);
        next.par_chunks_mut(k)
            .zip(h_cols.par_chunks(k))
            .enumerate()
            .for_each(|(j, (out, old))| {
                out.iter_mut().for_each(|v| *v = 0.0);
                for (i, v) in xt.row(j) {
                    let wi = &w[i * k..(i + 1) * k];
                    for t in 0..k {
                        out[t] += wi[t] * v;
                    }
                }
                for t in 0..k {
                    let denominator: f64 = (0..k).map(|s| wtw[t * k + s] * old[s]).sum();
                    out[t] = old[t] * out[t] / (denominator + EPSILON);
                }
            });
        std::mem::swap(&mut h_cols, &mut next);
        // W update: numerator X Hᵀ row by row.
        let hht = gram_rows(&h_cols, m, k);
        w.par_chunks_mut(k).enumerate().for_each_init(
            || (vec![0.0; k], vec![0.0; k]),
            |(numerator, old), (i, wi)| {
                numerator.iter_mut().for_each(|v| *v = 0.0);
                for (j, v) in x.row(i) {
                    let hj = &h_cols[j * k..(j + 1) * k];
                    for t in 0..k {
                        numerator[t] += v * hj[t];
                    }
                }
                old.copy_from_slice(wi);
                for t in 0..k {
                    let denominator: f64 = (0..k).map(|s| old[s] * hht[s * k + t]).sum();
                    wi[t] = old[t] * numerator[t] / (denominator + EPSILON);
                }
            },
        );
        if iterations % 10 == 0 || iterations == settings.max_iterations {
            loss = relative_loss(x, &w, &h_cols, k, x_norm);
            if last_loss.is_finite()
                && (last_loss - loss) / last_loss.max(EPSILON) < settings.tolerance
            {
                break;
            }
            last_loss = loss;
        }
    }
    if !loss.is_finite() || iterations % 10 != 0 {
        loss = relative_loss(x, &w, &h_cols, k, x_norm);
    }
    let h = (0..k * m).map(|r| h_cols[(r % m) * k + r / m]).collect();
    Factorisation {
        w,
        h,
        components: k,
        iterations,
        relative_loss: loss,
    }
}

/// The row weights `W` (`n × k`, row-major) of every row of `x` for fixed components `h`
/// (`k × m`, row-major): `iterations` multiplicative updates `W ← W ∘ (X Hᵀ) / (W H Hᵀ + ε)`
/// from a uniform start. With `H` fixed, `X Hᵀ` is computed once, so each update costs only
/// `n k²`: this is how rows left out of a factorisation are given their weights.
pub fn fit_rows(x: &SparseMatrix, h: &[f64], k: usize, iterations: usize) -> Vec<f64> {
    let (n, m) = (x.rows, x.cols);
    let k = k.max(1);
    if h.len() != k * m {
        return vec![0.0; n * k];
    }
    let h_cols: Vec<f64> = (0..m * k).map(|c| h[(c % k) * m + c / k]).collect();
    let hht = gram_rows(&h_cols, m, k);
    let mut w = vec![1.0; n * k];
    w.par_chunks_mut(k).enumerate().for_each_init(
        || (vec![0.0; k], vec![0.0; k]),
        |(numerator, old), (i, wi)| {
            numerator.iter_mut().for_each(|v| *v = 0.0);
            for (j, v) in x.row(i) {
                let hj = &h_cols[j * k..(j + 1) * k];
                for t in 0..k {
                    numerator[t] += v * hj[t];
                }
            }
            for _ in 0..iterations {
                old.copy_from_slice(wi);
                for t in 0..k {
                    let denominator: f64 = (0..k).map(|s| old[s] * hht[s * k + t]).sum();
                    wi[t] = old[t] * numerator[t] / (denominator + EPSILON);
                }
            }
        },
    );
    w
}

/// `Aᵀ A` of a row-major `rows × k` matrix: `k × k`, summed in row order.
fn gram_rows(a: &[f64], rows: usize, k: usize) -> Vec<f64> {
    let mut g = vec![0.0; k * k];
    for i in 0..rows {
        let r = &a[i * k..(i + 1) * k];
        for s in 0..k {
            for t in 0..k {
                g[s * k + t] += r[s] * r[t];
            }
        }
    }
    g
}

/// `‖X − W H‖² / ‖X‖²`, from `‖X‖² − 2 Σ (X ∘ W H) + ‖W H‖²` (only non-zeros of X visited).
fn relative_loss(x: &SparseMatrix, w: &[f64], h_cols: &[f64], k: usize, x_norm: f64) -> f64 {
    let cross: f64 = (0..x.rows)
        .map(|i| {
            let wi = &w[i * k..(i + 1) * k];
            x.row(i)
                .map(|(j, v)| {
                    let hj = &h_cols[j * k..(j + 1) * k];
                    v * wi.iter().zip(hj).map(|(a, b)| a * b).sum::<f64>()
                })
                .sum::<f64>()
        })
        .sum();
    let wtw = gram_rows(w, x.rows, k);
    let hht = gram_rows(h_cols, x.cols, k);
    let model: f64 = wtw.iter().zip(&hht).map(|(a, b)| a * b).sum();
    ((x_norm - 2.0 * cross + model) / x_norm).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(k: usize) -> NmfSettings {
        NmfSettings {
            components: k,
            seed: 42,
            max_iterations: 500,
            tolerance: 1e-6,
        }
    }

    /// Two blocks of rank one: rows 0-2 use columns 0-2, rows 3-5 use columns 3-5.
    fn blocks() -> SparseMatrix {
        let rows: Vec<Vec<(u32, f64)>> = (0..6)
            .map(|i| {
                let base = if i < 3 { 0 } else { 3 };
                (0..3)
                    .map(|j| (base + j as u32, ((1 + i % 3) * (1 + j)) as f64))
                    .collect()
            })
            .collect();
        SparseMatrix::from_rows(&rows, 6)
    }

    #[test]
    fn recovers_two_blocks() {
        let f = factorise(&blocks(), &settings(2));
        assert!(f.relative_loss < 1e-3, "{}", f.relative_loss);
        // Each row loads on one component only, and the two halves on different ones.
        let dominant = |i: usize| usize::from(f.w[i * 2 + 1] > f.w[i * 2]);
        for i in 0..6 {
            let (a, b) = (f.w[i * 2], f.w[i * 2 + 1]);
            assert!(a.min(b) < 0.01 * a.max(b), "row {i}: {a} {b}");
        }
        assert!((0..3).all(|i| dominant(i) == dominant(0)));
        assert!((3..6).all(|i| dominant(i) != dominant(0)));
        assert!(f.w.iter().chain(&f.h).all(|v| *v >= 0.0 && v.is_finite()));
    }

    #[test]
    fn same_result_for_any_thread_count() {
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| factorise(&blocks(), &settings(3)))
        };
        assert_eq!(run(1), run(4));
    }

    #[test]
    fn empty_and_zero_inputs_do_not_fail() {
        let empty = SparseMatrix::from_rows(&[] as &[Vec<(u32, f64)>], 0);
        let f = factorise(&empty, &settings(2));
        assert!(f.w.is_empty() && f.h.is_empty());
        let zero = SparseMatrix::from_rows(&[vec![], vec![]], 3);
        let f = factorise(&zero, &settings(2));
        assert!(f.w.iter().chain(&f.h).all(|v| v.is_finite()));
    }

    #[test]
    fn rows_left_out_get_their_weights_from_the_components() {
        let x = blocks();
        let f = factorise(&x, &settings(2));
        let w = fit_rows(&x, &f.h, 2, 200);
        for i in 0..6 {
            let dominant = |w: &[f64]| usize::from(w[i * 2 + 1] > w[i * 2]);
            assert_eq!(dominant(&w), dominant(&f.w), "row {i}");
            let (a, b) = (w[i * 2], w[i * 2 + 1]);
            assert!(a.min(b) < 0.01 * a.max(b), "row {i}: {a} {b}");
        }
        assert_eq!(fit_rows(&x, &[1.0], 2, 10), vec![0.0; 12], "wrong shape");
    }

    #[test]
    fn transpose_round_trips() {
        let m = blocks();
        assert_eq!(m.transpose().transpose(), m);
    }
}
