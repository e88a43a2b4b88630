-- claimledger schema, version 11. The one source of truth for the ledger's
-- tables: embedded in the binary and applied by `claimledger init`.
-- Dates are ISO-8601 text; enumerated columns are plain words checked here.
-- The tables written in bulk (claims, mentions, claim_links, verdicts)
-- check their words with = and OR, not IN: for an IN list of three or more
-- SQLite builds a temporary B-tree on every insert, a good part of
-- ingest's writing.

CREATE TABLE outlets (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL DEFAULT 'other' CHECK (kind IN
                    ('wire', 'newspaper', 'broadcaster', 'state-media', 'government', 'agency', 'ngo', 'other')),
    country     TEXT,
    owner       TEXT,
    created_at  TEXT    NOT NULL
);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    outlet_id    INTEGER NOT NULL REFERENCES outlets (id),
    title        TEXT,
    url          TEXT    UNIQUE,
    published    TEXT    CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    text         TEXT    NOT NULL,
    -- SHA-256 (hex) of the text with whitespace collapsed: the same text from
    -- the same outlet is one document; from another outlet it is a reprint.
    content_hash TEXT    NOT NULL,
    -- MinHash of the text's word shingles, for near-duplicate detection.
    fingerprint  BLOB    NOT NULL,
    source       TEXT,
    ingested_at  TEXT    NOT NULL,
    -- Who wrote it.
    byline TEXT,
    -- Where the title, outlet name, url, published date and byline were
    -- found: a command-line flag, a text file's header, or a place in a web
    -- page, as the page spells it. NULL for a field that is empty, and for
    -- documents ingested before schema version 6.
    title_from TEXT CHECK (title_from IS NULL
        OR title_from = 'flag' OR title_from = 'header' OR title_from = 'og:title'
        OR title_from = 'JSON-LD headline' OR title_from = '<title>'),
    outlet_from TEXT CHECK (outlet_from IS NULL
        OR outlet_from = 'flag' OR outlet_from = 'header' OR outlet_from = 'og:site_name'
        OR outlet_from = 'JSON-LD publisher' OR outlet_from = 'host of the address'),
    url_from TEXT CHECK (url_from IS NULL
        OR url_from = 'flag' OR url_from = 'header' OR url_from = 'link rel=canonical'
        OR url_from = 'og:url'),
    published_from TEXT CHECK (published_from IS NULL
        OR published_from = 'flag' OR published_from = 'header'
        OR published_from = 'article:published_time' OR published_from = 'JSON-LD datePublished'
        OR published_from = '<time datetime>'),
    byline_from TEXT CHECK (byline_from IS NULL
        OR byline_from = 'flag' OR byline_from = 'header' OR byline_from = 'JSON-LD author'
        OR byline_from = 'meta author' OR byline_from = 'article:author'),
    -- Also the index by outlet: a UNIQUE index serves its leading column.
    UNIQUE (outlet_id, content_hash)
);
CREATE INDEX documents_hash ON documents (content_hash);

-- The saved web page a document's text was extracted from, kept so that a
-- later extractor can run again (`ingest --reextract`). The sqlite3 shell
-- writes one back out with
--   SELECT writefile('page.html.gz', gzip) FROM pages WHERE document_id = 1;
CREATE TABLE pages (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id),
    -- The file's bytes as read, gzip-compressed.
    gzip        BLOB    NOT NULL,
    -- The file's size in bytes.
    size        INTEGER NOT NULL CHECK (size >= 0),
    -- The encoding its characters were read with (WHATWG name).
    charset     TEXT    NOT NULL,
    -- The extractor, with its version, whose text is the document's text.
    extractor   TEXT    NOT NULL
);

CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL DEFAULT 'unknown' CHECK (kind IN ('person', 'organization', 'state', 'unknown')),
    created_at  TEXT    NOT NULL,
    -- A name's first word and its last word's spelling skeleton
    -- ("hamad|hsn"): how another spelling of a person's name finds the
    -- actor (Hamad Hasan, Hamad Hassan). NULL for one word or a state's
    -- body; names such as "Red Cross" get one, which finds only their own.
    person_key  TEXT
);
CREATE INDEX actors_person_key ON actors (person_key) WHERE person_key IS NOT NULL;

