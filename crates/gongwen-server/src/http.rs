//! Routes, limits, security headers and the access log.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::Semaphore;
use tokio::time::timeout_at;

use gongwen::RenderOptions;

use crate::{Config, Limits, api, assets};

/// What every handler shares: the configuration and the turns for conversions.
pub(crate) struct State {
    pub limits: Limits,
    pub render: Arc<RenderOptions>,
    pub turns: Arc<Semaphore>,
}

impl State {
    pub fn new(config: Config) -> State {
        let turns = Arc::new(Semaphore::new(config.limits.concurrency.max(1)));
        State { limits: config.limits, render: Arc::new(config.render), turns }
    }
}

/// The page's policy: scripts, styles and images from this origin only (previews are blob:
/// images), requests to this origin only, no framing, no plugins, no forms posted away.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub(crate) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/api/read", post(api::read))
        .route("/api/preview", post(api::preview))
        .route("/api/render", post(api::render))
        .fallback(|| async {
            Failure::new(StatusCode::NOT_FOUND, "没有这个地址", "no such address")
        })
        .layer(middleware::from_fn(frame))
        .with_state(state)
}

/// Adds the security headers to every answer and logs one line per request: method, path,
/// status, bytes in and out, milliseconds. Never a query string or any content.
async fn frame(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path: String = request.uri().path().chars().take(100).collect();
    let bytes_in = content_length(request.headers()).unwrap_or(0);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    let bytes_out = response.body().size_hint().exact().unwrap_or(0);
    eprintln!(
        "access method={method} path={path} status={} in={bytes_in} out={bytes_out} ms={:.1}",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// A request the server will not or cannot answer with a result: a status and a message
/// in Chinese and English, sent as `{"error": "…"}` for the page to show.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    pub fn new(status: StatusCode, chinese: &str, english: &str) -> Failure {
        Failure { status, message: format!("{chinese} / {english}") }
    }

    /// A request whose content is wrong: 400.
    pub fn bad(chinese: &str, english: impl std::fmt::Display) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, chinese, &english.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (self.status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body)
            .into_response()
    }
}

/// The time a request may take, from when its handler starts.
pub(crate) fn deadline(state: &State) -> tokio::time::Instant {
    tokio::time::Instant::now() + state.limits.timeout
}

/// Receives the whole body within the size and time limits: 413 for a body over the limit
/// (at once when its Content-Length says so), 408 for a client too slow to send it.
pub(crate) async fn receive(
    state: &State,
    request: Request,
    deadline: tokio::time::Instant,
) -> Result<Bytes, Failure> {
    let max = state.limits.max_body;
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("文件太大，最多 {} MB", max / (1024 * 1024)),
            &format!("the request is larger than {} MB", max / (1024 * 1024)),
        )
    };
    if content_length(request.headers()).is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let mut body: Body = request.into_body();
    let mut received = Vec::new();
    let read_all = async {
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame =
                frame.map_err(|_| Failure::bad("请求没有传完", "the request body was cut off"))?;
            if let Ok(data) = frame.into_data() {
                if received.len() + data.len() > max {
                    return Err(too_large());
                }
                received.extend_from_slice(&data);
            }
        }
        Ok(())
    };
    match timeout_at(deadline, read_all).await {
        Ok(result) => result.map(|()| Bytes::from(received)),
        Err(_) => Err(Failure::new(
            StatusCode::REQUEST_TIMEOUT,
            "请求传送太慢，已超时",
            "the request took too long to arrive",
        )),
    }
}

/// Runs `work` on a blocking thread once a turn is free, within the deadline: 503 when no
/// turn came or the work ran out of time. A timed-out conversion keeps its turn until it
/// ends, so that the number of conversions at once stays bounded.
pub(crate) async fn convert<T: Send + 'static>(
    state: &State,
    deadline: tokio::time::Instant,
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let busy = || {
        Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "服务器正忙，请稍后再试",
            "the server is busy; try again in a moment",
        )
    };
    let turn = match timeout_at(deadline, state.turns.clone().acquire_owned()).await {
        Ok(Ok(turn)) => turn,
        _ => return Err(busy()),
    };
    let task = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    });
    match timeout_at(deadline, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "内部错误，文档未能处理",
            "internal error: the document could not be processed",
        )),
        Err(_) => Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "处理超时",
            "the conversion took longer than the time limit",
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn a_request_that_gets_no_turn_in_its_time_is_told_the_server_is_busy() {
        let limits =
            Limits { concurrency: 1, timeout: Duration::from_millis(200), ..Limits::default() };
        let state = State::new(Config { limits, ..Config::default() });
        let held = Arc::clone(&state.turns).acquire_owned().await.unwrap();
        let failure = convert(&state, deadline(&state), || Ok(())).await.unwrap_err();
        assert_eq!(failure.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(failure.message.contains("busy"), "{}", failure.message);
        drop(held);
        assert!(convert(&state, deadline(&state), || Ok(())).await.is_ok());
    }

    #[tokio::test]
    async fn work_past_its_time_is_told_and_keeps_its_turn_until_it_ends() {
        let limits =
            Limits { concurrency: 1, timeout: Duration::from_millis(100), ..Limits::default() };
        let state = State::new(Config { limits, ..Config::default() });
        let slow = || {
            std::thread::sleep(Duration::from_millis(400));
            Ok(())
        };
        let failure = convert(&state, deadline(&state), slow).await.unwrap_err();
        assert!(failure.message.contains("time limit"), "{}", failure.message);
        assert_eq!(state.turns.available_permits(), 0);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(state.turns.available_permits(), 1);
    }
}
