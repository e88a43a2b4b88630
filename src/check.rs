//! The `check` stage: the corroboration pass over the ledger, its automatic
//! links, suggestions and verdicts stored in one transaction.

use std::sync::{mpsc, OnceLock};

use crate::corroborate::{self, PassInput};
use crate::error::{Error, Result};
use crate::model::{ClaimLink, Cluster, Suggestion};
pub use crate::store::CheckSummary;
use crate::store::Ledger;

/// What the pass hands the writer.
enum Found {
    Links(Vec<ClaimLink>, Vec<Suggestion>),
    Verdicts(Vec<Cluster>),
    /// The pass is done, with this many automatic links.
    Done(usize),
}

/// When a check judges the claims again (it judges all of them or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejudge {
    /// Unless nothing changed since the last check by this build: then
    /// its verdicts stand.
    IfChanged,
    /// Whatever changed (`check --full`).
    Always,
}

/// Runs the corroboration pass and stores its automatic links and a verdict
/// for every claim, in one transaction.
pub fn check(ledger: &mut Ledger, rejudge: Rejudge) -> Result<CheckSummary> {
    check_as(ledger, rejudge, build)
}

/// This build of claimledger, as a check's event records it: its version
/// and the SHA-256 of its program file, so that another build, whose pass
/// may judge otherwise, judges again what this one judged. The file is
/// read through /proc/self/exe where there is one: the running program,
/// even when its path has since been given to a new build. None when it
/// cannot be read; then every check judges.
fn build() -> Option<String> {
    use sha2::{Digest, Sha256};
    let program = std::fs::File::open("/proc/self/exe")
        .or_else(|_| std::fs::File::open(std::env::current_exe()?))
        .ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(
        &mut std::io::BufReader::with_capacity(1 << 20, program),
        &mut hasher,
    )
    .ok()?;
    Some(format!(
        "claimledger {}, program sha256 {}",
        env!("CARGO_PKG_VERSION"),
        crate::store::hex(&hasher.finalize()[..8])
    ))
}

