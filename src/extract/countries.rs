//! Every country's names and the adjectives news text uses for it, so that
//! "Azerbaijan's lawmakers", "Azerbaijani lawmakers", "Azeri parliament" and
//! "the Azerbaijani parliament" all resolve to one [`Country`], and "Russia
//! has sent" gives the demonym "russian".
//!
//! Lookups take lowercase text with inner whitespace collapsed to one space,
//! as [`super::tokens`] normalizes it (`Sent::joined`); a leading "the " and
//! typographic apostrophes are accepted. A form that two countries share
//! ("congo", "congolese", "korea", "dominican") resolves to neither. Forms
//! that also mean something else in news text ("us", "georgia", "jordan")
//! do resolve; they are listed in [`AMBIGUOUS_FORMS`] so callers can ask for
//! more evidence (capitals, the words around) before trusting them.
//!
//! Nothing calls this module yet, hence the `dead_code` allowance below;
//! drop it once extraction uses the table.
#![allow(dead_code)]

use std::sync::OnceLock;

/// One country: its name, its standard adjective, and the other forms news text uses.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Country {
    /// Common English short name, lowercase: "azerbaijan", "united states".
    pub name: &'static str,
    /// Standard adjective, lowercase: "azerbaijani", "american"; the name where English uses it so ("new zealand").
    pub demonym: &'static str,
    /// Other names: official, short, former and transliterated ("russian federation", "u.s.", "burma").
    pub names: &'static [&'static str],
    /// Other adjectives and transliterations of the demonym ("azeri", "belarussian", "kirghiz").
    pub adjectives: &'static [&'static str],
}

impl Country {
    /// The name, the other names, the demonym and the other adjectives, in that order.
    pub fn forms(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name)
            .chain(self.names.iter().copied())
            .chain(std::iter::once(self.demonym))
            .chain(self.adjectives.iter().copied())
    }
}

/// Builds one [`Country`] row: name, demonym, other names, other adjectives.
macro_rules! c {
    ($name:literal, $demonym:literal, [$($n:literal),* $(,)?], [$($a:literal),* $(,)?]) => {
        Country {
            name: $name,
            demonym: $demonym,
            names: &[$($n),*],
            adjectives: &[$($a),*],
        }
    };
}

