//! Word classes from context vectors: a second view of the same unlabelled text as the
//! word clusters ([`super::clusters`]), which see only the word right before and after.
//! Here a word is described by the frequent words up to five places before and after it
//! (the side kept, the distance not), as positive pointwise mutual information (Levy,
//! Goldberg & Dagan 2015: context counts smoothed by the power 0.75); a truncated SVD of
//! that matrix gives dense vectors (`U·Σ^½`), and spherical k-means groups them. Words
//! used alike a few words off ("Obama" with "Clinton" and "Sanders", "Sulawesi" with
//! "Kalimantan") share a class that the bigram clusters may split. Turian, Ratinov &
//! Bengio (2010) found that both kinds of word representation improve a tagger, and
//! together more than either. A window of five read NERGrit best (models/README.md has
//! the windows tried).
//!
//! Deterministic: the random projections and the k-means++ seeds come from SplitMix64
//! with fixed seeds, words are taken in frequency order, and every sum runs in one order.
//! The linear algebra needed is small (Gram–Schmidt on a few hundred columns and the
//! eigenvectors of a 120 × 120 matrix), so it is written here rather than pulled in.
//!
//! File format (`resources/common/word-vector-classes.tsv`): as the word clusters', `#`
//! comment lines, then one lower-cased word per line and its class under each k.

use std::collections::HashMap;

use super::clusters::vocabulary;
use super::splitmix::Rng;

/// How to build the classes.
pub struct VectorOptions {
    /// Class counts, one k-means each (coarse to fine).
    pub sizes: Vec<usize>,
    /// Words seen fewer times are left out.
    pub min_count: u32,
    /// The most frequent words serve as contexts (each on its left and its right side).
    pub contexts: usize,
    /// Words up to this far on either side are a word's context.
    pub window: usize,
    /// Dimensions kept from the SVD.
    pub dimensions: usize,
    /// Lloyd iterations of k-means.
    pub iterations: usize,
}

impl Default for VectorOptions {
    fn default() -> Self {
        VectorOptions { sizes: vec![256, 1024], min_count: 3, contexts: 5000, window: 5, dimensions: 100, iterations: 30 }
    }
}

/// A sparse matrix by rows: `rows[r]` lists (column, value), columns ascending.
struct Sparse {
    rows: Vec<Vec<(u32, f32)>>,
    columns: usize,
}

impl Sparse {
    /// `self · x`, `x` dense with `columns` rows of `k` values.
    fn times(&self, x: &[f64], k: usize) -> Vec<f64> {
        let mut out = vec![0f64; self.rows.len() * k];
        for (r, row) in self.rows.iter().enumerate() {
            let o = &mut out[r * k..(r + 1) * k];
            for &(c, v) in row {
                for (o, x) in o.iter_mut().zip(&x[c as usize * k..(c as usize + 1) * k]) {
                    *o += f64::from(v) * x;
                }
            }
        }
        out
    }
    /// `selfᵀ · y`, `y` dense with one row of `k` values per row of `self`.
    fn transposed_times(&self, y: &[f64], k: usize) -> Vec<f64> {
        let mut out = vec![0f64; self.columns * k];
        for (r, row) in self.rows.iter().enumerate() {
            let y = &y[r * k..(r + 1) * k];
            for &(c, v) in row {
                for (o, y) in out[c as usize * k..(c as usize + 1) * k].iter_mut().zip(y) {
                    *o += f64::from(v) * y;
                }
            }
        }
        out
    }
}

/// Makes the `k` columns of the row-major `rows × k` matrix orthonormal (modified
/// Gram–Schmidt, twice for accuracy); a column that vanishes is left at zero.
fn orthonormalise(m: &mut [f64], k: usize) {
    let rows = m.len() / k;
    for _ in 0..2 {
        for j in 0..k {
            for i in 0..j {
                let dot: f64 = (0..rows).map(|r| m[r * k + i] * m[r * k + j]).sum();
                for r in 0..rows {
                    m[r * k + j] -= dot * m[r * k + i];
                }
            }
            let norm = (0..rows).map(|r| m[r * k + j] * m[r * k + j]).sum::<f64>().sqrt();
            for r in 0..rows {
                m[r * k + j] = if norm > 1e-12 { m[r * k + j] / norm } else { 0.0 };
            }
        }
    }
}

/// Eigenvalues and eigenvectors (columns of the returned row-major matrix) of the
/// symmetric `n × n` matrix `a`, by cyclic Jacobi rotations.
fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _ in 0..100 {
        let off: f64 = (0..n).flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j))).map(|(i, j)| a[i * n + j] * a[i * n + j]).sum();
        let scale: f64 = (0..n).map(|i| a[i * n + i] * a[i * n + i]).sum();
        if off <= 1e-22 * scale.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let sign = if theta >= 0.0 { 1.0 } else { -1.0 };
                let t = sign / (theta.abs() + (theta * theta + 1.0).sqrt());
                let (c, s) = (1.0 / (t * t + 1.0).sqrt(), t / (t * t + 1.0).sqrt());
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

