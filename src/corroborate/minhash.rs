//! Deterministic hashing, MinHash fingerprints, and the two near-duplicate
//! searches of the pass: documents (LSH over stored fingerprints) and the
//! sentences of one claim cluster.

use super::{
    FINGERPRINT_BANDS, FINGERPRINT_LEN, FINGERPRINT_SHINGLE, NEAR_DUPLICATE_JACCARD,
    SENTENCE_JACCARD, SENTENCE_SHINGLE, SHORT_SENTENCE_WORDS,
};

/// Candidates a bucket keeps to compare newcomers against; bounds the work of
/// a crowded bucket (boilerplate shared by many texts) to a constant per text.
const BUCKET_REPRESENTATIVES: usize = 8;

/// Below this many distinct long sentences a cluster compares all pairs
/// exactly; above it, LSH buckets pick the candidates.
const SENTENCE_ALL_PAIRS: usize = 24;

/// Hashes per sentence MinHash, and rows per band (8 bands of 2 rows catch a
/// pair at Jaccard 0.7 with probability above 0.99).
const SENTENCE_HASHES: usize = 16;
const SENTENCE_ROWS: usize = 2;

/// The splitmix64 finalizer: a fixed, well-mixed 64-bit permutation, so every
/// hash in the pass is the same on every run and machine.
pub(super) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over the lowercased characters of one word.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Hashes of the lowercased words of `text` (runs of letters and digits).
pub(super) fn word_hashes(text: &str, out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash),
    );
}

/// Order-sensitive hash of a run of word hashes.
fn sequence_hash(words: &[u64]) -> u64 {
    words.iter().fold(0x5851_f42d_4c95_7f2d, |h, w| mix(h ^ w))
}

/// Hashes of the `size`-word shingles; a text shorter than one shingle is
/// one shingle of all its words.
fn shingles(words: &[u64], size: usize, out: &mut Vec<u64>) {
    out.clear();
    if words.is_empty() {
        return;
    }
    if words.len() < size {
        out.push(sequence_hash(words));
    } else {
        out.extend(words.windows(size).map(sequence_hash));
    }
}