/// All 193 UN member states, the two UN observer states (the Holy See and
/// Palestine), Kosovo and Taiwan: 197 rows, sorted by name. Dependent
/// territories (Greenland, Puerto Rico, Hong Kong) and constituent countries
/// (England, Scotland) are not covered. Official long names of more than five
/// words ("united kingdom of great britain and northern ireland") are left out
/// so that [`MAX_WORDS`] stays 5; dotted abbreviations are listed both with
/// and without the dots where both are written ("st. lucia", "st lucia").
pub(crate) const COUNTRIES: &[Country] = &[
    c!(
        "afghanistan",
        "afghan",
        [
            "islamic republic of afghanistan",
            "islamic emirate of afghanistan"
        ],
        []
    ),
    c!("albania", "albanian", ["republic of albania"], []),
    c!(
        "algeria",
        "algerian",
        ["people's democratic republic of algeria"],
        []
    ),
    c!("andorra", "andorran", [], []),
    c!("angola", "angolan", [], []),
    c!("antigua and barbuda", "antiguan", ["antigua"], ["barbudan"]),
    c!(
        "argentina",
        "argentine",
        ["argentine republic"],
        ["argentinian", "argentinean"]
    ),
    c!("armenia", "armenian", ["republic of armenia"], []),
    c!("australia", "australian", ["commonwealth of australia"], []),
    c!("austria", "austrian", ["republic of austria"], []),
    c!(
        "azerbaijan",
        "azerbaijani",
        ["republic of azerbaijan"],
        ["azeri"]
    ),
    c!("bahamas", "bahamian", ["commonwealth of the bahamas"], []),
    c!("bahrain", "bahraini", ["kingdom of bahrain"], []),
    c!(
        "bangladesh",
        "bangladeshi",
        ["people's republic of bangladesh"],
        []
    ),
    c!("barbados", "barbadian", [], []),
    c!(
        "belarus",
        "belarusian",
        ["republic of belarus", "byelorussia", "belorussia"],
        ["belarussian", "byelorussian", "belorussian"]
    ),
    c!("belgium", "belgian", ["kingdom of belgium"], []),
    c!("belize", "belizean", [], []),
    c!("benin", "beninese", ["republic of benin"], []),
    c!("bhutan", "bhutanese", ["kingdom of bhutan"], []),
    c!(
        "bolivia",
        "bolivian",
        ["plurinational state of bolivia"],
        []
    ),
    c!(
        "bosnia and herzegovina",
        "bosnian",
        ["bosnia", "bosnia-herzegovina"],
        ["herzegovinian"]
    ),
    c!(
        "botswana",
        "botswanan",
        ["republic of botswana"],
        ["motswana", "batswana"]
    ),
    c!("brazil", "brazilian", ["federative republic of brazil"], []),
    c!("brunei", "bruneian", ["brunei darussalam"], []),
    c!("bulgaria", "bulgarian", ["republic of bulgaria"], []),
    c!("burkina faso", "burkinabe", ["burkina"], ["burkinabè"]),
    c!("burundi", "burundian", ["republic of burundi"], []),
    c!("cambodia", "cambodian", ["kingdom of cambodia"], []),
    c!("cameroon", "cameroonian", ["republic of cameroon"], []),
    c!("canada", "canadian", [], []),
    c!(
        "cape verde",
        "cape verdean",
        ["cabo verde"],
        ["cabo verdean"]
    ),
    c!("central african republic", "central african", ["car"], []),
    c!("chad", "chadian", ["republic of chad"], []),
    c!("chile", "chilean", ["republic of chile"], []),
    c!(
        "china",
        "chinese",
        [
            "people's republic of china",
            "prc",
            "p.r.c.",
            "mainland china"
        ],
        []
    ),
    c!("colombia", "colombian", ["republic of colombia"], []),
    c!("comoros", "comoran", ["union of the comoros"], ["comorian"]),
    c!("costa rica", "costa rican", ["republic of costa rica"], []),
    c!("croatia", "croatian", ["republic of croatia"], []),
    c!("cuba", "cuban", ["republic of cuba"], []),
    c!("cyprus", "cypriot", ["republic of cyprus"], []),
    c!("czech republic", "czech", ["czechia"], []),
    c!(
        "democratic republic of the congo",
        "congolese",
        [
            "democratic republic of congo",
            "dr congo",
            "d.r. congo",
            "drc",
            "d.r.c.",
            "congo-kinshasa",
            "congo kinshasa",
            "zaire",
            "congo"
        ],
        []
    ),
    c!("denmark", "danish", ["kingdom of denmark"], []),
    c!("djibouti", "djiboutian", ["republic of djibouti"], []),
    c!("dominica", "dominican", ["commonwealth of dominica"], []),
    c!("dominican republic", "dominican", [], []),
    c!(
        "east timor",
        "timorese",
        [
            "timor-leste",
            "timor leste",
            "democratic republic of timor-leste"
        ],
        ["east timorese"]
    ),
    c!(
        "ecuador",
        "ecuadorian",
        ["republic of ecuador"],
        ["ecuadorean"]
    ),
    c!("egypt", "egyptian", ["arab republic of egypt"], []),
    c!(
        "el salvador",
        "salvadoran",
        ["republic of el salvador"],
        ["salvadorean", "salvadorian"]
    ),
    c!(
        "equatorial guinea",
        "equatorial guinean",
        ["republic of equatorial guinea"],
        ["equatoguinean"]
    ),
    c!("eritrea", "eritrean", ["state of eritrea"], []),
    c!("estonia", "estonian", ["republic of estonia"], []),
    c!(
        "eswatini",
        "swazi",
        ["swaziland", "kingdom of eswatini"],
        []
    ),
    c!(
        "ethiopia",
        "ethiopian",
        ["federal democratic republic of ethiopia"],
        []
    ),
    c!("fiji", "fijian", ["republic of fiji"], []),
    c!("finland", "finnish", ["republic of finland"], []),
    c!("france", "french", ["french republic"], []),
    c!("gabon", "gabonese", ["gabonese republic"], []),
    c!("gambia", "gambian", ["republic of the gambia"], []),
    c!("georgia", "georgian", [], []),
    c!("germany", "german", ["federal republic of germany"], []),
    c!("ghana", "ghanaian", ["republic of ghana"], []),
    c!("greece", "greek", ["hellenic republic"], ["hellenic"]),
    c!("grenada", "grenadian", [], []),
    c!("guatemala", "guatemalan", ["republic of guatemala"], []),
    c!(
        "guinea",
        "guinean",
        ["republic of guinea", "guinea-conakry", "guinea conakry"],
        []
    ),
    c!(
        "guinea-bissau",
        "bissau-guinean",
        ["guinea bissau", "republic of guinea-bissau"],
        ["bissau guinean"]
    ),
    c!(
        "guyana",
        "guyanese",
        ["co-operative republic of guyana"],
        []
    ),
    c!("haiti", "haitian", ["republic of haiti"], []),
    c!(
        "holy see",
        "vatican",
        ["vatican", "vatican city", "vatican city state"],
        []
    ),
    c!("honduras", "honduran", ["republic of honduras"], []),
    c!("hungary", "hungarian", [], []),
    c!("iceland", "icelandic", [], []),
    c!("india", "indian", ["republic of india", "bharat"], []),
    c!("indonesia", "indonesian", ["republic of indonesia"], []),
    c!("iran", "iranian", ["islamic republic of iran"], []),
    c!("iraq", "iraqi", ["republic of iraq"], []),
    c!(
        "ireland",
        "irish",
        ["republic of ireland", "eire", "éire"],
        []
    ),
    c!("israel", "israeli", ["state of israel"], []),
    c!("italy", "italian", ["italian republic"], []),
    c!(
        "ivory coast",
        "ivorian",
        [
            "côte d'ivoire",
            "cote d'ivoire",
            "republic of côte d'ivoire",
            "republic of cote d'ivoire"
        ],
        []
    ),
    c!("jamaica", "jamaican", [], []),
    c!("japan", "japanese", [], []),
    c!("jordan", "jordanian", ["hashemite kingdom of jordan"], []),
    c!(
        "kazakhstan",
        "kazakh",
        ["republic of kazakhstan", "kazakstan"],
        ["kazakhstani", "kazak"]
    ),
    c!("kenya", "kenyan", ["republic of kenya"], []),
    c!("kiribati", "i-kiribati", ["republic of kiribati"], []),
    c!("kosovo", "kosovar", ["republic of kosovo"], ["kosovan"]),
    c!("kuwait", "kuwaiti", ["state of kuwait"], []),
    c!(
        "kyrgyzstan",
        "kyrgyz",
        ["kyrgyz republic", "kirghizia", "kirgizia"],
        ["kirghiz", "kirgiz", "kyrgyzstani"]
    ),
    c!(
        "laos",
        "laotian",
        ["lao pdr", "lao people's democratic republic"],
        ["lao"]
    ),
    c!("latvia", "latvian", ["republic of latvia"], []),
    c!("lebanon", "lebanese", ["lebanese republic"], []),
    c!("lesotho", "basotho", ["kingdom of lesotho"], ["mosotho"]),
    c!("liberia", "liberian", ["republic of liberia"], []),
    c!("libya", "libyan", ["state of libya"], []),
    c!(
        "liechtenstein",
        "liechtenstein",
        ["principality of liechtenstein"],
        ["liechtensteiner"]
    ),
    c!("lithuania", "lithuanian", ["republic of lithuania"], []),
    c!(
        "luxembourg",
        "luxembourgish",
        ["grand duchy of luxembourg"],
        []
    ),
    c!(
        "madagascar",
        "malagasy",
        ["republic of madagascar"],
        ["madagascan"]
    ),
    c!("malawi", "malawian", ["republic of malawi"], []),
    c!("malaysia", "malaysian", [], []),
    c!("maldives", "maldivian", ["republic of maldives"], []),
    c!("mali", "malian", ["republic of mali"], []),
    c!("malta", "maltese", ["republic of malta"], []),
    c!(
        "marshall islands",
        "marshallese",
        ["republic of the marshall islands"],
        []
    ),
    c!(
        "mauritania",
        "mauritanian",
        ["islamic republic of mauritania"],
        []
    ),
    c!("mauritius", "mauritian", ["republic of mauritius"], []),
    c!("mexico", "mexican", ["united mexican states"], []),
    c!(
        "micronesia",
        "micronesian",
        ["federated states of micronesia"],
        []
    ),
    c!("moldova", "moldovan", ["republic of moldova"], []),
    c!(
        "monaco",
        "monegasque",
        ["principality of monaco"],
        ["monégasque", "monacan"]
    ),
    c!("mongolia", "mongolian", [], []),
    c!("montenegro", "montenegrin", [], []),
    c!("morocco", "moroccan", ["kingdom of morocco"], []),
    c!("mozambique", "mozambican", ["republic of mozambique"], []),
    c!("myanmar", "burmese", ["burma"], []),
    c!("namibia", "namibian", ["republic of namibia"], []),
    c!("nauru", "nauruan", ["republic of nauru"], []),
    c!(
        "nepal",
        "nepalese",
        ["federal democratic republic of nepal"],
        ["nepali"]
    ),
    c!(
        "netherlands",
        "dutch",
        ["holland", "kingdom of the netherlands"],
        []
    ),
    c!("new zealand", "new zealand", [], []),
    c!("nicaragua", "nicaraguan", ["republic of nicaragua"], []),
    c!("niger", "nigerien", ["republic of the niger"], []),
    c!("nigeria", "nigerian", ["federal republic of nigeria"], []),
    c!(
        "north korea",
        "north korean",
        [
            "democratic people's republic of korea",
            "dprk",
            "d.p.r.k.",
            "korea"
        ],
        ["korean"]
    ),
    c!(
        "north macedonia",
        "macedonian",
        [
            "republic of north macedonia",
            "macedonia",
            "fyrom",
            "former yugoslav republic of macedonia"
        ],
        ["north macedonian"]
    ),
    c!("norway", "norwegian", ["kingdom of norway"], []),
    c!("oman", "omani", ["sultanate of oman"], []),
    c!(
        "pakistan",
        "pakistani",
        ["islamic republic of pakistan"],
        []
    ),
    c!("palau", "palauan", ["republic of palau"], []),
    c!(
        "palestine",
        "palestinian",
        [
            "state of palestine",
            "palestinian territories",
            "occupied palestinian territories"
        ],
        []
    ),
    c!("panama", "panamanian", ["republic of panama"], []),
    c!("papua new guinea", "papua new guinean", ["png"], []),
    c!("paraguay", "paraguayan", ["republic of paraguay"], []),
    c!("peru", "peruvian", ["republic of peru"], []),
    c!(
        "philippines",
        "filipino",
        ["republic of the philippines"],
        ["philippine"]
    ),
    c!("poland", "polish", ["republic of poland"], []),
    c!("portugal", "portuguese", ["portuguese republic"], []),
    c!("qatar", "qatari", ["state of qatar"], []),
    c!(
        "republic of the congo",
        "congolese",
        [
            "republic of congo",
            "congo republic",
            "congo-brazzaville",
            "congo brazzaville",
            "congo"
        ],
        []
    ),
    c!("romania", "romanian", [], []),
    c!("russia", "russian", ["russian federation"], []),
    c!("rwanda", "rwandan", ["republic of rwanda"], ["rwandese"]),
    c!(
        "saint kitts and nevis",
        "kittitian",
        [
            "st. kitts and nevis",
            "st kitts and nevis",
            "saint kitts",
            "st. kitts",
            "st kitts",
            "saint christopher and nevis"
        ],
        ["nevisian"]
    ),
    c!(
        "saint lucia",
        "saint lucian",
        ["st. lucia", "st lucia"],
        ["st. lucian", "st lucian"]
    ),
    c!(
        "saint vincent and the grenadines",
        "vincentian",
        [
            "st. vincent and the grenadines",
            "st vincent and the grenadines",
            "saint vincent",
            "st. vincent",
            "st vincent"
        ],
        []
    ),
    c!(
        "samoa",
        "samoan",
        ["independent state of samoa", "western samoa"],
        []
    ),
    c!(
        "san marino",
        "sammarinese",
        ["republic of san marino"],
        ["san marinese"]
    ),
    c!(
        "sao tome and principe",
        "sao tomean",
        ["são tomé and príncipe", "sao tome", "são tomé"],
        ["são toméan", "santomean"]
    ),
    c!(
        "saudi arabia",
        "saudi",
        ["kingdom of saudi arabia"],
        ["saudi arabian"]
    ),
    c!("senegal", "senegalese", ["republic of senegal"], []),
    c!("serbia", "serbian", ["republic of serbia"], []),
    c!("seychelles", "seychellois", ["republic of seychelles"], []),
    c!(
        "sierra leone",
        "sierra leonean",
        ["republic of sierra leone"],
        []
    ),
    c!("singapore", "singaporean", ["republic of singapore"], []),
    c!("slovakia", "slovak", ["slovak republic"], ["slovakian"]),
    c!(
        "slovenia",
        "slovenian",
        ["republic of slovenia"],
        ["slovene"]
    ),
    c!(
        "solomon islands",
        "solomon islands",
        ["solomons"],
        ["solomon islander"]
    ),
    c!(
        "somalia",
        "somali",
        ["federal republic of somalia"],
        ["somalian"]
    ),
    c!(
        "south africa",
        "south african",
        ["republic of south africa"],
        []
    ),
    c!(
        "south korea",
        "south korean",
        ["republic of korea", "rok", "korea"],
        ["korean"]
    ),
    c!(
        "south sudan",
        "south sudanese",
        ["republic of south sudan"],
        []
    ),
    c!("spain", "spanish", ["kingdom of spain"], []),
    c!("sri lanka", "sri lankan", [], []),
    c!("sudan", "sudanese", ["republic of the sudan"], []),
    c!(
        "suriname",
        "surinamese",
        ["surinam", "republic of suriname"],
        []
    ),
    c!("sweden", "swedish", ["kingdom of sweden"], []),
    c!("switzerland", "swiss", ["swiss confederation"], []),
    c!("syria", "syrian", ["syrian arab republic"], []),
    c!(
        "taiwan",
        "taiwanese",
        ["republic of china", "chinese taipei"],
        []
    ),
    c!(
        "tajikistan",
        "tajik",
        ["republic of tajikistan", "tadjikistan", "tadzhikistan"],
        ["tajikistani", "tadjik", "tadzhik"]
    ),
    c!("tanzania", "tanzanian", ["united republic of tanzania"], []),
    c!("thailand", "thai", ["kingdom of thailand"], []),
    c!("togo", "togolese", ["togolese republic"], []),
    c!("tonga", "tongan", ["kingdom of tonga"], []),
    c!(
        "trinidad and tobago",
        "trinidadian",
        ["trinidad", "republic of trinidad and tobago"],
        ["tobagonian"]
    ),
    c!("tunisia", "tunisian", ["republic of tunisia"], []),
    c!(
        "turkey",
        "turkish",
        [
            "türkiye",
            "turkiye",
            "republic of türkiye",
            "republic of turkey"
        ],
        []
    ),
    c!("turkmenistan", "turkmen", ["turkmenia"], ["turkmenistani"]),
    c!("tuvalu", "tuvaluan", [], []),
    c!("uganda", "ugandan", ["republic of uganda"], []),
    c!("ukraine", "ukrainian", [], []),
    c!(
        "united arab emirates",
        "emirati",
        ["uae", "u.a.e.", "emirates"],
        []
    ),
    c!(
        "united kingdom",
        "british",
        ["uk", "u.k.", "britain", "great britain"],
        []
    ),
    c!(
        "united states",
        "american",
        [
            "united states of america",
            "us",
            "u.s.",
            "usa",
            "u.s.a.",
            "america"
        ],
        []
    ),
    c!("uruguay", "uruguayan", ["oriental republic of uruguay"], []),
    c!(
        "uzbekistan",
        "uzbek",
        ["republic of uzbekistan"],
        ["uzbekistani"]
    ),
    c!(
        "vanuatu",
        "ni-vanuatu",
        ["republic of vanuatu"],
        ["vanuatuan"]
    ),
    c!(
        "venezuela",
        "venezuelan",
        ["bolivarian republic of venezuela"],
        []
    ),
    c!(
        "vietnam",
        "vietnamese",
        [
            "viet nam",
            "socialist republic of vietnam",
            "socialist republic of viet nam"
        ],
        []
    ),
    c!("yemen", "yemeni", ["republic of yemen"], []),
    c!("zambia", "zambian", ["republic of zambia"], []),
    c!("zimbabwe", "zimbabwean", ["republic of zimbabwe"], []),
];

