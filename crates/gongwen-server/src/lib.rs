//! The gongwen web page (`gongwen serve`): a page for people who never open a terminal, and
//! the small JSON/HTTP API it runs on.
//!
//! Paste a text or drop a file; the page shows the structure the reader recognised beside
//! the source (title, subtitles, addressee, headings with their levels, end matter, and
//! removed lines struck through with their reason); a click changes a line's role or a
//! heading's level or restores a removed line; the pages are drawn as they will print; DOCX,
//! PDF, OFD and XML download with one click. The page's HTML, CSS and JS are compiled into the
//! binary: nothing is fetched from elsewhere, so it works on an offline intranet.
//!
//! The server is a thin shell over the `gongwen` facade and keeps no state: every request
//! carries the source bytes, the reading options and the list of corrections, and the
//! server reads, corrects and renders in memory, answers and forgets. The official-copy
//! fields (issuer mark, 文号, 签发人, sealed, a seal image, 抄送, 印发; [`Official`]) are
//! the command line's options and win over the text as they do there; the preview draws
//! a sealed signature's seal as its dashed red outline. Nothing is written to
//! disk; the access log (one line per request on stderr) holds the method, path, status,
//! sizes and time, never content.
//!
//! Limits, each answered with a message the page shows: a body limit (413), a time limit
//! for receiving a request (408) and for the work (503), and a bound on conversions at once
//! (503 when a request has waited its whole time for a turn). Every answer carries a strict
//! Content-Security-Policy (no inline script or style, nothing from other origins, no
//! framing), `nosniff` and `no-referrer`.
//!
//! API (all `POST` bodies are JSON, see [`Request`]):
//! - `POST /api/read`: the tree as JSON ([`TreeView`]) with the findings.
//! - `POST /api/preview`: one SVG per page, drawn from the PDF's layout.
//! - `POST /api/render?to=docx|pdf|ofd|xml`: the file.
//! - `GET /healthz`: `ok`.
//!
//! Choices: the preview is SVG drawn from the layout, not the PDF in a frame, because many
//! browsers (headless ones, some on locked-down office PCs) show no PDF inline, and pages
//! of positioned text can be checked by a test. Connections are served by hyper's HTTP/1
//! loop under the axum router rather than `axum::serve`, which sets no timer, so that a
//! client that never finishes its headers is dropped after the time limit.

mod api;
mod assets;
mod http;
mod svg;
mod tree;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use gongwen::RenderOptions;

pub use api::{Edit, Official, Request};
pub use tree::{BlockView, FindingView, RemovedPart, TreeView};

/// What the server allows one request.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body, in bytes; larger ones get 413. The source travels as
    /// base64 inside the JSON, so a file may be about three quarters of this.
    pub max_body: usize,
    /// How long a client may take to send its request (408), and the work may take once it
    /// is in (503).
    pub timeout: Duration,
    /// How many conversions run at once; further requests wait for a turn within their
    /// time limit.
    pub concurrency: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 20 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(2, usize::from),
        }
    }
}

/// How the server renders and what it allows.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The style profile and fonts used unless a request brings its own profile. Give the
    /// same fonts the command line finds (installed office fonts before the bundled ones)
    /// so that the page's PDF is the one `gongwen convert` makes.
    pub render: RenderOptions,
    /// Request limits.
    pub limits: Limits,
}

/// Serves the page and the API on `listener` until `shutdown` completes, then finishes the
/// requests under way (for at most the time limit of one request).
///
/// Connections are HTTP/1.1; a client gets the request time limit to send its headers, so
/// that connections opened and left half-written cannot pile up.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let timeout = config.limits.timeout;
    let app = http::router(Arc::new(http::State::new(config)));
    let connections = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment and go on, as servers do.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(timeout)
            .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(timeout, connections.shutdown()).await;
    Ok(())
}

/// Runs the server on `addr` until SIGINT or SIGTERM: the blocking entry point of
/// `gongwen serve`. Prints the address to open on stderr.
pub fn run(addr: SocketAddr, config: Config) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!("gongwen serve: open http://{local}/ (Ctrl-C stops)");
        if !local.ip().is_loopback() {
            eprintln!(
                "gongwen serve: listening beyond this machine on {local}; anyone who can reach \
                 it can convert documents"
            );
        }
        serve(listener, config, shutdown_signal())
            .await
            .map_err(|e| format!("server stopped: {e}"))?;
        eprintln!("gongwen serve: stopped");
        Ok(())
    })
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
