//! `warta brief --llm` against a fake OpenAI-compatible server started in the test: what
//! the request carries, which generated sentences survive the check, and how every kind
//! of endpoint failure still leaves the reader the extractive brief.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};

/// One request as the fake server saw it.
#[derive(Clone, Debug)]
struct Seen {
    request_line: String,
    /// Header lines, names lower-cased.
    headers: Vec<(String, String)>,
    body: Value,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The user message: the prompt with the numbered evidence.
    fn prompt(&self) -> &str {
        self.body["messages"][1]["content"].as_str().unwrap_or_default()
    }
}

/// How the fake server answers a request: status and body.
type Answer = fn(&Seen) -> (u16, String);

/// A server on 127.0.0.1 answering every connection with `answer`, recording requests.
struct FakeServer {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeServer {
    fn start(answer: Answer) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let url = format!("http://{}/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(request) = read_request(&stream) {
                    let (status, body) = answer(&request);
                    record.lock().unwrap().push(request);
                    let mut stream = stream;
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
            }
        });
        FakeServer { url, seen }
    }

    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_lowercase(), value.trim().to_string()));
    }
    let length: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen { request_line: request_line.trim_end().to_string(), headers, body: serde_json::from_slice(&body).unwrap_or(Value::Null) })
}

/// The numbered source sentences of a prompt, `[3] (Outlet a1b2…; Outlet c3d4…) text`:
/// (marker, article id prefixes, text).
fn evidence_lines(prompt: &str) -> Vec<(usize, Vec<String>, String)> {
    prompt
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix('[')?;
            let (marker, rest) = rest.split_once("] (")?;
            let (sources, text) = rest.split_once(") ")?;
            let articles = sources.split("; ").filter_map(|s| s.rsplit(' ').next()).map(String::from).collect();
            Some((marker.parse().ok()?, articles, text.to_string()))
        })
        .collect()
}