/// Rows of `U·Σ^½` for the top `d` singular values of `m` (randomised SVD, Halko,
/// Martinsson & Tropp 2011: a Gaussian projection with 20 extra columns, three power
/// iterations), `d` values per row of `m`.
fn embed(m: &Sparse, d: usize, rng: &mut Rng) -> Vec<f64> {
    let k = d + 20;
    let omega: Vec<f64> = (0..m.columns * k).map(|_| rng.normal()).collect();
    let mut y = m.times(&omega, k);
    orthonormalise(&mut y, k);
    for _ in 0..3 {
        let mut z = m.transposed_times(&y, k);
        orthonormalise(&mut z, k);
        y = m.times(&z, k);
        orthonormalise(&mut y, k);
    }
    // B = Yᵀ M, so M ≈ Y B; B Bᵀ = W Σ² Wᵀ gives U = Y W.
    let bt = m.transposed_times(&y, k);
    let mut gram = vec![0f64; k * k];
    for row in bt.chunks(k) {
        for i in 0..k {
            for j in 0..k {
                gram[i * k + j] += row[i] * row[j];
            }
        }
    }
    let (values, vectors) = symmetric_eigen(gram, k);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let top = &order[..d];
    let mut out = vec![0f64; m.rows.len() * d];
    for (r, yr) in y.chunks(k).enumerate() {
        for (j, &e) in top.iter().enumerate() {
            // σ^½ = (σ²)^¼
            let weight = values[e].max(0.0).powf(0.25);
            out[r * d + j] = weight * (0..k).map(|i| yr[i] * vectors[i * k + e]).sum::<f64>();
        }
    }
    out
}

/// Spherical k-means of the unit rows of `x` (`d` values each) into `k` classes: seeds
/// by k-means++, then Lloyd steps by cosine. Returns each row's class.
fn kmeans(x: &[f64], d: usize, k: usize, iterations: usize, rng: &mut Rng) -> Vec<u16> {
    let n = x.len() / d;
    if n == 0 {
        return Vec::new();
    }
    let row = |i: usize| &x[i * d..(i + 1) * d];
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(a, b)| a * b).sum::<f64>();
    let k = k.min(n).max(1);
    let mut centres: Vec<f64> = row(0).to_vec();
    let mut nearest: Vec<f64> = (0..n).map(|i| (1.0 - dot(row(i), row(0))).max(0.0)).collect();
    while centres.len() < k * d {
        let total: f64 = nearest.iter().sum();
        let mut pick = rng.unit() * total;
        let mut chosen = n - 1;
        for (i, &w) in nearest.iter().enumerate() {
            if pick < w {
                chosen = i;
                break;
            }
            pick -= w;
        }
        centres.extend_from_slice(row(chosen));
        let c = &centres[centres.len() - d..];
        for (i, best) in nearest.iter_mut().enumerate() {
            *best = best.min((1.0 - dot(row(i), c)).max(0.0));
        }
    }
    let mut class = vec![0u16; n];
    for _ in 0..iterations {
        let mut changed = false;
        for (i, slot) in class.iter_mut().enumerate() {
            let best = (0..k).map(|c| (c, dot(row(i), &centres[c * d..(c + 1) * d]))).fold((0, f64::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a }).0 as u16;
            changed |= *slot != best;
            *slot = best;
        }
        let mut sums = vec![0f64; k * d];
        for (i, &c) in class.iter().enumerate() {
            for (s, v) in sums[c as usize * d..(c as usize + 1) * d].iter_mut().zip(row(i)) {
                *s += v;
            }
        }
        for c in 0..k {
            let sum = &sums[c * d..(c + 1) * d];
            let norm = dot(sum, sum).sqrt();
            // An empty class keeps its old centre.
            if norm > 0.0 {
                for (o, s) in centres[c * d..(c + 1) * d].iter_mut().zip(sum) {
                    *o = s / norm;
                }
            }
        }
        if !changed {
            break;
        }
    }
    class
}

