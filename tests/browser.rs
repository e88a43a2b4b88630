//! exports/report.html in a real browser: headless Chromium (Debian's
//! `chromium` package, which .ci/run installs) opens the committed page from
//! disk, and the test drives it over the DevTools protocol on a pipe (no
//! network, no driver, no extra crate): the page logs no error (a script
//! error or a blocked inline script or style would), a status filter hides
//! the other cards, the search finds a card by its words, and a link to a
//! claim shows its card. It saves a screenshot for the README:
//!
//!     UPDATE_SCREENSHOT=1 cargo test --test browser
//!
//! writes docs/report.png. Without Chromium the test says so and passes,
//! except in CI (`CI` set), where it fails.
//!
//! `REPORT=page.html cargo test --test browser -- --ignored --nocapture`
//! prints when a page first paints, for the README's figures.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Chromium's binary, if installed.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// A pipe: (read end, write end).
fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe fills in two new descriptors, which we then own.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors were just opened and belong to no one else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

/// A headless browser driven over `--remote-debugging-pipe`: commands go
/// to its descriptor 3, answers and events come from its descriptor 4, each
/// message JSON ended by a NUL byte.
struct Browser {
    child: Child,
    commands: std::fs::File,
    messages: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Events received while waiting for answers.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (to_browser, commands) = pipe();
        let (from_browser, browser_writes) = pipe();
        let (read_fd, write_fd) = (to_browser.as_raw_fd(), browser_writes.as_raw_fd());
        let mut cmd = Command::new(binary);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
            "--disable-extensions",
            "--disable-background-networking",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(read_fd, 3) < 0 || libc::dup2(write_fd, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start chromium");
        drop(to_browser);
        drop(browser_writes);
        let (send, messages) = channel();
        let reader = std::fs::File::from(from_browser);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(value) = serde_json::from_slice(&message) {
                    if send.send(value).is_err() {
                        return;
                    }
                }
                message.clear();
            }
        });
        Browser {
            child,
            commands: std::fs::File::from(commands),
            messages,
            next_id: 0,
            session: None,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// Sends a command (to the page once attached) and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// Waits for an event of the page named `method`.
    fn wait_for(&mut self, method: &str) -> Value {
        if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
            return self.events.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {method}"));
            if message["method"] == method {
                return message;
            }
            self.events.push(message);
        }
    }

    /// Opens `page` in a new tab, attached, with its console and log on.
    fn open(&mut self, page: &Path, width: u32, height: u32) {
        let target = self.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = attached["sessionId"].as_str().map(str::to_string);
        for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
            self.call(domain, json!({}));
        }
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        let url = format!("file://{}", page.canonicalize().unwrap().display());
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for("Page.loadEventFired");
    }

    /// Waits until `expression` is true in the page (a busy machine may
    /// take a while), failing after ten seconds.
    fn wait_until(&mut self, expression: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.eval(expression) != json!(true) {
            assert!(Instant::now() < deadline, "never true: {expression}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Evaluates `expression` in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// The errors the page reported: console errors, uncaught exceptions,
    /// and log entries (where Chromium reports a blocked script or style).
    fn errors(&mut self) -> Vec<String> {
        while let Ok(message) = self.messages.try_recv() {
            self.events.push(message);
        }
        self.events
            .iter()
            .filter_map(|e| match e["method"].as_str()? {
                "Runtime.exceptionThrown" => Some(e["params"].to_string()),
                "Runtime.consoleAPICalled"
                    if matches!(e["params"]["type"].as_str(), Some("error" | "assert")) =>
                {
                    Some(e["params"].to_string())
                }
                "Log.entryAdded" if e["params"]["entry"]["level"] == "error" => {
                    Some(e["params"]["entry"].to_string())
                }
                _ => None,
            })
            .collect()
    }

    /// A PNG of what the page shows.
    fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        base64_decode(shot["data"].as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(chunk.len() - 1)
        })
        .collect()
}

/// The browser, or `None` (after saying why) where it is not installed.
fn browser() -> Option<Browser> {
    match chromium() {
        Some(binary) => Some(Browser::start(&binary)),
        None if std::env::var_os("CI").is_some() => {
            panic!("chromium is not installed; .ci/run installs it")
        }
        None => {
            eprintln!("chromium is not installed: the browser test is skipped");
            None
        }
    }
}

/// A screenshot of the tolls of the real Beirut coverage in
/// tests/realcorpus, which the seeds do not have.
fn tolls_screenshot() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_claimledger"))
            .arg("--db")
            .arg(dir.path().join("l.db"))
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
    };
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    run(&["init"]);
    run(&["ingest", articles.to_str().unwrap()]);
    run(&["check"]);
    let page = dir.path().join("r.html");
    run(&["report", "--format", "html", "-o", page.to_str().unwrap()]);
    let mut browser = browser().unwrap();
    browser.open(&page, 1000, 1100);
    browser.eval("document.getElementById('tolls').scrollIntoView()");
    browser.screenshot()
}

/// The statuses of the cards shown.
const SHOWN: &str =
    "[...document.querySelectorAll('article.claim')].filter(c => !c.hidden).map(c => c.dataset.status)";

