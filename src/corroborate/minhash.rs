//! Deterministic hashing, MinHash fingerprints, and the two near-duplicate
//! searches of the pass: documents (LSH over stored fingerprints) and the
//! sentences of one claim cluster.

use std::collections::hash_map::{Entry, HashMap};

use super::{
    FINGERPRINT_BANDS, FINGERPRINT_LEN, FINGERPRINT_SHINGLE, NEAR_DUPLICATE_JACCARD,
    SENTENCE_JACCARD, SENTENCE_SHINGLE, SHORT_SENTENCE_WORDS,
};

/// Candidates a bucket keeps to compare newcomers against; bounds the work of
/// a crowded bucket (boilerplate shared by many texts) to a constant per text.
const BUCKET_REPRESENTATIVES: usize = 8;

/// Clusters with more sentences than this look verbatim copies up in a map
/// first (a wire paragraph reprinted thousands of times).
const VERBATIM_MAP_FROM: usize = 64;

/// The splitmix64 finalizer: a fixed, well-mixed 64-bit permutation, so every
/// hash in the pass is the same on every run and machine.
#[inline(always)]
pub(super) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step.
pub(super) fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over the lowercased characters of one word.
fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        // Most words of any text, without the cost of Unicode case mapping.
        return ascii_word_hash(word.as_bytes());
    }
    let mut buf = [0u8; 4];
    word.chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_OFFSET, |h, c| {
            c.encode_utf8(&mut buf).bytes().fold(h, fnv)
        })
}

/// [`word_hash`] of an ASCII word.
fn ascii_word_hash(word: &[u8]) -> u64 {
    word.iter()
        .fold(FNV_OFFSET, |h, b| fnv(h, b.to_ascii_lowercase()))
}

/// A sentence's identity for spotting copied documents: a hash of its
/// lowercased letters and digits, words kept apart by any other character
/// but hyphens and apostrophes, which join ("port-side" is "portside").
/// `None` for a sentence under `min_words` words: short ones are shared by
/// chance.
pub(super) fn sentence_key(text: &str, min_words: usize) -> Option<u64> {
    let mut h = FNV_OFFSET;
    let mut words = 0usize;
    let mut in_word = false;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                // Most letters: no Unicode case mapping.
                h = fnv(h, (c as u8).to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    h = l.encode_utf8(&mut buf).bytes().fold(h, fnv);
                }
            }
            in_word = true;
        } else if matches!(c, '-' | '\'' | '\u{2019}') {
            continue;
        } else if in_word {
            words += 1;
            h = fnv(h, b' ');
            in_word = false;
        }
    }
    words += usize::from(in_word);
    (words >= min_words).then_some(mix(h))
}

/// Hashes of the lowercased words of `text` (runs of letters and digits).
pub(super) fn word_hashes(text: &str, out: &mut Vec<u64>) {
    out.clear();
    if text.is_ascii() {
        // The common case, by bytes: an ASCII character is a letter or
        // digit exactly when it is an ASCII one, and lowercases alone.
        out.extend(
            text.as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(ascii_word_hash),
        );
    } else {
        out.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash),
        );
    }
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

/// MinHash signature with [`FINGERPRINT_LEN`] hash functions drawn from
/// `family`. On processors with AVX-512 or AVX2 the same arithmetic runs
/// several hash functions at once (a third of ingest's extraction time
/// was here); the values do not depend on which.
fn minhash(shingles: &[u64], family: u64) -> [u64; FINGERPRINT_LEN] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
        {
            // SAFETY: the processor has AVX-512 F and DQ, all the function
            // is built for.
            return unsafe { minhash_avx512(shingles, family) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, all the function is built for.
            return unsafe { minhash_avx2(shingles, family) };
        }
    }
    minhash_portable(shingles, family)
}

/// [`minhash`] for AVX-512 processors.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn minhash_avx512(shingles: &[u64], family: u64) -> [u64; FINGERPRINT_LEN] {
    minhash_portable(shingles, family)
}

/// [`minhash`] for AVX2 processors.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn minhash_avx2(shingles: &[u64], family: u64) -> [u64; FINGERPRINT_LEN] {
    minhash_portable(shingles, family)
}

