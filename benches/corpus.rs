//! A deterministic generator of synthetic articles for benchmarks: many
//! outlets, known quantity facts reported exactly, hedged, wrongly, and as
//! verbatim wire reprints, with the ground truth alongside.

// Each bench that includes this file uses some of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// A small, fast, seedable generator (splitmix64): the same seed gives the
/// same corpus on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const DEMONYMS: &[&str] = &[
    "Russian",
    "Turkish",
    "French",
    "Armenian",
    "Azerbaijani",
    "Ukrainian",
    "Iranian",
    "Chinese",
    "American",
    "Israeli",
    "German",
    "Polish",
];
const NOUNS: &[&str] = &[
    "peacekeepers",
    "troops",
    "observers",
    "engineers",
    "medics",
    "police officers",
    "advisers",
    "border guards",
    "volunteers",
    "inspectors",
];
const VERBS: &[&str] = &["deployed", "arrived", "were stationed", "were sent"];
const HEDGES: &[&str] = &[
    "some",
    "about",
    "around",
    "roughly",
    "nearly",
    "more than",
    "up to",
];
const WIRES: &[&str] = &["Reuters", "AFP", "AP", "TASS", "Anadolu", "Xinhua"];
const FILLER: &[&str] = &[
    "The talks were expected to resume later in the week, officials in the capital said.",
    "Diplomats described the mood at the meeting as tense but constructive.",
    "The region has been the scene of repeated clashes over the past decades.",
    "Residents of nearby towns reported long queues at the remaining checkpoints.",
    "Opposition lawmakers criticised the government for its handling of the crisis.",
    "Analysts cautioned that the ceasefire remained fragile and could collapse.",
    "The foreign ministry did not respond to a request for comment.",
    "Humanitarian groups called for safe corridors to be opened without delay.",
    "Local media showed footage of convoys moving along the main highway.",
    "The agreement leaves several questions about the future status of the area unresolved.",
];
const PLACES: &[&str] = &[
    "Lachin",
    "Kalbajar",
    "Agdam",
    "Shusha",
    "Fizuli",
    "Jabrayil",
    "Zangilan",
    "Gubadly",
    "Stepanakert",
    "Goris",
];

const SYLLABLES: &[&str] = &[
    "ka", "ro", "vel", "tan", "mi", "dor", "su", "lek", "ar", "bo", "zen", "qui", "far", "nol",
    "te", "gra", "pil", "vos", "ur", "hen",
];

/// A made-up demonym, distinct per fact ("Karovelian"), so each fact has its
/// own subject the way real news has many actors; a few facts reuse real
/// ones, so some subjects gather many reports and figures.
fn demonym(i: usize, rng: &mut Rng) -> String {
    if i.is_multiple_of(50) {
        return rng.pick(DEMONYMS).to_string();
    }
    let mut word = String::new();
    let mut k = i;
    loop {
        word.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
        if k == 0 {
            break;
        }
    }
    word.push_str("ian");
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => word,
    }
}

/// One quantity fact: what is counted and its true value.
#[derive(Clone)]
pub struct Fact {
    pub subject: String,
    pub value: u64,
}

/// How an article reports a fact.
#[derive(Clone, Copy)]
pub enum Reported {
    Exact,
    Hedged,
    Wrong,
}

fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes `n` articles and `truth.jsonl` into `dir`; returns the bytes of article text.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    generate_more(dir, n, None, seed).map(|(bytes, _)| bytes)
}