CREATE TABLE actor_aliases (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER NOT NULL REFERENCES actors (id),
    alias       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(alias)) > 0)
);
CREATE INDEX actor_aliases_actor ON actor_aliases (actor_id);

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind = 'quantity' OR kind = 'quote' OR kind = 'event' OR kind = 'statement'),
    text          TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    -- Normalized identity of an extracted proposition ("quote|nikol
    -- pashinyan|historic"), stored as a 64-bit hash of it (store::claim_key):
    -- the same key in two documents is the same claim. Manual claims have none.
    key           INTEGER UNIQUE,
    -- What a quantity counts and what happened to it ("people killed").
    measure       TEXT,
    low           REAL,
    high          REAL,
    unit          TEXT,
    hedge         TEXT,
    speaker_id    INTEGER REFERENCES actors (id),
    quoted        TEXT,
    as_of         TEXT,
    confidence    REAL    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    origin        TEXT    NOT NULL CHECK (origin IN ('extracted', 'manual')),
    retracted_at  TEXT,
    retracted_why TEXT,
    CHECK (kind <> 'quantity' OR (measure IS NOT NULL AND low IS NOT NULL AND high IS NOT NULL AND low <= high)),
    CHECK ((retracted_at IS NULL) = (retracted_why IS NULL))
);
-- No index by speaker or measure: only `actor merge` and `actor split`, a
-- person's rare corrections, look claims up by speaker, one scan each, and
-- an index would cost every new claim an insert.

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    -- Who voiced it; NULL is the outlet's own voice.
    actor_id    INTEGER REFERENCES actors (id),
    stance      TEXT    NOT NULL CHECK (stance = 'asserts' OR stance = 'denies' OR stance = 'reports'),
    -- Where its words are in the document's text: bytes [span_start,
    -- span_end). The words themselves are read from there (the
    -- claim_mentions view has them as `quote`), not stored twice.
    span_start  INTEGER NOT NULL CHECK (span_start >= 0),
    span_end    INTEGER NOT NULL CHECK (span_end > span_start),
    -- A wire the mention relays ("according to Reuters").
    relayed_by  TEXT,
    confidence  REAL    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    origin      TEXT    NOT NULL CHECK (origin IN ('extracted', 'manual')),
    -- Also the index by claim. It gives a claim's mentions in document
    -- order, so a listing by id sorts them, which costs less than an index
    -- of its own would: one more B-tree insert for every ingested mention.
    UNIQUE (claim_id, document_id, span_start, span_end)
);
CREATE INDEX mentions_document ON mentions (document_id);
-- Most mentions are in an outlet's own voice: only the others are indexed.
CREATE INDEX mentions_actor ON mentions (actor_id) WHERE actor_id IS NOT NULL;

CREATE TABLE claim_links (
    id          INTEGER PRIMARY KEY,
    from_claim  INTEGER NOT NULL REFERENCES claims (id),
    to_claim    INTEGER NOT NULL REFERENCES claims (id),
    relation    TEXT    NOT NULL CHECK (relation = 'same-as' OR relation = 'contradicts' OR relation = 'supports'),
    origin      TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
    -- A person rejected this link: the pass ignores it and never re-adds it.
    rejected    INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),
    -- Why, in words. NULL for the pass's links between two figures: their
    -- note is what the two claims say, rendered when read
    -- (model::ClaimLink::figure_note).
    note        TEXT,
    CHECK (from_claim <> to_claim),
    UNIQUE (from_claim, to_claim, relation)  -- also the index by from_claim
);
CREATE INDEX claim_links_to ON claim_links (to_claim);

CREATE TABLE outlet_links (
    id          INTEGER PRIMARY KEY,
    from_outlet INTEGER NOT NULL REFERENCES outlets (id),
    to_outlet   INTEGER NOT NULL REFERENCES outlets (id),
    relation    TEXT    NOT NULL CHECK (relation IN ('copies', 'same-owner', 'cites')),
    note        TEXT,
    created_at  TEXT    NOT NULL,
    CHECK (from_outlet <> to_outlet),
    UNIQUE (from_outlet, to_outlet, relation)  -- also the index by from_outlet
);
CREATE INDEX outlet_links_to ON outlet_links (to_outlet);

-- Computed by `check`: the verdict on each same-as cluster of claims that
-- were not retracted when it last ran, shared by every claim of the
-- cluster (a row per cluster, not per claim: a cluster of many claims
-- would repeat its outlets and reason in each). Each run writes the rows
-- that changed; retracting a claim deletes its cluster's rows.
CREATE TABLE verdicts (
    -- The cluster's smallest claim id.
    cluster_id  INTEGER PRIMARY KEY REFERENCES claims (id),
    status      TEXT    NOT NULL CHECK (status = 'conflicting' OR status = 'corroborated' OR status = 'single-source'
                                 OR status = 'unsourced'),
    -- How many independent sources assert or report the cluster.
    independent_sources INTEGER NOT NULL CHECK (independent_sources >= 0),
    -- Names of the outlets behind those sources, separated by '; '.
    outlets     TEXT    NOT NULL,
    reason      TEXT    NOT NULL
);