fn completion(content: &str) -> String {
    json!({"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}).to_string()
}

/// A model that restates source [1] faithfully, changes a number of another source,
/// and cites a source that does not exist.
fn mixed_answer(request: &Seen) -> (u16, String) {
    let evidence = evidence_lines(request.prompt());
    let Some((_, _, first)) = evidence.first() else { return (200, completion("Tidak ada sumber.")) };
    let mut content = format!("{} [1].", first.trim_end_matches('.'));
    let numbered = evidence.iter().find(|(_, _, t)| t.contains(|c: char| c.is_ascii_digit()) && !t.contains('"') && !t.contains('“'));
    if let Some((marker, _, text)) = numbered {
        let digits: String = text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        content.push_str(&format!(" {} [{marker}].", text.trim_end_matches('.').replacen(&digits, "98765", 1)));
    }
    content.push_str(&format!("\nKapal itu berlayar menuju pulau [{}].", evidence.len() + 50));
    (200, completion(&content))
}

fn fails_500(_: &Seen) -> (u16, String) {
    (500, r#"{"error": {"message": "model failed to load"}}"#.into())
}

fn answers_garbage(_: &Seen) -> (u16, String) {
    (200, "<html>not an API</html>".into())
}

fn too_slow(_: &Seen) -> (u16, String) {
    thread::sleep(Duration::from_secs(4));
    (200, completion("late"))
}

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A database holding the example corpus.
    fn with_examples() -> Workspace {
        let ws = Workspace { dir: tempfile::tempdir().expect("temp dir") };
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let out = ws.warta(&["ingest", examples.to_str().unwrap()], &[]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        ws
    }

    /// Runs warta with only the given LLM variables set and no proxy, whatever the
    /// caller's environment holds.
    fn warta(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_warta"));
        command.arg("--db").arg(self.dir.path().join("warta.db")).args(args);
        // A proxy from the environment would stand between warta and the local server.
        for var in ["WARTA_LLM_URL", "WARTA_LLM_MODEL", "WARTA_LLM_API_KEY", "WARTA_LLM_TIMEOUT", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
            command.env_remove(var);
        }
        command.envs(env.iter().copied()).output().expect("run warta")
    }

    /// The event with the most articles: the ferry fire.
    fn biggest_event(&self) -> String {
        let out = self.warta(&["events", "--json"], &[]);
        let events: Value = serde_json::from_slice(&out.stdout).expect("events JSON");
        let events = events.as_array().cloned().unwrap_or_default();
        let biggest = events.iter().max_by_key(|e| e["articles"].as_array().map_or(0, Vec::len)).expect("an event");
        biggest["id"].as_str().unwrap().to_string()
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_model_is_asked_with_the_evidence_and_only_supported_sentences_are_kept() {
    let ws = Workspace::with_examples();
    let event = ws.biggest_event();
    let server = FakeServer::start(mixed_answer);
    let args = ["brief", event.as_str(), "--json", "--llm", "--llm-model", "test-model"];
    let out = ws.warta(&args, &[("WARTA_LLM_URL", &server.url), ("WARTA_LLM_API_KEY", "sk-secret-123")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("sk-secret-123") && !stderr(&out).contains("sk-secret-123"), "the key is never printed");

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert!(request.request_line.starts_with("POST /v1/chat/completions "), "{}", request.request_line);
    assert_eq!(request.header("authorization"), Some("Bearer sk-secret-123"));
    assert_eq!(request.body["model"], "test-model");
    assert_eq!(request.body["messages"][0]["role"], "system");
    let evidence = evidence_lines(request.prompt());
    assert!(evidence.len() >= 8, "{}", request.prompt());

    let brief: Value = serde_json::from_slice(&out.stdout).expect("brief JSON");
    for field in ["event", "summary", "timeline", "quotes", "conflicts", "single_source", "corroborated"] {
        assert!(brief.get(field).is_some(), "{field} missing: the contract is unchanged");
    }
    let a = &brief["abstractive"];
    assert_eq!(a["model"], "test-model");
    assert!(a["error"].is_null(), "{a}");
    let kept = a["sentences"].as_array().cloned().unwrap_or_default();
    assert_eq!(kept.len(), 1, "only the faithful sentence: {a}");
    assert_eq!(kept[0]["supported"], true);
    assert_eq!(kept[0]["markers"], json!([1]));
    let citations = kept[0]["citations"].as_array().cloned().unwrap_or_default();
    assert_eq!(citations.len(), evidence[0].1.len(), "every article carrying source [1]: {citations:?}");
    for (citation, prefix) in citations.iter().zip(&evidence[0].1) {
        assert!(citation["article"].as_str().unwrap().starts_with(prefix.as_str()), "{citation} cites source [1]");
        assert!(citation["span"]["end"].as_u64() > citation["span"]["start"].as_u64());
    }
    let dropped = a["dropped"].as_array().cloned().unwrap_or_default();
    let reasons: Vec<&str> = dropped.iter().filter_map(|d| d["reason"].as_str()).collect();
    assert_eq!(reasons.len(), 2, "{a}");
    assert!(reasons.iter().any(|r| r.contains("98765")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("not among the")), "{reasons:?}");

    // Marked instead of dropped, in Markdown and HTML.
    let out = ws.warta(&["brief", &event, "--llm", "--llm-keep-unsupported", "--llm-url", &server.url, "--llm-model", "test-model"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(markdown.contains("## Summary") && markdown.contains("## Abstractive summary"), "{markdown}");
    assert_eq!(markdown.matches("**Unsupported**").count(), 2, "{markdown}");
    let out = ws.warta(&["brief", &event, "--html", "--llm", "--llm-url", &server.url, "--llm-model", "test-model"], &[]);
    assert!(stdout(&out).contains("<h2>Abstractive summary</h2>"));
    assert_eq!(server.requests().len(), 3);
    assert!(server.requests()[1].header("authorization").is_none(), "no key set, no Authorization header");

    // Without --llm nothing is asked, even with the endpoint configured.
    let out = ws.warta(&["brief", &event, "--json"], &[("WARTA_LLM_URL", &server.url), ("WARTA_LLM_MODEL", "test-model")]);
    let plain: Value = serde_json::from_slice(&out.stdout).expect("brief JSON");
    assert!(plain.get("abstractive").is_none());
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn bench_brief_measures_the_models_summaries_over_every_event() {
    let ws = Workspace { dir: tempfile::tempdir().expect("temp dir") };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let server = FakeServer::start(mixed_answer);
    let args = ["bench", "brief", examples.to_str().unwrap(), "--json", "--llm", "--llm-model", "test-model", "--llm-url", server.url.as_str()];
    let out = ws.warta(&args, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("bench JSON");
    assert_eq!(report["support"], 1.0, "the extractive part is measured as before: {report}");
    let a = &report["abstractive"];
    let requests = a["requests"].as_u64().unwrap();
    assert_eq!(requests, report["events"].as_u64().unwrap(), "one request per brief: {a}");
    assert_eq!(requests, server.requests().len() as u64);
    assert_eq!(a["failed"], 0);
    assert_eq!(a["supported"].as_u64().unwrap(), requests, "each faithful restatement is supported: {a}");
    let dropped = a["dropped"].as_array().cloned().unwrap_or_default();
    assert!(dropped.len() as u64 >= requests, "each citation of a missing source is dropped: {a}");
    assert!(dropped.iter().all(|d| d["reason"].is_string() && d["text"].is_string()));

    // An endpoint that fails is counted and named, and the exit code says so.
    let failing = FakeServer::start(fails_500);
    let args = ["bench", "brief", examples.to_str().unwrap(), "--json", "--llm", "--llm-model", "m", "--llm-url", failing.url.as_str()];
    let out = ws.warta(&args, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("bench JSON");
    assert_eq!(report["abstractive"]["failed"], report["abstractive"]["requests"]);
    assert!(report["abstractive"]["errors"][0].as_str().unwrap().contains("HTTP 500"));
}

#[test]
fn when_the_model_cannot_be_asked_the_extractive_brief_still_prints() {
    let ws = Workspace::with_examples();
    let event = ws.biggest_event();
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/v1", listener.local_addr().unwrap())
    };
    let failing = FakeServer::start(fails_500);
    let garbage = FakeServer::start(answers_garbage);
    let slow = FakeServer::start(too_slow);
    let cases: [(Option<&str>, &[&str], &str); 5] = [
        (None, &[], "WARTA_LLM_URL"),
        (Some(&refused), &[], "cannot reach the LLM server"),
        (Some(&failing.url), &[], "HTTP 500"),
        (Some(&garbage.url), &[], "not an OpenAI chat completion"),
        (Some(&slow.url), &["--llm-timeout", "1"], "within 1 s"),
    ];
    for (url, extra, expected) in cases {
        let mut args = vec!["brief", event.as_str(), "--llm", "--llm-model", "m"];
        args.extend_from_slice(extra);
        let env: Vec<(&str, &str)> = url.map(|u| ("WARTA_LLM_URL", u)).into_iter().collect();
        let out = ws.warta(&args, &env);
        assert_eq!(out.status.code(), Some(1), "{expected}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{expected}: {}", stderr(&out));
        let markdown = stdout(&out);
        assert!(markdown.contains("## Summary") && markdown.contains("## Coverage"), "the whole extractive brief: {markdown}");
        assert!(markdown.contains("Not available:"), "{markdown}");
        let json_args: Vec<&str> = args.iter().copied().chain(["--json"]).collect();
        let out = ws.warta(&json_args, &env);
        let brief: Value = serde_json::from_slice(&out.stdout).expect("brief JSON");
        assert!(brief["abstractive"]["error"].as_str().is_some_and(|e| e.contains(expected)), "{expected}: {}", brief["abstractive"]);
        assert!(!brief["summary"].as_array().unwrap().is_empty());
    }
    assert!(failing.requests()[0].prompt().contains("[1] ("));
}