/// [`generate`], then `more.1` articles of the same world (its facts,
/// outlets and wires; the next articles the generator would write) and
/// their `truth.jsonl` into `more.0`: the next day's news for a ledger of
/// the first `n`. Returns the bytes of article text of each.
pub fn generate_more(
    dir: &Path,
    n: usize,
    more: Option<(&Path, usize)>,
    seed: u64,
) -> std::io::Result<(u64, u64)> {
    std::fs::create_dir_all(dir)?;
    let (more_dir, extra) = more.unwrap_or((dir, 0));
    std::fs::create_dir_all(more_dir)?;
    let mut rng = Rng::new(seed);
    let outlets = (n / 20).clamp(10, 5000);
    let facts: Vec<Fact> = (0..(n / 4).max(1))
        .map(|i| Fact {
            subject: format!("{} {}", demonym(i, &mut rng), rng.pick(NOUNS)),
            value: (rng.below(90) + 10) * 100,
        })
        .collect();
    let mut truths = [String::new(), String::new()];
    let mut counts = [0u64; 2];
    let mut last_wire_body: Option<(String, String)> = None;
    for i in 0..n + extra {
        // The first n articles, then the more.
        let part = usize::from(i >= n);
        let (truth, bytes) = (&mut truths[part], &mut counts[part]);
        let path = [dir, more_dir][part].join(format!("{:06}.txt", i));
        // One article in ten is a verbatim reprint of the last wire story.
        if let (true, Some((wire, body))) = (i % 10 == 9, &last_wire_body) {
            let outlet = format!("Outlet {:04}", rng.below(outlets as u64));
            let text = format!(
                "outlet: {outlet}\noutlet-kind: newspaper\npublished: 2024-05-{:02}\n\n{body}",
                1 + i % 28
            );
            *bytes += body.len() as u64;
            std::fs::write(&path, text)?;
            let _ = writeln!(truth, "{{\"article\":{i},\"reprint_of_wire\":\"{wire}\"}}");
            continue;
        }
        let is_wire = i % 10 == 0;
        let outlet = if is_wire {
            rng.pick(WIRES).to_string()
        } else {
            format!("Outlet {:04}", rng.below(outlets as u64))
        };
        let kind = if is_wire { "wire" } else { "newspaper" };
        let mut body = String::with_capacity(3200);
        let mut reported = Vec::new();
        while body.len() < 2900 {
            if rng.below(3) == 0 {
                let fact = &facts[rng.below(facts.len() as u64) as usize];
                let how = match rng.below(10) {
                    0 => Reported::Wrong,
                    1..=4 => Reported::Hedged,
                    _ => Reported::Exact,
                };
                let (prefix, value) = match how {
                    Reported::Exact => (String::new(), fact.value),
                    Reported::Hedged => (format!("{} ", rng.pick(HEDGES)), fact.value),
                    Reported::Wrong => (String::new(), fact.value * 3),
                };
                let _ = write!(
                    body,
                    "{}{prefix}{} {} {} in {} on {}. ",
                    if rng.below(2) == 0 {
                        "Officials said "
                    } else {
                        ""
                    },
                    number(value),
                    fact.subject,
                    rng.pick(VERBS),
                    rng.pick(PLACES),
                    ["Monday", "Tuesday", "Wednesday"][rng.below(3) as usize]
                );
                let how = match how {
                    Reported::Exact => "exact",
                    Reported::Hedged => "hedged",
                    Reported::Wrong => "wrong",
                };
                reported.push(format!(
                    "{{\"subject\":\"{}\",\"true\":{},\"reported\":{},\"how\":\"{how}\"}}",
                    fact.subject.to_lowercase(),
                    fact.value,
                    value
                ));
            } else {
                let filler: &&str = rng.pick(FILLER);
                body.push_str(filler);
                body.push(' ');
            }
            if rng.below(4) == 0 {
                body.push('\n');
            }
        }
        body.push('\n');
        if is_wire {
            last_wire_body = Some((outlet.clone(), body.clone()));
        }
        let text = format!(
            "title: Report {i}\noutlet: {outlet}\noutlet-kind: {kind}\npublished: 2024-05-{:02}\n\n{body}",
            1 + i % 28
        );
        *bytes += body.len() as u64;
        std::fs::write(&path, text)?;
        let _ = writeln!(
            truth,
            "{{\"article\":{i},\"outlet\":\"{outlet}\",\"facts\":[{}]}}",
            reported.join(",")
        );
    }
    let [truth, more_truth] = truths;
    std::fs::write(dir.join("truth.jsonl"), truth)?;
    if extra > 0 {
        std::fs::write(more_dir.join("truth.jsonl"), more_truth)?;
    }
    Ok((counts[0], counts[1]))
}
