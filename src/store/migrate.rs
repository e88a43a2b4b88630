//! Schema upgrades: the steps that take an older ledger to this version.

use rusqlite::Connection;

use super::Tx;
use crate::error::Result;

/// The schema, applied by `init`.
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// The schema version this build reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 11;

/// The schema changes since version 1, in order: step `i` takes a ledger
/// from version `i + 1` to `i + 2`. Frozen: a step says what its version
/// was, whatever schema.sql says now.
const UPGRADES: [&str; 10] = [
    // Version 1 stored a row per mention behind each verdict
    // (`verdict_mentions`) and indexed the verdicts by status (no query
    // could use it), which made `check` slow at scale; version 2 records
    // the last check's newest mention id instead (`last_check`). The old
    // verdicts have no such id, so they are dropped: the next `check`
    // redoes them, and until then the report says claims await a check.
    "DROP TABLE verdict_mentions;
     DROP INDEX verdicts_status;
     DELETE FROM verdicts;
     ALTER TABLE verdicts DROP COLUMN checked_at;
     CREATE TABLE last_check (
         id              INTEGER PRIMARY KEY CHECK (id = 1),
         last_mention_id INTEGER NOT NULL,
         checked_at      TEXT    NOT NULL
     );",
    // Version 2 stored a verdict per claim, repeating a cluster's outlets
    // and reason in each of its claims; version 3 stores one per cluster
    // (`verdicts`) and which cluster each claim is in (`claim_clusters`).
    // The verdicts carry over: a cluster's rows all hold its verdict.
    "ALTER TABLE verdicts RENAME TO verdicts_2;
     CREATE TABLE verdicts (
         cluster_id  INTEGER PRIMARY KEY REFERENCES claims (id),
         status      TEXT    NOT NULL CHECK (status IN ('conflicting', 'corroborated', 'single-source', 'unsourced')),
         origins     INTEGER NOT NULL CHECK (origins >= 0),
         outlets     TEXT    NOT NULL,
         reason      TEXT    NOT NULL
     );
     INSERT INTO verdicts (cluster_id, status, origins, outlets, reason)
         SELECT cluster_id, status, origins, outlets, reason FROM verdicts_2
         WHERE claim_id = cluster_id ORDER BY cluster_id;
     CREATE TABLE claim_clusters (
         claim_id    INTEGER PRIMARY KEY REFERENCES claims (id),
         cluster_id  INTEGER NOT NULL REFERENCES verdicts (cluster_id)
     );
     INSERT INTO claim_clusters (claim_id, cluster_id)
         SELECT claim_id, cluster_id FROM verdicts_2
         WHERE cluster_id IN (SELECT cluster_id FROM verdicts) ORDER BY claim_id;
     CREATE INDEX claim_clusters_cluster ON claim_clusters (cluster_id);
     DROP TABLE verdicts_2;",
    // Version 3 had a claim_clusters row for every claim with a verdict;
    // version 4 leaves out the first claim of each cluster, whose verdict
    // is under its own id: most clusters have one claim.
    "ALTER TABLE claim_clusters RENAME TO claim_clusters_3;
     CREATE TABLE claim_clusters (
         claim_id    INTEGER PRIMARY KEY REFERENCES claims (id),
         cluster_id  INTEGER NOT NULL REFERENCES verdicts (cluster_id),
         CHECK (cluster_id < claim_id)
     );
     INSERT INTO claim_clusters (claim_id, cluster_id)
         SELECT claim_id, cluster_id FROM claim_clusters_3
         WHERE cluster_id < claim_id ORDER BY claim_id;
     DROP TABLE claim_clusters_3;
     CREATE INDEX claim_clusters_cluster ON claim_clusters (cluster_id);",
    // Version 4 had an index on each of four columns that lead a UNIQUE
    // index of the same table, where the UNIQUE index serves (a claim's
    // mentions then come in document order, and a listing by id sorts
    // them), and on the claims' speaker and subject, which no query looks
    // up. Ingest paid a B-tree insert per mention and two per claim for
    // them; a ledger someone dropped one of them from still upgrades.
    // Version 4 also checked the words of four bulk-written columns with IN
    // lists, for which SQLite builds a temporary B-tree on every insert;
    // version 5 says the same with = and OR. A CHECK is not stored in the
    // rows, so the table's CREATE text is edited in place (SQLite's
    // documented way to change a constraint without copying the table);
    // the DROP INDEXes after it
    // change the schema cookie, which tells other connections to read the
    // schema again (without them they would keep the IN lists, which mean
    // the same), and RESET makes this connection read it again.
    "PRAGMA writable_schema = ON;
     UPDATE sqlite_schema SET sql = replace(sql,
         'kind IN (''quantity'', ''quote'', ''event'', ''statement'')',
         'kind = ''quantity'' OR kind = ''quote'' OR kind = ''event'' OR kind = ''statement''')
     WHERE type = 'table' AND name = 'claims';
     UPDATE sqlite_schema SET sql = replace(sql,
         'stance IN (''asserts'', ''denies'', ''reports'')',
         'stance = ''asserts'' OR stance = ''denies'' OR stance = ''reports''')
     WHERE type = 'table' AND name = 'mentions';
     UPDATE sqlite_schema SET sql = replace(sql,
         'relation IN (''same-as'', ''contradicts'', ''supports'')',
         'relation = ''same-as'' OR relation = ''contradicts'' OR relation = ''supports''')
     WHERE type = 'table' AND name = 'claim_links';
     UPDATE sqlite_schema SET sql = replace(sql,
         'status IN (''conflicting'', ''corroborated'', ''single-source'', ''unsourced'')',
         'status = ''conflicting'' OR status = ''corroborated'' OR status = ''single-source''
                                 OR status = ''unsourced''')
     WHERE type = 'table' AND name = 'verdicts';
     PRAGMA writable_schema = RESET;
     DROP INDEX IF EXISTS documents_outlet;
     DROP INDEX IF EXISTS mentions_claim;
     DROP INDEX IF EXISTS claim_links_from;
     DROP INDEX IF EXISTS outlet_links_from;
     DROP INDEX IF EXISTS claims_speaker;
     DROP INDEX IF EXISTS claims_subject;",
    // Version 6 reads saved web pages: a document keeps its byline and
    // where each of its title, outlet, url, published date and byline was
    // found, and a web page's bytes are kept beside its document (`pages`)
    // so a later extractor can run again. Documents ingested before have
    // none of these. ADD COLUMN puts each column after the last one, where
    // schema.sql lists them.
    "ALTER TABLE documents ADD COLUMN byline TEXT;
     ALTER TABLE documents ADD COLUMN title_from TEXT CHECK (title_from IS NULL
         OR title_from = 'flag' OR title_from = 'header' OR title_from = 'og:title'
         OR title_from = 'JSON-LD headline' OR title_from = '<title>');
     ALTER TABLE documents ADD COLUMN outlet_from TEXT CHECK (outlet_from IS NULL
         OR outlet_from = 'flag' OR outlet_from = 'header' OR outlet_from = 'og:site_name'
         OR outlet_from = 'JSON-LD publisher' OR outlet_from = 'host of the address');
     ALTER TABLE documents ADD COLUMN url_from TEXT CHECK (url_from IS NULL
         OR url_from = 'flag' OR url_from = 'header' OR url_from = 'link rel=canonical'
         OR url_from = 'og:url');
     ALTER TABLE documents ADD COLUMN published_from TEXT CHECK (published_from IS NULL
         OR published_from = 'flag' OR published_from = 'header'
         OR published_from = 'article:published_time' OR published_from = 'JSON-LD datePublished'
         OR published_from = '<time datetime>');
     ALTER TABLE documents ADD COLUMN byline_from TEXT CHECK (byline_from IS NULL
         OR byline_from = 'flag' OR byline_from = 'header' OR byline_from = 'JSON-LD author'
         OR byline_from = 'meta author' OR byline_from = 'article:author');
     CREATE TABLE pages (
         document_id INTEGER PRIMARY KEY REFERENCES documents (id),
         gzip        BLOB    NOT NULL,
         size        INTEGER NOT NULL CHECK (size >= 0),
         charset     TEXT    NOT NULL,
         extractor   TEXT    NOT NULL
     );",
    // Version 6 called a quantity's measure `claims.subject` and the count
    // of independent sources behind a verdict `verdicts.origins`, a word
    // that also meant where a row came from; version 7 names them
    // `measure` and `independent_sources`. RENAME COLUMN rewrites the
    // column's name in the table's CREATE text and its CHECK constraints;
    // no row is copied.
    "ALTER TABLE claims RENAME COLUMN subject TO measure;
     ALTER TABLE verdicts RENAME COLUMN origins TO independent_sources;",
    // Version 7 kept one actor per spelling of a name and no pairs of
    // claims awaiting a person's decision; version 8 gives each person a
    // key that finds other spellings of their name (filled in by
    // `person_keys` below) and keeps the last check's suggestions.
    "ALTER TABLE actors ADD COLUMN person_key TEXT;
     CREATE INDEX actors_person_key ON actors (person_key) WHERE person_key IS NOT NULL;
     CREATE TABLE suggestions (
         from_claim  INTEGER NOT NULL REFERENCES claims (id),
         to_claim    INTEGER NOT NULL REFERENCES claims (id),
         score       REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
         note        TEXT    NOT NULL,
         PRIMARY KEY (from_claim, to_claim),
         CHECK (from_claim < to_claim)
     ) WITHOUT ROWID;",
    // Version 9 adds two views, so that a person reading the ledger with
    // the sqlite3 shell or Datasette sees how each claim stands and who
    // said it where without writing a join. No table changes.
    "CREATE VIEW claim_status AS
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
            m.quote,
            m.relayed_by
     FROM mentions m
     JOIN claims c ON c.id = m.claim_id
     JOIN documents d ON d.id = m.document_id
     JOIN outlets o ON o.id = d.outlet_id
     LEFT JOIN actors a ON a.id = m.actor_id;",
    // Version 10 gives a rating what ClaimReview markup asks for: the
    // address of the fact-check article and an optional numeric scale.
    // ADD COLUMN cannot add a table constraint, so the rule that the three
    // numbers come together is a CHECK on the last of them (a column's
    // CHECK may name the columns before it), in schema.sql too.
    "ALTER TABLE ratings ADD COLUMN url TEXT
         CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%');
     ALTER TABLE ratings ADD COLUMN rating_value REAL;
     ALTER TABLE ratings ADD COLUMN best_rating REAL;
     ALTER TABLE ratings ADD COLUMN worst_rating REAL
         CHECK ((rating_value IS NULL) = (best_rating IS NULL)
             AND (best_rating IS NULL) = (worst_rating IS NULL)
             AND (rating_value IS NULL OR (worst_rating < best_rating
                 AND rating_value >= worst_rating AND rating_value <= best_rating)));",
    // Version 10 kept each mention's words twice, in the document's text
    // and in `mentions.quote`, each claim's key as text twice, in the
    // table and in its UNIQUE index, and a created_at on every claim,
    // mention and claim link that nothing read (the events say when).
    // Version 11 keeps the words once (the claim_mentions view reads them
    // at the span), a 64-bit hash of the key (filled in by `hash_claim_keys`
    // below from the temporary table made here), and indexes only the
    // mentions with a speaker. A column in a UNIQUE constraint cannot be
    // dropped, so the three tables are made anew and copied, SQLite's
    // documented way, with foreign keys off (see `upgrade`). The views
    // name the old columns and go first. (The pass's links between
    // figures lose their notes at the next check, which writes them anew.)
    "DROP VIEW claim_status;
     DROP VIEW claim_mentions;
     CREATE TEMP TABLE claim_keys_10 AS
         SELECT id, key FROM claims WHERE key IS NOT NULL ORDER BY id;
     CREATE TABLE claims_11 (
         id            INTEGER PRIMARY KEY,
         kind          TEXT    NOT NULL CHECK (kind = 'quantity' OR kind = 'quote' OR kind = 'event' OR kind = 'statement'),
         text          TEXT    NOT NULL CHECK (length(trim(text)) > 0),
         key           INTEGER UNIQUE,
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
     INSERT INTO claims_11 (id, kind, text, measure, low, high, unit, hedge, speaker_id, quoted,
                            as_of, confidence, origin, retracted_at, retracted_why)
         SELECT id, kind, text, measure, low, high, unit, hedge, speaker_id, quoted,
                as_of, confidence, origin, retracted_at, retracted_why
         FROM claims ORDER BY id;
     DROP TABLE claims;
     ALTER TABLE claims_11 RENAME TO claims;
     CREATE TABLE mentions_11 (
         id          INTEGER PRIMARY KEY,
         claim_id    INTEGER NOT NULL REFERENCES claims (id),
         document_id INTEGER NOT NULL REFERENCES documents (id),
         actor_id    INTEGER REFERENCES actors (id),
         stance      TEXT    NOT NULL CHECK (stance = 'asserts' OR stance = 'denies' OR stance = 'reports'),
         span_start  INTEGER NOT NULL CHECK (span_start >= 0),
         span_end    INTEGER NOT NULL CHECK (span_end > span_start),
         relayed_by  TEXT,
         confidence  REAL    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
         origin      TEXT    NOT NULL CHECK (origin IN ('extracted', 'manual')),
         UNIQUE (claim_id, document_id, span_start, span_end)
     );
     INSERT INTO mentions_11 (id, claim_id, document_id, actor_id, stance, span_start, span_end,
                              relayed_by, confidence, origin)
         SELECT id, claim_id, document_id, actor_id, stance, span_start, span_end,
                relayed_by, confidence, origin
         FROM mentions ORDER BY id;
     DROP TABLE mentions;
     ALTER TABLE mentions_11 RENAME TO mentions;
     CREATE INDEX mentions_document ON mentions (document_id);
     CREATE INDEX mentions_actor ON mentions (actor_id) WHERE actor_id IS NOT NULL;
     CREATE TABLE claim_links_11 (
         id          INTEGER PRIMARY KEY,
         from_claim  INTEGER NOT NULL REFERENCES claims (id),
         to_claim    INTEGER NOT NULL REFERENCES claims (id),
         relation    TEXT    NOT NULL CHECK (relation = 'same-as' OR relation = 'contradicts' OR relation = 'supports'),
         origin      TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
         rejected    INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),
         note        TEXT,
         CHECK (from_claim <> to_claim),
         UNIQUE (from_claim, to_claim, relation)
     );
     INSERT INTO claim_links_11 (id, from_claim, to_claim, relation, origin, rejected, note)
         SELECT id, from_claim, to_claim, relation, origin, rejected, note
         FROM claim_links ORDER BY id;
     DROP TABLE claim_links;
     ALTER TABLE claim_links_11 RENAME TO claim_links;
     CREATE INDEX claim_links_to ON claim_links (to_claim);
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
     LEFT JOIN actors a ON a.id = m.actor_id;",
];

// A step for every version before this one.
const _: () = assert!(UPGRADES.len() as i64 == SCHEMA_VERSION - 1);

/// Fills `actors.person_key` for the actors of a ledger older than
/// version 8: the key is computed in Rust (`extract::actors::person_key`),
/// which SQL cannot do.
fn person_keys(conn: &Connection) -> Result<()> {
    let actors: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM actors")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare("UPDATE actors SET person_key = ?1 WHERE id = ?2")?;
    for (id, name) in actors {
        if let Some(key) = crate::extract::person_key(&name) {
            set.execute(rusqlite::params![key, id])?;
        }
    }
    Ok(())
}

/// Fills the version 11 `claims.key` hashes from the text keys a ledger
/// older than version 11 kept, which step 11 copied to `claim_keys_10`:
/// each at the first of its places ([`super::claim_keys`]) no other key
/// took, in id order, so no two claims become one.
fn hash_claim_keys(conn: &Connection) -> Result<()> {
    let keys: Vec<(i64, String)> = conn
        .prepare("SELECT id, key FROM claim_keys_10 ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare("UPDATE OR IGNORE claims SET key = ?1 WHERE id = ?2")?;
    for (id, key) in keys {
        for hash in super::claim_keys(&key) {
            if set.execute(rusqlite::params![hash, id])? == 1 {
                break;
            }
        }
    }
    conn.execute_batch("DROP TABLE temp.claim_keys_10")?;
    Ok(())
}

/// Upgrades an older ledger to this version, every step in one
/// transaction, with an `upgrade` event.
pub(super) fn upgrade(conn: &Connection) -> Result<()> {
    // Step 11 makes tables anew, which foreign keys would forbid (dropping
    // the old claims would delete them from under the mentions); the
    // pragma cannot change inside a transaction, so it is set around it.
    conn.pragma_update(None, "foreign_keys", false)?;
    let upgraded = upgrade_without_foreign_keys(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    upgraded
}

/// [`upgrade`], with foreign keys off.
fn upgrade_without_foreign_keys(conn: &Connection) -> Result<()> {
    // Dropped unless committed: a failed upgrade leaves the ledger as it was.
    let tx = Tx::immediate(conn)?;
    // Another process may have upgraded it while we waited for the lock.
    let version: i64 = tx
        .tx
        .pragma_query_value(None, "user_version", |row| row.get(0))?;
    if !(1..SCHEMA_VERSION).contains(&version) {
        return Ok(());
    }
    for step in &UPGRADES[version as usize - 1..] {
        tx.tx.execute_batch(step)?;
    }
    if version < 8 {
        person_keys(&tx.tx)?;
    }
    if version < 11 {
        hash_claim_keys(&tx.tx)?;
    }
    tx.tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.event(
        "upgrade",
        "ledger",
        None,
        &serde_json::json!({ "from_schema_version": version, "schema_version": SCHEMA_VERSION }),
    )?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use crate::store::tests::empty_ledger;

    #[test]
    fn bulk_written_tables_check_their_words_without_a_temporary_btree() {
        let (_dir, ledger) = empty_ledger();
        for table in ["claims", "mentions", "claim_links", "verdicts"] {
            let sql = format!("EXPLAIN INSERT INTO {table} DEFAULT VALUES");
            let mut stmt = ledger.conn.prepare(&sql).unwrap();
            let opcodes: Vec<String> = stmt
                .query_map([], |row| row.get(1))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // An IN list of three or more words in a CHECK builds one.
            assert!(
                !opcodes.iter().any(|op| op == "OpenEphemeral"),
                "{table}: {opcodes:?}"
            );
        }
    }
}