/// The most words in any name or adjective of [`COUNTRIES`], so callers can try the longest phrase first.
pub(crate) const MAX_WORDS: usize = max_words(COUNTRIES);

/// Forms that resolve (or, when two countries share them, deliberately do
/// not) but also mean something else in news text; sorted. Callers should
/// want more than a lowercase match before taking one as a country.
pub(crate) const AMBIGUOUS_FORMS: &[&str] = &[
    // The Americas and "Latin/South/North/Central American", "Native American".
    "america",
    "american",
    // "British Columbia" (Canada), "British Virgin Islands".
    "british",
    // Central African Republic: match only the capitals "CAR", never the word "car".
    "car",
    // A given name ("Chad Smith"); match it only as the country name.
    "chad",
    // Porcelain ("fine china"); only the capitalized word names the country.
    "china",
    // Shared by both Congos: resolves to neither. "the Congo" is also the river.
    "congo",
    "congolese",
    // Shared by Dominica and the Dominican Republic: resolves to neither.
    "dominican",
    // Emirates the airline; any emirate ("the emirates of Dubai and Abu Dhabi").
    "emirates",
    // The US state, and its people; the Georgian era and style.
    "georgia",
    "georgian",
    // The coin, the guinea pig; the island of New Guinea; ends "Equatorial
    // Guinea" and "Papua New Guinea", so try longer phrases first.
    "guinea",
    // A surname; also the Dutch provinces North and South Holland.
    "holland",
    // "Indian Ocean", "American Indian".
    "indian",
    // "Northern Ireland" and "Northern Irish" are in the United Kingdom.
    "ireland",
    "irish",
    // A given name and surname ("Michael Jordan"); the Jordan River.
    "jordan",
    // Shared by both Koreas: resolves to neither.
    "korea",
    "korean",
    // Also the Greek region of Macedonia and the ancient kingdom.
    "macedonia",
    // "New Mexico" is a US state.
    "mexico",
    // The Niger River and the Niger Delta (in Nigeria); "nigerien" and
    // "nigerian" are distinct and safe.
    "niger",
    // The verb and noun "polish"; only the capitalized word names Poland.
    "polish",
    // Taiwan's official name, but also China from 1912 to 1949.
    "republic of china",
    // "American Samoa" is a US territory.
    "samoa",
    // The bird; only the capitalized word names the country.
    "turkey",
    // The pronoun: match only the capitals "US" (or "U.S."), never "us" or "Us".
    "us",
];