-- The cluster each claim was judged in, for the claims that are not the
-- first of their cluster: a claim's verdict is its cluster's, and the
-- first claim's is the verdict under its own id. (Most clusters have one
-- claim; a row for each was a third of the writing of a check.)
CREATE TABLE claim_clusters (
    claim_id    INTEGER PRIMARY KEY REFERENCES claims (id),
    cluster_id  INTEGER NOT NULL REFERENCES verdicts (cluster_id),
    CHECK (cluster_id < claim_id)
);
CREATE INDEX claim_clusters_cluster ON claim_clusters (cluster_id);

-- The last check, one row. The mentions behind a verdict are those of its
-- cluster's claims up to last_mention_id: mentions are never deleted or
-- moved to another claim, so this is exact without a row per mention, and
-- mentions added later await the next check.
CREATE TABLE last_check (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_mention_id INTEGER NOT NULL,
    checked_at      TEXT    NOT NULL
);

-- Pairs of claims the last check found may be one (statements of one
-- speaker in other words), for a person to confirm (`claim link`) or
-- dismiss (`claim reject`, kept as a rejected same-as link). Each check
-- writes them anew.
CREATE TABLE suggestions (
    from_claim  INTEGER NOT NULL REFERENCES claims (id),
    to_claim    INTEGER NOT NULL REFERENCES claims (id),
    -- The similarity of their words, 0 to 1.
    score       REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
    -- Why they were not joined, in words.
    note        TEXT    NOT NULL,
    PRIMARY KEY (from_claim, to_claim),
    CHECK (from_claim < to_claim)
) WITHOUT ROWID;

-- A fact-checker's rating of a claim (exported as ClaimReview); the newest
-- rating of a claim is its current one.
CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    rating      TEXT    NOT NULL CHECK (length(trim(rating)) > 0),
    rated_by    TEXT,
    rated_at    TEXT    NOT NULL
    -- Since version 10, laid out as its upgrade (ALTER TABLE ... ADD COLUMN)
    -- writes them, so an upgraded ledger's schema reads the same:
    -- the address of the fact-check article (ClaimReview's url), and the
    -- rating on the organization's numeric scale from worst_rating to
    -- best_rating (ClaimReview's ratingValue), when it has one: the three
    -- come together.
    , url TEXT
         CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
    rating_value REAL,
    best_rating REAL,
    worst_rating REAL
         CHECK ((rating_value IS NULL) = (best_rating IS NULL)
             AND (best_rating IS NULL) = (worst_rating IS NULL)
             AND (rating_value IS NULL OR (worst_rating < best_rating
                 AND rating_value >= worst_rating AND rating_value <= best_rating))));
CREATE INDEX ratings_claim ON ratings (claim_id);

-- The audit trail: one row per change, hash-chained. `hash` is the SHA-256
-- of the previous row's hash and this row's content (see store::event_hash).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
);

-- Views a person reads without writing a join (the sqlite3 shell,
-- Datasette; datasette/metadata.json describes every table, view and
-- column). They hold no rows of their own.

-- Each claim with how it stands: its cluster's verdict once checked,
-- 'unchecked' before, 'retracted' with why when retracted.
CREATE VIEW claim_status AS
SELECT c.id AS claim_id,
       c.text,
       c.kind,
       CASE WHEN c.retracted_at IS NOT NULL THEN 'retracted'
            ELSE coalesce(v.status, 'unchecked') END AS status,
       v.independent_sources,
       v.outlets,
       coalesce(v.reason, c.retracted_why) AS reason,
       v.cluster_id,
       c.measure,
       c.low,
       c.high,
       c.as_of,
       a.name AS speaker
FROM claims c
LEFT JOIN claim_clusters k ON k.claim_id = c.id
LEFT JOIN verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id) AND c.retracted_at IS NULL
LEFT JOIN actors a ON a.id = c.speaker_id;

-- Each mention with its claim, outlet, document and speaker by name.
CREATE VIEW claim_mentions AS
SELECT m.id AS mention_id,
       m.claim_id,
       c.text AS claim,
       o.name AS outlet,
       m.document_id,
       d.title AS document,
       d.url,
       d.published,
       coalesce(a.name, o.name) AS speaker,
       m.stance,
       CAST(substr(CAST(d.text AS BLOB), m.span_start + 1, m.span_end - m.span_start) AS TEXT)
           AS quote,
       m.relayed_by
FROM mentions m
JOIN claims c ON c.id = m.claim_id
JOIN documents d ON d.id = m.document_id
JOIN outlets o ON o.id = d.outlet_id
LEFT JOIN actors a ON a.id = m.actor_id;

PRAGMA user_version = 11;
