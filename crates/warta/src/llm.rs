//! The client of `warta brief --llm` and `warta bench brief --llm`: one chat-completion
//! request per brief to an OpenAI-compatible endpoint the user runs or trusts
//! (llama.cpp server, Ollama, vLLM, LM Studio, or a hosted API). Blocking on purpose:
//! a brief is one request, so an async runtime would only add weight. Every failure
//! becomes an [`LlmError`] that says what to do next; the caller prints the extractive
//! brief either way.

use std::fmt;
use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use serde_json::{json, Value};
use warta_model::{Analysis, Article};
use warta_report::abstractive::{self, Abstractive, Prompt};
use warta_report::Brief;

/// Environment variable holding the bearer token. Only from the environment, never a
/// flag, so the key stays out of shell history and process listings.
const API_KEY_VAR: &str = "WARTA_LLM_API_KEY";

/// Longest piece of an error response quoted back to the user.
const SNIPPET: usize = 300;
/// Largest answer read. A five-sentence brief is a few kilobytes; a server sending
/// megabytes is answering something else.
const MAX_ANSWER_BYTES: u64 = 1 << 20;

/// The flags of the optional language-model summary (`warta brief`, `warta bench brief`).
#[derive(Args)]
pub struct LlmArgs {
    /// Add an abstractive summary written by a language model, checked against the
    /// sources it cites. Needs --llm-url and --llm-model (or their variables); a bearer
    /// token, if the server wants one, is read from WARTA_LLM_API_KEY.
    #[arg(long)]
    llm: bool,
    /// Base URL of an OpenAI-compatible API; warta POSTs to URL/chat/completions.
    /// Ollama: http://localhost:11434/v1, llama.cpp server: http://localhost:8080/v1,
    /// vLLM: http://localhost:8000/v1.
    #[arg(long, env = "WARTA_LLM_URL", value_name = "URL")]
    llm_url: Option<String>,
    /// Model name as the server knows it (`curl URL/models` lists them).
    #[arg(long, env = "WARTA_LLM_MODEL", value_name = "NAME")]
    llm_model: Option<String>,
    /// Seconds to wait for the whole answer; local models on a CPU can be slow.
    #[arg(long, env = "WARTA_LLM_TIMEOUT", value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    llm_timeout: u64,
    /// Keep the generated sentences their cited sources do not support, marked with the
    /// reason, instead of dropping them.
    #[arg(long, requires = "llm")]
    llm_keep_unsupported: bool,
}

impl LlmArgs {
    /// The settings to use, or `None` when no summary was asked for.
    pub fn options(self) -> Option<LlmOptions> {
        self.llm.then(|| LlmOptions {
            url: self.llm_url,
            model: self.llm_model,
            timeout: Duration::from_secs(self.llm_timeout),
            keep_unsupported: self.llm_keep_unsupported,
        })
    }
}

/// What the user configured, before it is checked.
pub struct LlmOptions {
    url: Option<String>,
    model: Option<String>,
    timeout: Duration,
    keep_unsupported: bool,
}

/// A checked endpoint configuration.
struct Endpoint {
    /// `{base}/chat/completions`.
    chat_url: String,
    model: String,
    api_key: Option<String>,
    timeout: Duration,
}

impl Endpoint {
    /// The endpoint `options` name. A base URL (`http://localhost:11434/v1`) gets
    /// `/chat/completions` appended; a URL that already ends in it is used as it is.
    fn new(options: &LlmOptions) -> Result<Endpoint, LlmError> {
        let base = options.url.as_deref().map(str::trim).filter(|u| !u.is_empty()).ok_or(LlmError::NoUrl)?;
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(LlmError::BadUrl(base.to_string()));
        }
        let model = options.model.as_deref().map(str::trim).filter(|m| !m.is_empty()).ok_or(LlmError::NoModel)?;
        let base = base.trim_end_matches('/');
        let chat_url = if base.ends_with("/chat/completions") { base.to_string() } else { format!("{base}/chat/completions") };
        let api_key = std::env::var(API_KEY_VAR).ok().map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
        Ok(Endpoint { chat_url, model: model.to_string(), api_key, timeout: options.timeout })
    }
}

/// Why no answer could be had, worded for the person at the terminal.
#[derive(Debug)]
enum LlmError {
    NoUrl,
    NoModel,
    BadUrl(String),
    Unreachable { url: String, detail: String },
    Timeout { url: String, seconds: u64 },
    Status { url: String, code: u16, body: String },
    NotJson { url: String, detail: String, body: String },
    NoAnswer { url: String },
}