/// `form` is one of [`AMBIGUOUS_FORMS`].
pub(crate) fn is_ambiguous(form: &str) -> bool {
    AMBIGUOUS_FORMS.binary_search(&form).is_ok()
}

/// The country `phrase` names or describes (a name or an adjective): "azeri" gives Azerbaijan.
pub(crate) fn country(phrase: &str) -> Option<&'static Country> {
    lookup(phrase, false)
}

/// The country `phrase` names, adjectives excluded: "russia" gives Russia, "russian" gives none.
pub(crate) fn by_name(phrase: &str) -> Option<&'static Country> {
    lookup(phrase, true)
}

/// The country a possessive names: "azerbaijan's", "azerbaijan’s", "philippines'"; none without the suffix.
pub(crate) fn possessive(word: &str) -> Option<&'static Country> {
    let stem = ["'s", "\u{2019}s"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .or_else(|| {
            // "the Philippines' president": only the apostrophe goes.
            ['\'', '\u{2019}']
                .iter()
                .find_map(|&a| word.strip_suffix(a))
                .filter(|s| s.ends_with('s'))
        })?;
    by_name(stem)
}

/// One form in the lookup index.
struct Entry {
    /// The lowercase form.
    form: &'static str,
    /// Index into [`COUNTRIES`]; `None` when two countries share the form.
    country: Option<u16>,
    /// The form is a name (not only an adjective) of its country.
    name: bool,
}