/// [`minhash`] on any processor: each shingle against every hash function,
/// a loop the compiler runs in vector registers where it has them.
#[inline(always)]
fn minhash_portable(shingles: &[u64], family: u64) -> [u64; FINGERPRINT_LEN] {
    let seeds: [u64; FINGERPRINT_LEN] = std::array::from_fn(|i| mix(family ^ i as u64));
    let mut mins = [u64::MAX; FINGERPRINT_LEN];
    for &s in shingles {
        for (min, &seed) in mins.iter_mut().zip(&seeds) {
            *min = (*min).min(mix(s ^ seed));
        }
    }
    mins
}

/// The document fingerprint: see [`super::fingerprint`].
pub(super) fn document_fingerprint(text: &str) -> Vec<u32> {
    let mut words = Vec::new();
    word_hashes(text, &mut words);
    let mut sh = Vec::new();
    shingles(&words, FINGERPRINT_SHINGLE, &mut sh);
    if sh.is_empty() {
        return Vec::new();
    }
    // The low half of each minimum: two texts' values that differ agree
    // there once in four billion, and a fingerprint is half the bytes on
    // disk and in the pass. The same as the low half of a 64-bit value
    // stored by a version 10 ledger (see `store::rows::fingerprint_from_blob`).
    minhash(&sh, 0x00c1_a1e1_ed9e_0001)
        .into_iter()
        .map(|v| v as u32)
        .collect()
}

/// Share of equal positions: the MinHash estimate of Jaccard similarity.
fn estimated_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / n as f64
}

/// Candidate pairs from LSH buckets: items sharing one band of `rows` equal
/// hashes, verified with `similar`.
fn bucket_pairs(
    signatures: &[(u32, &[u32])],
    rows: usize,
    similar: impl Fn(u32, u32) -> bool,
) -> Vec<(u32, u32)> {
    let mut entries: Vec<(u64, u32)> = Vec::new();
    let mut band_values = Vec::with_capacity(rows);
    for &(item, sig) in signatures {
        for (band, chunk) in sig.chunks_exact(rows).enumerate() {
            band_values.clear();
            band_values.extend(chunk.iter().map(|&v| u64::from(v)));
            entries.push((mix(sequence_hash(&band_values) ^ band as u64), item));
        }
    }
    pairs_sharing_a_key(entries, similar)
}

/// Pairs of items that share a key and pass `similar`. Each key's bucket
/// keeps a few representatives and compares newcomers only against them, so
/// a crowded bucket costs linear time; union-find makes the star of matches
/// as good as all pairs for grouping.
fn pairs_sharing_a_key(
    mut entries: Vec<(u64, u32)>,
    similar: impl Fn(u32, u32) -> bool,
) -> Vec<(u32, u32)> {
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
pub(super) fn near_duplicate_documents(fingerprints: &[&[u32]]) -> Vec<(u32, u32)> {
    let rows = FINGERPRINT_LEN / FINGERPRINT_BANDS;
    let signatures: Vec<(u32, &[u32])> = fingerprints
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

/// Whether two sorted, deduplicated hash sets have Jaccard similarity of
/// at least `threshold`. Stops as soon as the shared hashes can no longer
/// reach it: most pairs compared are not copies, and they fail within a
/// few hashes.
fn jaccard_at_least(a: &[u64], b: &[u64], threshold: f64) -> bool {
    let total = a.len() + b.len();
    // Jaccard with `common` shared hashes, as one division, so that the
    // answer is the same wherever the walk stops.
    let reaches = |common: usize| {
        let union = total - common;
        union > 0 && common as f64 / union as f64 >= threshold
    };
    let most = a.len().min(b.len());
    if !reaches(most) {
        return false;
    }
    // The fewest shared hashes that reach the threshold.
    let mut need = most;
    while need > 0 && reaches(need - 1) {
        need -= 1;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
                continue;
            }
        }
        if common + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
    }
    common >= need
}