#[test]
fn the_committed_report_works_in_a_browser() {
    let Some(mut browser) = browser() else {
        return;
    };
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/report.html");
    browser.open(&page, 1200, 1500);
    let all = browser.eval(SHOWN);
    let all = all.as_array().unwrap().len();
    assert!(all > 10, "{all} cards shown");
    assert_eq!(
        browser.eval("document.getElementById('shown').textContent"),
        json!(format!("Showing 1–{all} of {all} propositions"))
    );
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let png = browser.screenshot();
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("report.png"), png).unwrap();
        std::fs::write(docs.join("report-tolls.png"), tolls_screenshot()).unwrap();
    }

    // The status filter, as a person picks it: only single-source cards stay.
    let single = browser.eval(&format!(
        "(() => {{ const s = document.getElementById('status'); s.value = 'single-source';
            s.dispatchEvent(new Event('change')); return {SHOWN}; }})()"
    ));
    let single = single.as_array().unwrap();
    assert!(!single.is_empty() && single.len() < all, "{single:?}");
    assert!(single.iter().all(|s| s == "single-source"), "{single:?}");
    // A click on the summary bar's corroborated count.
    let corroborated = browser.eval(&format!(
        "(() => {{ document.querySelector('.summary button[data-status=corroborated]').click();
            return {SHOWN}; }})()"
    ));
    let corroborated = corroborated.as_array().unwrap();
    assert!(!corroborated.is_empty());
    assert!(corroborated.iter().all(|s| s == "corroborated"));
    assert_eq!(corroborated.len() + single.len(), all);

    // The search, typed: the peacekeepers' card alone.
    browser.eval("document.getElementById('clear').click(); document.getElementById('q').focus()");
    browser.call("Input.insertText", json!({ "text": "peacekeepers" }));
    // The search runs a moment after the typing stops.
    browser.wait_until(&format!("{SHOWN}.length < {all}"));
    let found = browser.eval(
        "[...document.querySelectorAll('article.claim')].filter(c => !c.hidden).map(c => c.id)",
    );
    assert_eq!(found, json!(["c14"]), "{found}");

    // A link to another wording of a claim shows the card that holds it.
    let shown = browser.eval(
        "(() => { document.getElementById('status').value = 'single-source';
            document.getElementById('status').dispatchEvent(new Event('change'));
            location.hash = '#c17';
            return new Promise(r => setTimeout(() =>
              r(!document.getElementById('c17').closest('article').hidden), 200)); })()",
    );
    assert_eq!(shown, json!(true));

    let errors = browser.errors();
    assert!(errors.is_empty(), "the page reported errors: {errors:#?}");
}

#[test]
fn a_shared_link_opens_the_page_filtered() {
    let Some(mut browser) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/report.html"),
        &page,
    )
    .unwrap();
    let url = format!(
        "file://{}#status=single-source&outlet=moscow",
        page.canonicalize().unwrap().display()
    );
    browser.open(&page, 1000, 800);
    browser.call("Page.navigate", json!({ "url": url }));
    // The script filters on the hash change, in the task that sets the
    // fields: once the status field reads the link's, the cards are shown.
    browser.wait_until("document.getElementById('status').value === 'single-source'");
    let shown = browser.eval(
        "[...document.querySelectorAll('article.claim')].filter(c => !c.hidden)
            .map(c => c.dataset.status + ' ' + c.dataset.outlets)",
    );
    let shown = shown.as_array().unwrap();
    assert!(!shown.is_empty());
    for card in shown {
        let card = card.as_str().unwrap();
        assert!(
            card.starts_with("single-source ") && card.contains("The Moscow Times"),
            "{card}"
        );
    }
    assert!(browser.errors().is_empty());
}

#[test]
fn the_pages_policy_blocks_a_script_it_does_not_name() {
    let Some(mut browser) = browser() else {
        return;
    };
    // As if an escape had been missed: markup that would run, put into
    // the page by hand. The Content-Security-Policy blocks it, and the
    // browser reports that, which is how the tests above would see it.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let html = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/report.html"),
    )
    .unwrap()
    .replace(
        "</footer>",
        "</footer><script>document.title = 'ran'</script><img src=x onerror=\"document.title = 'ran'\">",
    );
    std::fs::write(&page, html).unwrap();
    browser.open(&page, 800, 600);
    assert_eq!(browser.eval("document.title"), json!("Verification report"));
    let errors = browser.errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "{errors:#?}"
    );
}

/// When a page first paints, and how long until its script has paged it.
#[test]
#[ignore]
fn paint_timings() {
    let Some(mut browser) = browser() else {
        return;
    };
    let page = std::env::var_os("REPORT").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("exports/report.html"),
        PathBuf::from,
    );
    let started = Instant::now();
    browser.open(&page, 1200, 900);
    let loaded = started.elapsed();
    let timings = browser.eval(
        "(() => { const t = {}; performance.getEntriesByType('paint')
            .forEach(e => t[e.name] = Math.round(e.startTime));
          const n = performance.getEntriesByType('navigation')[0];
          t.domContentLoaded = Math.round(n.domContentLoadedEventEnd);
          t.load = Math.round(n.loadEventEnd);
          t.cards = document.querySelectorAll('article.claim').length; return t; })()",
    );
    let size = std::fs::metadata(&page).unwrap().len();
    println!(
        "{}: {size} bytes; {timings}; navigation to load event {:.2} s",
        page.display(),
        loaded.as_secs_f64()
    );
    assert!(browser.errors().is_empty());
}