// `Entry::country` holds a row of `COUNTRIES` in a `u16`.
const _: () = assert!(COUNTRIES.len() < u16::MAX as usize);

/// Every form of every country, one entry per form, in [`order`].
fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut all: Vec<Entry> = Vec::new();
        for (i, c) in COUNTRIES.iter().enumerate() {
            let i = u16::try_from(i).ok(); // always Some: see the assertion above
            let names = std::iter::once(c.name).chain(c.names.iter().copied());
            let adjectives = std::iter::once(c.demonym).chain(c.adjectives.iter().copied());
            all.extend(names.map(|form| Entry {
                form,
                country: i,
                name: true,
            }));
            all.extend(adjectives.map(|form| Entry {
                form,
                country: i,
                name: false,
            }));
        }
        all.sort_by(|a, b| order(a.form).cmp(&order(b.form)));
        let mut out: Vec<Entry> = Vec::with_capacity(all.len());
        for e in all {
            match out.last_mut() {
                Some(last) if last.form == e.form => {
                    if last.country != e.country {
                        last.country = None;
                    }
                    last.name |= e.name;
                }
                _ => out.push(e),
            }
        }
        out
    })
}

/// Looks `phrase` up, names only or any form; a leading "the " and ’ for ' are accepted.
fn lookup(phrase: &str, names_only: bool) -> Option<&'static Country> {
    let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
    match exact(phrase, names_only) {
        None if phrase.contains('\u{2019}') => exact(&phrase.replace('\u{2019}', "'"), names_only),
        found => found,
    }
}