/// MinHash signature with `len` hash functions drawn from `family`.
fn minhash(shingles: &[u64], len: usize, family: u64) -> Vec<u64> {
    (0..len as u64)
        .map(|i| {
            let seed = mix(family ^ i);
            shingles
                .iter()
                .map(|s| mix(s ^ seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

/// The document fingerprint: see [`super::fingerprint`].
pub(super) fn document_fingerprint(text: &str) -> Vec<u64> {
    let mut words = Vec::new();
    word_hashes(text, &mut words);
    let mut sh = Vec::new();
    shingles(&words, FINGERPRINT_SHINGLE, &mut sh);
    if sh.is_empty() {
        return Vec::new();
    }
    minhash(&sh, FINGERPRINT_LEN, 0x00c1_a1e1_ed9e_0001)
}

/// Share of equal positions: the MinHash estimate of Jaccard similarity.
fn estimated_jaccard(a: &[u64], b: &[u64]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / n as f64
}

/// Candidate pairs from LSH buckets: items sharing one band of `rows` equal
/// hashes. Each bucket keeps a few representatives and compares newcomers
/// only against them, so a crowded bucket costs linear time; union-find makes
/// the star of matches as good as all pairs for grouping.
fn bucket_pairs(
    signatures: &[(u32, &[u64])],
    rows: usize,
    similar: impl Fn(u32, u32) -> bool,
) -> Vec<(u32, u32)> {
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for &(item, sig) in signatures {
        for (band, chunk) in sig.chunks_exact(rows).enumerate() {
            entries.push((mix(sequence_hash(chunk) ^ band as u64), item));
        }
    }
    entries.sort_unstable();
    let mut pairs = Vec::new();
    let mut reps: Vec<u32> = Vec::with_capacity(BUCKET_REPRESENTATIVES);
    for bucket in entries.chunk_by(|a, b| a.0 == b.0) {
        if bucket.len() < 2 {
            continue;
        }
        reps.clear();
        for &(_, item) in bucket {
            match reps.iter().find(|&&r| similar(r, item)) {
                Some(&r) => pairs.push((r.min(item), r.max(item))),
                None if reps.len() < BUCKET_REPRESENTATIVES => reps.push(item),
                None => {}
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Near-duplicate document pairs, by index into `fingerprints`: candidates
/// share an LSH band, and a pair counts when the estimated Jaccard similarity
/// reaches [`NEAR_DUPLICATE_JACCARD`]. Fingerprints of another length than
/// [`FINGERPRINT_LEN`] (empty texts, other versions) are left out.
pub(super) fn near_duplicate_documents(fingerprints: &[&[u64]]) -> Vec<(u32, u32)> {
    let rows = FINGERPRINT_LEN / FINGERPRINT_BANDS;
    let signatures: Vec<(u32, &[u64])> = fingerprints
        .iter()
        .enumerate()
        .filter(|(_, f)| f.len() == FINGERPRINT_LEN)
        .map(|(i, f)| (i as u32, *f))
        .collect();
    bucket_pairs(&signatures, rows, |a, b| {
        estimated_jaccard(fingerprints[a as usize], fingerprints[b as usize])
            >= NEAR_DUPLICATE_JACCARD
    })
}

/// Exact Jaccard similarity of two sorted, deduplicated hash sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Pairs of sentences (by index) that are copies of each other: equal after
/// normalization, or, for sentences of at least [`SHORT_SENTENCE_WORDS`]
/// words, with [`SENTENCE_SHINGLE`]-word shingle Jaccard of at least
/// [`SENTENCE_JACCARD`]. Identical sentences are grouped first by hash, so a
/// wire paragraph quoted a thousand times costs one comparison per copy.
pub(super) fn copied_sentences(sentences: &[&str]) -> Vec<(u32, u32)> {
    let mut words = Vec::new();
    // (sequence hash, word count, index)
    let mut keyed: Vec<(u64, usize, u32)> = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        word_hashes(s, &mut words);
        if !words.is_empty() {
            keyed.push((sequence_hash(&words), words.len(), i as u32));
        }
    }
    keyed.sort_unstable();
    let mut pairs = Vec::new();
    let mut distinct_long: Vec<u32> = Vec::new();
    for same in keyed.chunk_by(|a, b| a.0 == b.0) {
        let first = same[0].2;
        pairs.extend(same[1..].iter().map(|&(_, _, i)| (first, i)));
        if same[0].1 >= SHORT_SENTENCE_WORDS {
            distinct_long.push(first);
        }
    }
    if distinct_long.len() < 2 {
        return pairs;
    }
    let sets: Vec<Vec<u64>> = distinct_long
        .iter()
        .map(|&i| {
            word_hashes(sentences[i as usize], &mut words);
            let mut sh = Vec::new();
            shingles(&words, SENTENCE_SHINGLE, &mut sh);
            sh.sort_unstable();
            sh.dedup();
            sh
        })
        .collect();
    let similar =
        |a: u32, b: u32| jaccard(&sets[a as usize], &sets[b as usize]) >= SENTENCE_JACCARD;
    let local: Vec<(u32, u32)> = if distinct_long.len() <= SENTENCE_ALL_PAIRS {
        let n = distinct_long.len() as u32;
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| similar(a, b))
            .collect()
    } else {
        let sigs: Vec<Vec<u64>> = sets
            .iter()
            .map(|s| minhash(s, SENTENCE_HASHES, 0x5e47_e4ce_0000_0002))
            .collect();
        let signatures: Vec<(u32, &[u64])> = sigs
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s.as_slice()))
            .collect();
        bucket_pairs(&signatures, SENTENCE_ROWS, similar)
    };
    pairs.extend(
        local
            .into_iter()
            .map(|(a, b)| (distinct_long[a as usize], distinct_long[b as usize])),
    );
    pairs
}