/// [`check`] by the pass that `build` names. Naming it hashes the program,
/// which takes as long as a small ledger's whole pass, so it is done only
/// when the newest event is a check, and otherwise beside the pass.
fn check_as(
    ledger: &mut Ledger,
    rejudge: Rejudge,
    build: impl Fn() -> Option<String> + Sync,
) -> Result<CheckSummary> {
    let known = OnceLock::new();
    let build = || known.get_or_init(&build).as_deref();
    let tx = ledger.begin_check()?;
    if rejudge == Rejudge::IfChanged {
        // Read under the write lock, so nobody changes the ledger between
        // this and the end of the check; the transaction writes nothing.
        if let Some(last) = tx.unchanged_check(build)? {
            return Ok(last);
        }
    }
    std::thread::scope(move |scope| {
        // Known by the time the verdicts are stored, which wait for it;
        // with no thread to spare, they find it out themselves.
        let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
            build();
        });
        let input = tx.pass_input()?;
        // The pass runs beside the writer, which stores its automatic links
        // and verdicts as they come, then commits while the pass thread
        // frees the input.
        let mut verdicts = tx.verdict_writer();
        // Room for a few blocks only: a pass that got ahead of the writer
        // would leave it all the writing to do after the judging.
        let (send, found) = mpsc::sync_channel(4);
        // The input goes to the pass thread once that runs.
        let (give, take) = mpsc::channel::<PassInput>();
        let pass = std::thread::Builder::new().spawn_scoped(scope, move || {
            let Ok(input) = take.recv() else { return };
            let (send_links, send_verdicts) = (send.clone(), send.clone());
            let links = corroborate::run_with(
                &input,
                move |links, suggestions| {
                    // A send fails only when the writer has stopped on an error.
                    let _ = send_links.send(Found::Links(links, suggestions));
                },
                // Fails when the writer has stopped on an error: the pass
                // stops too, instead of judging the rest for nobody.
                move |block| send_verdicts.send(Found::Verdicts(block)).is_ok(),
            );
            let _ = send.send(Found::Done(links));
            // Millions of small strings: freed here, while the writer commits.
            drop(input);
        });
        let mut suggested = 0;
        let auto_links = match pass {
            Err(_) => {
                // No thread to spare (a process limit): one after the other.
                let output = corroborate::run(&input);
                let auto_links = output.auto_links.len();
                tx.save_auto_links(output.auto_links)?;
                tx.save_suggestions(&output.suggestions)?;
                suggested = output.suggestions.len();
                verdicts.write(output.verdicts)?;
                auto_links
            }
            Ok(pass) => {
                // The pass thread is waiting for it.
                let _ = give.send(input);
                let mut done = None;
                for found in &found {
                    match found {
                        Found::Links(links, suggestions) => {
                            tx.save_auto_links(links)?;
                            tx.save_suggestions(&suggestions)?;
                            suggested = suggestions.len();
                        }
                        Found::Verdicts(block) => verdicts.write(block)?,
                        Found::Done(links) => {
                            done = Some(links);
                            break;
                        }
                    }
                }
                match done {
                    Some(links) => links,
                    // The pass stopped without saying it was done: it panicked.
                    None => match pass.join() {
                        Err(panic) => std::panic::resume_unwind(panic),
                        Ok(()) => return Err(Error::PassStopped),
                    },
                }
            }
        };
        let counts = verdicts.finish(auto_links, suggested, build())?;
        tx.commit()?;
        Ok(CheckSummary {
            unchanged_since: None,
            counts,
            auto_links,
            suggestions: suggested,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    /// A ledger of two outlets' own reports of one figure.
    fn ledger() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().unwrap();
        let (mut ledger, _) = Ledger::init(&dir.path().join("l.db")).unwrap();
        let a = "outlet: Alpha News\n\nSome 2,000 Russian peacekeepers were deployed \
                 to the region on Tuesday.\n";
        let b = "outlet: Beta Times\n\nMoscow said on Wednesday that some 2,000 Russian \
                 peacekeepers were deployed along the line.\n";
        crate::ingest::ingest_texts(&mut ledger, &[("a.txt", a), ("b.txt", b)], true).unwrap();
        (dir, ledger)
    }

    fn build_1() -> Option<String> {
        Some("build 1".into())
    }

    #[test]
    fn a_check_with_nothing_changed_by_the_same_build_keeps_the_last_verdicts() {
        let (_dir, mut ledger) = ledger();
        let first = check_as(&mut ledger, Rejudge::IfChanged, build_1).unwrap();
        assert_eq!(first.unchanged_since, None);
        assert_eq!(first.counts[Status::Corroborated.index()], 1);

        let again = check_as(&mut ledger, Rejudge::IfChanged, build_1).unwrap();
        assert!(again.unchanged_since.is_some());
        assert_eq!(
            CheckSummary {
                unchanged_since: None,
                ..again
            },
            first
        );
    }

    #[test]
    fn a_change_a_new_build_or_full_judges_again() {
        let (_dir, mut ledger) = ledger();
        let judged = |ledger: &mut Ledger, rejudge, build: Option<&str>| {
            let build = move || build.map(String::from);
            let checked = check_as(ledger, rejudge, build).unwrap();
            checked.unchanged_since.is_none()
        };
        assert!(judged(&mut ledger, Rejudge::IfChanged, Some("build 1")));
        // Another build of the pass may judge otherwise.
        assert!(judged(&mut ledger, Rejudge::IfChanged, Some("build 2")));
        assert!(!judged(&mut ledger, Rejudge::IfChanged, Some("build 2")));
        assert!(judged(&mut ledger, Rejudge::Always, Some("build 2")));
        // A build that cannot say which it is always judges.
        assert!(judged(&mut ledger, Rejudge::IfChanged, None));
        assert!(judged(&mut ledger, Rejudge::IfChanged, None));
        assert!(judged(&mut ledger, Rejudge::IfChanged, Some("build 2")));
        // Any change the pass reads: here a retraction of the one claim,
        // which both articles carry.
        let tx = ledger.begin().unwrap();
        tx.retract_claim(1, "test").unwrap();
        tx.commit().unwrap();
        let checked = check_as(&mut ledger, Rejudge::IfChanged, || Some("build 2".into())).unwrap();
        assert_eq!(checked.unchanged_since, None);
        assert_eq!(checked.claims(), 0);
    }

    #[test]
    fn a_check_finds_out_its_build_once_and_only_when_it_stores_or_compares_it() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (_dir, mut ledger) = ledger();
        let asked = AtomicUsize::new(0);
        let build = || {
            asked.fetch_add(1, Ordering::Relaxed);
            build_1()
        };
        // Judged: the newest event is the ingest's, so only the check's
        // own event needs the build.
        check_as(&mut ledger, Rejudge::IfChanged, build).unwrap();
        assert_eq!(asked.swap(0, Ordering::Relaxed), 1);
        // Compared with the last check's, and not asked again.
        let again = check_as(&mut ledger, Rejudge::IfChanged, build).unwrap();
        assert!(again.unchanged_since.is_some());
        assert_eq!(asked.swap(0, Ordering::Relaxed), 1);
        check_as(&mut ledger, Rejudge::Always, build).unwrap();
        assert_eq!(asked.swap(0, Ordering::Relaxed), 1);
    }
}