/// The index order: by length, then bytes. Most probes then differ at the
/// length and skip the byte comparison (about twice as fast as plain `str` order).
fn order(form: &str) -> (usize, &[u8]) {
    (form.len(), form.as_bytes())
}

/// Binary search of the index for exactly `form`.
fn exact(form: &str, names_only: bool) -> Option<&'static Country> {
    let idx = index();
    let e = &idx[idx
        .binary_search_by(|e| order(e.form).cmp(&order(form)))
        .ok()?];
    if names_only && !e.name {
        return None;
    }
    e.country.map(|i| &COUNTRIES[usize::from(i)])
}

/// Words in `s`, counted by single spaces (forms have no other whitespace).
const fn words(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 1;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The most words in any form of `countries`.
const fn max_words(countries: &[Country]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < countries.len() {
        let c = &countries[i];
        let mut m = words(c.name);
        if words(c.demonym) > m {
            m = words(c.demonym);
        }
        let mut j = 0;
        while j < c.names.len() {
            if words(c.names[j]) > m {
                m = words(c.names[j]);
            }
            j += 1;
        }
        j = 0;
        while j < c.adjectives.len() {
            if words(c.adjectives[j]) > m {
                m = words(c.adjectives[j]);
            }
            j += 1;
        }
        if m > max {
            max = m;
        }
        i += 1;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The name of the country `phrase` resolves to by any form.
    fn any(phrase: &str) -> Option<&'static str> {
        country(phrase).map(|c| c.name)
    }

    /// The name of the country `phrase` resolves to as a name.
    fn named(phrase: &str) -> Option<&'static str> {
        by_name(phrase).map(|c| c.name)
    }

    #[test]
    fn covers_the_un_members_observers_kosovo_and_taiwan_sorted() {
        assert_eq!(COUNTRIES.len(), 193 + 2 + 2);
        for w in COUNTRIES.windows(2) {
            assert!(w[0].name < w[1].name, "{} before {}", w[0].name, w[1].name);
        }
        for name in ["holy see", "palestine", "kosovo", "taiwan"] {
            assert_eq!(named(name), Some(name));
        }
    }

    #[test]
    fn every_form_is_nonempty_lowercase_and_single_spaced() {
        for c in COUNTRIES {
            assert!(!c.name.is_empty() && !c.demonym.is_empty(), "{c:?}");
            for f in c.forms() {
                assert!(!f.is_empty(), "{}: empty form", c.name);
                assert_eq!(f, f.to_lowercase(), "{}: {f:?} not lowercase", c.name);
                assert_eq!(f.split_whitespace().collect::<Vec<_>>().join(" "), f);
                assert!(!f.starts_with("the "), "{f:?}: lookups strip \"the \"");
                assert!(
                    !f.contains('\u{2019}'),
                    "{f:?}: use the straight apostrophe"
                );
            }
        }
    }

    #[test]
    fn no_form_maps_to_two_countries_unless_listed_ambiguous() {
        let mut owners: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for c in COUNTRIES {
            // Within one country a form may be both a name and an adjective
            // ("vatican", "new zealand"), but not twice on one side.
            let names: Vec<_> = std::iter::once(c.name)
                .chain(c.names.iter().copied())
                .collect();
            let adjectives: Vec<_> = std::iter::once(c.demonym)
                .chain(c.adjectives.iter().copied())
                .collect();
            for side in [&names, &adjectives] {
                let set: BTreeSet<_> = side.iter().collect();
                assert_eq!(
                    set.len(),
                    side.len(),
                    "{}: repeated form in {side:?}",
                    c.name
                );
            }
            for f in c.forms() {
                owners.entry(f).or_default().insert(c.name);
            }
        }
        let shared: Vec<_> = owners
            .iter()
            .filter(|(f, cs)| cs.len() > 1 && !is_ambiguous(f))
            .collect();
        assert!(shared.is_empty(), "forms of two countries: {shared:?}");
        for (f, cs) in &owners {
            if cs.len() > 1 {
                assert_eq!(country(f), None, "{f:?} is shared by {cs:?}");
            } else {
                assert_eq!(any(f), cs.first().copied(), "{f:?} does not round-trip");
            }
        }
    }

    #[test]
    fn ambiguous_forms_are_sorted_unique_and_in_the_table() {
        for w in AMBIGUOUS_FORMS.windows(2) {
            assert!(w[0] < w[1], "{} before {}", w[0], w[1]);
        }
        let all: BTreeSet<_> = COUNTRIES.iter().flat_map(Country::forms).collect();
        for f in AMBIGUOUS_FORMS {
            assert!(all.contains(f), "{f:?} is listed ambiguous but is no form");
        }
        assert!(is_ambiguous("us") && is_ambiguous("georgia") && !is_ambiguous("u.s."));
        // Deliberately ambiguous forms of one country still resolve.
        assert_eq!(named("us"), Some("united states"));
        assert_eq!(named("georgia"), Some("georgia"));
        assert_eq!(named("turkey"), Some("turkey"));
        assert_eq!(named("niger"), Some("niger"));
        assert_eq!(named("nigeria"), Some("nigeria"));
        assert_eq!(any("nigerien"), Some("niger"));
        assert_eq!(any("nigerian"), Some("nigeria"));
    }

    #[test]
    fn tricky_round_trips() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "azerbaijan",
                "azerbaijani",
                &["azerbaijan", "azeri", "azerbaijani"],
            ),
            ("netherlands", "dutch", &["netherlands", "dutch", "holland"]),
            (
                "united kingdom",
                "british",
                &["uk", "u.k.", "british", "britain", "great britain"],
            ),
            (
                "united states",
                "american",
                &[
                    "us",
                    "u.s.",
                    "usa",
                    "america",
                    "american",
                    "united states of america",
                ],
            ),
            (
                "ivory coast",
                "ivorian",
                &["ivory coast", "côte d'ivoire", "cote d'ivoire", "ivorian"],
            ),
            ("myanmar", "burmese", &["myanmar", "burma", "burmese"]),
            (
                "czech republic",
                "czech",
                &["czechia", "czech republic", "czech"],
            ),
            ("eswatini", "swazi", &["eswatini", "swaziland", "swazi"]),
            (
                "north macedonia",
                "macedonian",
                &[
                    "north macedonia",
                    "macedonia",
                    "macedonian",
                    "north macedonian",
                ],
            ),
            (
                "democratic republic of the congo",
                "congolese",
                &[
                    "dr congo",
                    "drc",
                    "democratic republic of congo",
                    "congo-kinshasa",
                ],
            ),
            (
                "republic of the congo",
                "congolese",
                &[
                    "republic of the congo",
                    "republic of congo",
                    "congo-brazzaville",
                ],
            ),
            ("lebanon", "lebanese", &["lebanon", "lebanese"]),
            ("bangladesh", "bangladeshi", &["bangladesh", "bangladeshi"]),
            (
                "philippines",
                "filipino",
                &["philippines", "filipino", "philippine"],
            ),
            (
                "saudi arabia",
                "saudi",
                &["saudi arabia", "saudi", "saudi arabian"],
            ),
            (
                "united arab emirates",
                "emirati",
                &["united arab emirates", "uae", "u.a.e.", "emirati"],
            ),
            (
                "russia",
                "russian",
                &["russia", "russian federation", "russian"],
            ),
            ("belarus", "belarusian", &["belarussian", "byelorussia"]),
            (
                "kyrgyzstan",
                "kyrgyz",
                &["kyrgyz", "kirghiz", "kyrgyz republic"],
            ),
            (
                "north korea",
                "north korean",
                &["dprk", "north korea", "north korean"],
            ),
            (
                "south korea",
                "south korean",
                &["south korea", "republic of korea"],
            ),
        ];
        for (name, demonym, forms) in cases {
            for f in *forms {
                let c = country(f).unwrap_or_else(|| panic!("{f:?} resolves to nothing"));
                assert_eq!((c.name, c.demonym), (*name, *demonym), "{f:?}");
            }
        }
        for shared in ["congo", "congolese", "korea", "korean", "dominican"] {
            assert_eq!(country(shared), None, "{shared:?}");
        }
    }

    #[test]
    fn by_name_takes_names_and_refuses_adjectives() {
        assert_eq!(by_name("russia").map(|c| c.demonym), Some("russian"));
        assert_eq!(named("russian"), None);
        assert_eq!(named("azeri"), None);
        assert_eq!(named("dutch"), None);
        assert_eq!(named("u.s."), Some("united states"));
        assert_eq!(named("burma"), Some("myanmar"));
        // A form both a name and an adjective of one country.
        assert_eq!(named("vatican"), Some("holy see"));
        assert_eq!(any("vatican"), Some("holy see"));
        assert_eq!(named("new zealand"), Some("new zealand"));
    }

    #[test]
    fn leading_the_and_curly_apostrophes() {
        assert_eq!(named("the netherlands"), Some("netherlands"));
        assert_eq!(named("the gambia"), Some("gambia"));
        assert_eq!(any("the azerbaijani"), Some("azerbaijan"));
        assert_eq!(named("côte d\u{2019}ivoire"), Some("ivory coast"));
        assert_eq!(
            named("democratic people\u{2019}s republic of korea"),
            Some("north korea")
        );
        assert_eq!(named("the"), None);
        assert_eq!(named(""), None);
        assert_eq!(named("Russia"), None, "lookups take lowercase input");
    }

    #[test]
    fn possessives() {
        assert_eq!(
            possessive("azerbaijan's").map(|c| c.name),
            Some("azerbaijan")
        );
        assert_eq!(
            possessive("azerbaijan\u{2019}s").map(|c| c.name),
            Some("azerbaijan")
        );
        assert_eq!(
            possessive("philippines'").map(|c| c.name),
            Some("philippines")
        );
        assert_eq!(
            possessive("philippines\u{2019}").map(|c| c.name),
            Some("philippines")
        );
        assert_eq!(
            possessive("united states'").map(|c| c.name),
            Some("united states")
        );
        assert_eq!(
            possessive("the netherlands'").map(|c| c.name),
            Some("netherlands")
        );
        assert_eq!(possessive("u.s.'s").map(|c| c.name), Some("united states"));
        assert_eq!(
            possessive("côte d'ivoire's").map(|c| c.name),
            Some("ivory coast")
        );
        assert_eq!(possessive("russia'").map(|c| c.name), None);
        assert_eq!(possessive("azerbaijan").map(|c| c.name), None);
        assert_eq!(possessive("azeri's").map(|c| c.name), None);
        assert_eq!(possessive("'s").map(|c| c.name), None);
    }

    #[test]
    fn max_words_is_the_longest_form() {
        let longest = COUNTRIES
            .iter()
            .flat_map(Country::forms)
            .map(|f| f.split(' ').count())
            .max();
        assert_eq!(Some(MAX_WORDS), longest);
        assert_eq!(MAX_WORDS, 5);
        assert_eq!(
            named("democratic republic of the congo"),
            Some("democratic republic of the congo")
        );
    }
}