/// Pairs of sentences (by index) that are copies of each other: equal after
/// normalization, or, for sentences of at least [`SHORT_SENTENCE_WORDS`]
/// words, with [`SENTENCE_SHINGLE`]-word shingle Jaccard of at least
/// [`SENTENCE_JACCARD`]. Identical sentences are grouped first by hash, so a
/// wire paragraph quoted a thousand times costs one comparison per copy.
pub(super) fn copied_sentences(sentences: &[&str]) -> Vec<(u32, u32)> {
    // A cluster's sentences lie far apart in memory, and hashing them one
    // by one waited for each to arrive (a third of this function's time).
    // Loading a byte of each first lets the processor fetch them all at
    // once.
    std::hint::black_box(
        sentences
            .iter()
            .fold(0u8, |x, s| x ^ s.as_bytes().first().map_or(0, |b| *b)),
    );
    // Word hashes of every sentence in one buffer, so each is hashed once.
    let mut words: Vec<u64> = Vec::new();
    let mut scratch = Vec::new();
    // (sequence hash, word range start, word range end, index)
    let mut keyed: Vec<(u64, usize, usize, u32)> = Vec::with_capacity(sentences.len());
    // In a large cluster, a sentence seen before verbatim is a copy of its
    // first occurrence (when it has words): paired at once, without
    // splitting it again. Small clusters skip the map; equal word sequences
    // pair up below all the same. Keyed by article text, so std's randomly
    // seeded hasher: sentences crafted to collide cannot slow the check
    // down. Never iterated, so the seed does not reach the output.
    let mut seen: Option<HashMap<&str, Option<u32>>> =
        (sentences.len() > VERBATIM_MAP_FROM).then(HashMap::new);
    let mut pairs = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let i = i as u32;
        match seen.as_mut().map(|seen| seen.entry(s)) {
            Some(Entry::Occupied(first)) => {
                pairs.extend(first.get().map(|f| (f, i)));
                continue;
            }
            Some(Entry::Vacant(slot)) => {
                word_hashes(s, &mut scratch);
                slot.insert((!scratch.is_empty()).then_some(i));
            }
            None => word_hashes(s, &mut scratch),
        }
        if !scratch.is_empty() {
            let start = words.len();
            words.extend_from_slice(&scratch);
            keyed.push((sequence_hash(&scratch), start, words.len(), i));
        }
    }
    keyed.sort_unstable_by_key(|k| (k.0, k.3));
    let mut distinct_long: Vec<u32> = Vec::new();
    // The shingle sets of the distinct long sentences, in one buffer.
    let mut buffer: Vec<u64> = Vec::new();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for same in keyed.chunk_by(|a, b| a.0 == b.0) {
        let (_, start, end, first) = same[0];
        pairs.extend(same[1..].iter().map(|k| (first, k.3)));
        if end - start >= SHORT_SENTENCE_WORDS {
            shingles(&words[start..end], SENTENCE_SHINGLE, &mut scratch);
            scratch.sort_unstable();
            scratch.dedup();
            distinct_long.push(first);
            ranges.push((buffer.len(), buffer.len() + scratch.len()));
            buffer.extend_from_slice(&scratch);
        }
    }
    if distinct_long.len() < 2 {
        return pairs;
    }
    let set = |i: usize| &buffer[ranges[i].0..ranges[i].1];
    let similar =
        |a: u32, b: u32| jaccard_at_least(set(a as usize), set(b as usize), SENTENCE_JACCARD);
    // Prefix filtering: with the shingles of each set in hash order, two sets
    // at Jaccard >= t share one of the first |s| - ceil(t |s|) + 1 shingles of
    // each; only pairs sharing such a shingle are compared, so sentences with
    // nothing in common are never paired. Exact unless one shingle opens more
    // sentences than a bucket keeps representatives.
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for i in 0..ranges.len() {
        let set = set(i);
        let needed = (SENTENCE_JACCARD * set.len() as f64 - 1e-9).ceil() as usize;
        let prefix = set.len() - needed.min(set.len()) + 1;
        entries.extend(set.iter().take(prefix).map(|&h| (h, i as u32)));
    }
    let local = pairs_sharing_a_key(entries, similar);
    pairs.extend(
        local
            .into_iter()
            .map(|(a, b)| (distinct_long[a as usize], distinct_long[b as usize])),
    );
    pairs
}

#[cfg(test)]
mod tests {
    use super::copied_sentences;