/// The words of `sentences` seen at least `min_count` times, most frequent first, their
/// unit vectors, and the vectors' length (`options.dimensions`, fewer when there are
/// fewer context columns).
fn word_vectors<'a, S: AsRef<str>>(sentences: &'a [Vec<S>], options: &VectorOptions, rng: &mut Rng) -> (Vec<&'a str>, Vec<f64>, usize) {
    let (vocab, index) = vocabulary(sentences, options.min_count);
    let contexts = options.contexts.min(vocab.len());
    // Co-occurrence counts: column 2c for context word c on the left, 2c + 1 on the right.
    let mut pairs: HashMap<(u32, u32), f32> = HashMap::new();
    for s in sentences {
        let ids: Vec<Option<u32>> = s.iter().map(|w| index.get(w.as_ref()).copied()).collect();
        for (i, word) in ids.iter().enumerate() {
            let Some(word) = *word else { continue };
            for distance in 1..=options.window {
                let left = i.checked_sub(distance).and_then(|j| ids[j]).filter(|&c| (c as usize) < contexts).map(|c| 2 * c);
                let right = ids.get(i + distance).copied().flatten().filter(|&c| (c as usize) < contexts).map(|c| 2 * c + 1);
                for column in left.into_iter().chain(right) {
                    *pairs.entry((word, column)).or_insert(0.0) += 1.0;
                }
            }
        }
    }
    let columns = 2 * contexts;
    let mut row_sums = vec![0f64; vocab.len()];
    let mut column_sums = vec![0f64; columns];
    let mut sorted: Vec<((u32, u32), f32)> = pairs.into_iter().collect();
    sorted.sort_unstable_by_key(|p| p.0);
    for &((w, c), n) in &sorted {
        row_sums[w as usize] += f64::from(n);
        column_sums[c as usize] += f64::from(n);
    }
    let total: f64 = row_sums.iter().sum();
    let smoothed: Vec<f64> = column_sums.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
    for ((w, c), n) in sorted {
        let pmi = (f64::from(n) / total / (row_sums[w as usize] / total) / (smoothed[c as usize] / smoothed_total)).ln();
        if pmi > 0.0 {
            rows[w as usize].push((c, pmi as f32));
        }
    }
    let d = options.dimensions.min(columns).max(1);
    let mut vectors = embed(&Sparse { rows, columns }, d, rng);
    for v in vectors.chunks_mut(d) {
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    }
    (vocab.into_iter().map(|(w, _)| w).collect(), vectors, d)
}

/// Classes the words of `sentences` (already lower-cased tokens) and returns the file
/// text: a header naming `source`, then each word with its classes, most frequent first.
pub fn build<S: AsRef<str>>(sentences: &[Vec<S>], options: &VectorOptions, source: &str) -> String {
    let mut rng = Rng(0x5eed_0f7e_c701_25);
    let (vocab, vectors, d) = word_vectors(sentences, options, &mut rng);
    let all: Vec<Vec<u16>> = options.sizes.iter().map(|&k| kmeans(&vectors, d, k, options.iterations, &mut rng)).collect();
    let mut out = format!(
        "# Word classes (spherical k-means of PPMI context vectors, ±{} words, SVD to {d} dimensions; classes per line: {}), built by `warta train clusters`\n# from {source}; words seen at least {} times.\n",
        options.window,
        options.sizes.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", "),
        options.min_count
    );
    for (i, word) in vocab.iter().enumerate() {
        out.push_str(word);
        for classes in &all {
            out.push('\t');
            out.push_str(&classes[i].to_string());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_known_matrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        let (mut values, _) = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2);
        values.sort_by(f64::total_cmp);
        assert!((values[0] - 1.0).abs() < 1e-9 && (values[1] - 3.0).abs() < 1e-9, "{values:?}");
    }

    #[test]
    fn words_used_alike_get_near_vectors_and_the_file_is_deterministic() {
        // Two families of words in two kinds of context: cities after "di", people
        // before "berkata".
        let mut text: Vec<Vec<String>> = Vec::new();
        let cities = ["jakarta", "bandung", "surabaya", "medan"];
        let people = ["budi", "siti", "ahmad", "dewi"];
        for round in 0..30 {
            for (i, city) in cities.iter().enumerate() {
                let person = people[(i + round) % 4];
                text.push(format!("kemarin ia tinggal di {city} dekat pasar").split(' ').map(String::from).collect());
                text.push(format!("lalu {person} berkata kepada wartawan").split(' ').map(String::from).collect());
            }
        }
        let options = VectorOptions { sizes: vec![8], contexts: 50, dimensions: 6, ..VectorOptions::default() };
        let (vocab, vectors, d) = word_vectors(&text, &options, &mut Rng(1));
        let vector = |word: &str| &vectors[vocab.iter().position(|w| *w == word).unwrap() * d..][..d];
        let cosine = |a: &str, b: &str| vector(a).iter().zip(vector(b)).map(|(x, y)| x * y).sum::<f64>();
        assert!(cosine("jakarta", "medan") > 0.9, "{}", cosine("jakarta", "medan"));
        assert!(cosine("budi", "dewi") > 0.9, "{}", cosine("budi", "dewi"));
        assert!(cosine("jakarta", "budi") < 0.5, "{}", cosine("jakarta", "budi"));
        let file = build(&text, &options, "test");
        let class_of = |word: &str| file.lines().find_map(|l| l.strip_prefix(&format!("{word}\t"))).map(str::to_string).unwrap();
        assert!(cities.iter().all(|c| class_of(c) == class_of("jakarta")), "{file}");
        assert!(people.iter().all(|p| class_of(p) == class_of("budi")), "{file}");
        assert_ne!(class_of("jakarta"), class_of("budi"));
        assert_eq!(file, build(&text, &options, "test"));
    }

    #[test]
    fn no_text_gives_a_file_without_words() {
        let none: Vec<Vec<String>> = Vec::new();
        let file = build(&none, &VectorOptions::default(), "nothing");
        assert!(file.lines().all(|l| l.starts_with('#')), "{file}");
        let rare = vec![vec!["sekali".to_string()]];
        assert!(build(&rare, &VectorOptions::default(), "one word").lines().all(|l| l.starts_with('#')));
    }
}
