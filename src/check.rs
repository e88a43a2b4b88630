//! The `check` stage: the corroboration pass over the ledger, its automatic
//! links, suggestions and verdicts stored in one transaction.

use std::sync::mpsc;

use crate::corroborate::{self, PassInput};
use crate::error::{Error, Result};
use crate::model::{ClaimLink, Cluster, Suggestion};
use crate::store::Ledger;

/// What a check stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckSummary {
    /// How many claims have each status, in [`crate::model::Status::ALL`] order.
    pub counts: [usize; 4],
    /// How many automatic links the pass made.
    pub auto_links: usize,
    /// How many pairs of claims it suggests may be one.
    pub suggestions: usize,
}

impl CheckSummary {
    /// How many claims got a verdict.
    pub fn claims(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// What the pass hands the writer.
enum Found {
    Links(Vec<ClaimLink>, Vec<Suggestion>),
    Verdicts(Vec<Cluster>),
    /// The pass is done, with this many automatic links.
    Done(usize),
}

/// Runs the corroboration pass and stores its automatic links and a verdict
/// for every claim, in one transaction.
pub fn check(ledger: &mut Ledger) -> Result<CheckSummary> {
    let tx = ledger.begin_check()?;
    let input = tx.pass_input()?;
    // The pass runs beside the writer, which stores its automatic links and
    // verdicts as they come, then commits while the pass thread frees the
    // input.
    std::thread::scope(move |scope| {
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
        let counts = verdicts.finish(auto_links)?;
        tx.commit()?;
        Ok(CheckSummary {
            counts,
            auto_links,
            suggestions: suggested,
        })
    })
}