    #[test]
    fn every_processor_gives_the_same_signature() {
        use super::{minhash, minhash_portable, mix};
        let shingles: Vec<u64> = (0..700u64).map(mix).collect();
        let portable = minhash_portable(&shingles, 7);
        assert_eq!(minhash(&shingles, 7), portable);
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                assert_eq!(unsafe { super::minhash_avx2(&shingles, 7) }, portable);
            }
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
            {
                // SAFETY: the processor has AVX-512.
                assert_eq!(unsafe { super::minhash_avx512(&shingles, 7) }, portable);
            }
        }
    }

    #[test]
    fn words_hash_as_by_characters() {
        for text in [
            "Some 2,000 Russian peacekeepers -- DEPLOYED (again) on 26/11/2020!",
            "",
            "...",
            "a",
            "O'Brien said: \"x\ty\nz\"",
            "Gafarova called it a ‘dirty political campaign’ in Baku",
            "Ünal ÇELİK and ΣΊΣΥΦΟΣ",
        ] {
            let mut fast = Vec::new();
            super::word_hashes(text, &mut fast);
            let mut buf = [0u8; 4];
            let by_chars: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let lower = w.chars().flat_map(char::to_lowercase);
                    lower.fold(super::FNV_OFFSET, |h, c| {
                        c.encode_utf8(&mut buf).bytes().fold(h, super::fnv)
                    })
                })
                .collect();
            assert_eq!(fast, by_chars, "{text}");
        }
    }

    #[test]
    fn verbatim_copies_pair_with_their_first_occurrence() {
        let s = "Some 2,000 Russian peacekeepers were deployed to the region on Tuesday.";
        let pairs = copied_sentences(&[s, "Something else entirely.", s, s]);
        assert_eq!(pairs, [(0, 2), (0, 3)]);
    }

    #[test]
    fn a_large_cluster_pairs_verbatim_copies_the_same_way() {
        let s = "Some 2,000 Russian peacekeepers were deployed to the region on Tuesday.";
        let mut sentences = vec!["...", s];
        sentences.extend(std::iter::repeat_n(s, 99));
        sentences.push("...");
        assert!(sentences.len() > super::VERBATIM_MAP_FROM);
        let mut pairs = copied_sentences(&sentences);
        pairs.sort_unstable();
        let expected: Vec<(u32, u32)> = (2..101).map(|i| (1, i)).collect();
        assert_eq!(pairs, expected);
    }

    #[test]
    fn sentences_without_words_are_never_copies() {
        assert!(copied_sentences(&["...", "...", "--"]).is_empty());
    }

    #[test]
    fn a_changed_word_is_still_a_copy_and_case_does_not_matter() {
        // 24 words, one changed: 3-word shingles overlap at 19/25 = 0.76.
        let a = "Officials in the capital said on Tuesday that some 2,000 Russian peacekeepers \
                 were deployed to the region under the terms of the new agreement";
        let b = "Officials in the capital said on Tuesday that some 2,000 Russian peacekeepers \
                 were sent to the region under the terms of the new agreement";
        let c = "OFFICIALS IN THE CAPITAL SAID ON TUESDAY THAT SOME 2,000 RUSSIAN PEACEKEEPERS \
                 WERE DEPLOYED TO THE REGION UNDER THE TERMS OF THE NEW AGREEMENT";
        let pairs = copied_sentences(&[a, b, c]);
        assert!(pairs.contains(&(0, 2)), "{pairs:?}");
        assert!(
            pairs.contains(&(0, 1)) || pairs.contains(&(1, 0)),
            "{pairs:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_early_stop_answers_as_the_whole_count(
            a in proptest::collection::btree_set(0u64..40, 0..30),
            b in proptest::collection::btree_set(0u64..40, 0..30),
            threshold in proptest::sample::select(vec![0.5, 0.7, 0.8, 0.95, 1.0]),
        ) {
            let (a, b): (Vec<u64>, Vec<u64>) = (a.into_iter().collect(), b.into_iter().collect());
            let common = a.iter().filter(|x| b.contains(x)).count();
            let union = a.len() + b.len() - common;
            let whole = union > 0 && common as f64 / union as f64 >= threshold;
            proptest::prop_assert_eq!(super::jaccard_at_least(&a, &b, threshold), whole);
        }
    }
}