impl fmt::Display for LlmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LlmError::NoUrl => write!(
                f,
                "no LLM endpoint configured: pass --llm-url URL or set WARTA_LLM_URL to an OpenAI-compatible base URL \
                 (Ollama http://localhost:11434/v1, llama.cpp server http://localhost:8080/v1, vLLM http://localhost:8000/v1)"
            ),
            LlmError::NoModel => write!(
                f,
                "no model named: pass --llm-model NAME or set WARTA_LLM_MODEL (the server lists its models at URL/models, \
                 e.g. `curl http://localhost:11434/v1/models`)"
            ),
            LlmError::BadUrl(url) => write!(f, "{url:?} is not an http:// or https:// URL: pass the endpoint's base URL, e.g. http://localhost:11434/v1"),
            LlmError::Unreachable { url, detail } => write!(
                f,
                "cannot reach the LLM server at {url} ({detail}): is it running and listening there? \
                 (e.g. `ollama serve`, `llama-server -m model.gguf --port 8080`, `vllm serve MODEL`)"
            ),
            LlmError::Timeout { url, seconds } => write!(
                f,
                "no answer from {url} within {seconds} s: allow more time with --llm-timeout SECONDS, or use a smaller model"
            ),
            LlmError::Status { url, code, body } => {
                let hint = match code {
                    401 | 403 => format!("the server refused the request: set {API_KEY_VAR} to a key it accepts"),
                    404 => "check the URL (the base usually ends in /v1) and that the server has the model named by --llm-model".into(),
                    400 | 422 => "the server rejected the request: check the model name (--llm-model) and the server's log".into(),
                    _ => "check the server's log".into(),
                };
                write!(f, "the LLM server at {url} answered HTTP {code}: {hint}")?;
                if !body.is_empty() {
                    write!(f, " (it said: {body})")?;
                }
                Ok(())
            }
            LlmError::NotJson { url, detail, body } => {
                write!(f, "the answer from {url} is not an OpenAI chat completion ({detail}): is --llm-url an OpenAI-compatible endpoint?")?;
                if !body.is_empty() {
                    write!(f, " (the answer began: {body})")?;
                }
                Ok(())
            }
            LlmError::NoAnswer { url } => {
                write!(f, "the LLM server at {url} returned a completion with no text: try again, or another model")
            }
        }
    }
}

/// Asks the configured model for a summary of the brief's evidence and checks it. Never
/// fails: a model that cannot be asked gives an [`Abstractive`] with the error, so the
/// caller still has the extractive brief to show.
pub fn summarise(brief: &Brief, members: &[(Article, Analysis)], options: &LlmOptions) -> Abstractive {
    let evidence = abstractive::evidence(brief, members);
    let model = options.model.clone().unwrap_or_default();
    if evidence.is_empty() {
        return Abstractive::failed(&model, 0, "the event has no source sentences to summarise".into());
    }
    let endpoint = match Endpoint::new(options) {
        Ok(endpoint) => endpoint,
        Err(e) => return Abstractive::failed(&model, evidence.len(), e.to_string()),
    };
    let prompt = abstractive::prompt(brief, &evidence, &abstractive::brief_language(members));
    if std::io::stderr().is_terminal() {
        eprintln!("warta: asking {} at {} (up to {} s)…", endpoint.model, endpoint.chat_url, options.timeout.as_secs());
    }
    match complete(&endpoint, &prompt) {
        Ok(answer) => abstractive::check_generated(&endpoint.model, &answer, &evidence, members, options.keep_unsupported),
        Err(e) => Abstractive::failed(&endpoint.model, evidence.len(), e.to_string()),
    }
}

/// The request body: the two prompt messages, and a temperature of 0 so the same
/// evidence gives the same brief as far as the server allows.
fn request_body(model: &str, prompt: &Prompt) -> Value {
    json!({
        "model": model,
        "messages": [
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": prompt.user},
        ],
        "temperature": 0,
        "stream": false,
    })
}

/// Sends the prompt and returns the text of the first choice.
fn complete(endpoint: &Endpoint, prompt: &Prompt) -> Result<String, LlmError> {
    let url = endpoint.chat_url.clone();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(endpoint.timeout))
        // Error statuses are read like any answer, so their body can be shown.
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.post(&url).header("Content-Type", "application/json");
    if let Some(key) = &endpoint.api_key {
        request = request.header("Authorization", format!("Bearer {key}"));
    }
    let body = request_body(&endpoint.model, prompt).to_string();
    let mut response = request.send(body.as_str()).map_err(|e| transport_error(&url, endpoint.timeout, e))?;
    let status = response.status().as_u16();
    let text = response.body_mut().with_config().limit(MAX_ANSWER_BYTES).read_to_string().map_err(|e| transport_error(&url, endpoint.timeout, e))?;
    if !(200..300).contains(&status) {
        return Err(LlmError::Status { url, code: status, body: snippet(&text) });
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| LlmError::NotJson { url: url.clone(), detail: e.to_string(), body: snippet(&text) })?;
    let content = value
        .pointer("/choices/0/message/content")
        .and_then(Value::as_str)
        .ok_or_else(|| LlmError::NotJson { url: url.clone(), detail: "no choices[0].message.content".into(), body: snippet(&text) })?;
    let answer = without_reasoning(content).trim().to_string();
    if answer.is_empty() {
        return Err(LlmError::NoAnswer { url });
    }
    Ok(answer)
}

fn transport_error(url: &str, timeout: Duration, e: ureq::Error) -> LlmError {
    match e {
        ureq::Error::Timeout(_) => LlmError::Timeout { url: url.to_string(), seconds: timeout.as_secs() },
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => LlmError::Timeout { url: url.to_string(), seconds: timeout.as_secs() },
        ureq::Error::BadUri(_) => LlmError::BadUrl(url.to_string()),
        ureq::Error::BodyExceedsLimit(limit) => {
            LlmError::NotJson { url: url.to_string(), detail: format!("the answer is over {limit} bytes"), body: String::new() }
        }
        other => LlmError::Unreachable { url: url.to_string(), detail: other.to_string() },
    }
}

/// Reasoning models served through Ollama or llama.cpp (DeepSeek-R1, Qwen3) put their
/// thinking in `<think>…</think>` before the answer; it is not part of the brief.
fn without_reasoning(content: &str) -> &str {
    match content.find("</think>") {
        Some(end) if content.trim_start().starts_with("<think>") => &content[end + "</think>".len()..],
        _ => content,
    }
}

/// The start of a server's answer on one line, for an error message.
fn snippet(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(SNIPPET) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(url: Option<&str>, model: Option<&str>) -> LlmOptions {
        LlmOptions { url: url.map(String::from), model: model.map(String::from), timeout: Duration::from_secs(5), keep_unsupported: false }
    }

    #[test]
    fn base_urls_get_the_chat_path_once() {
        for (given, wanted) in [
            ("http://localhost:11434/v1", "http://localhost:11434/v1/chat/completions"),
            ("http://localhost:8080/v1/", "http://localhost:8080/v1/chat/completions"),
            ("https://llm.example/v1/chat/completions", "https://llm.example/v1/chat/completions"),
        ] {
            let endpoint = Endpoint::new(&options(Some(given), Some("m"))).unwrap();
            assert_eq!(endpoint.chat_url, wanted);
        }
    }

    #[test]
    fn missing_or_bad_settings_say_what_to_set() {
        assert!(matches!(Endpoint::new(&options(None, Some("m"))), Err(LlmError::NoUrl)));
        assert!(matches!(Endpoint::new(&options(Some("  "), Some("m"))), Err(LlmError::NoUrl)));
        assert!(matches!(Endpoint::new(&options(Some("localhost:8080"), Some("m"))), Err(LlmError::BadUrl(_))));
        assert!(matches!(Endpoint::new(&options(Some("http://x/v1"), None)), Err(LlmError::NoModel)));
        assert!(LlmError::NoUrl.to_string().contains("WARTA_LLM_URL"));
        assert!(LlmError::NoModel.to_string().contains("--llm-model"));
    }

    #[test]
    fn reasoning_is_not_part_of_the_answer() {
        assert_eq!(without_reasoning("<think>hmm [9]</think>\nKapal terbakar [1]."), "\nKapal terbakar [1].");
        assert_eq!(without_reasoning("Kapal terbakar [1]."), "Kapal terbakar [1].");
    }

    #[test]
    fn snippets_are_short_and_on_one_line() {
        let long = "x ".repeat(1000);
        let s = snippet(&long);
        assert!(s.chars().count() <= SNIPPET + 1 && s.ends_with('…'));
        assert_eq!(snippet("a\n  b"), "a b");
    }
}
