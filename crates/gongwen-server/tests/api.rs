//! The API over a real socket: every endpoint with good, empty, binary, oversized and
//! malformed input, a slow client, and requests at once.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use base64::Engine as _;
use gongwen_server::{Config, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SEED: &[u8] = include_bytes!("../../../samples/seed-002.txt");

struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start(limits: Limits) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let config = Config { limits, ..Config::default() };
        let task = tokio::spawn(gongwen_server::serve(listener, config, async {
            let _ = stopped.await;
        }));
        Server { addr, stop: Some(stop), task }
    }

    async fn stop(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        self.task.await.unwrap().unwrap();
    }
}

/// An answer: status, headers (lower-case names), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn error(&self) -> String {
        self.json()["error"].as_str().expect("an error message").to_string()
    }
}

/// Sends one request on a new connection and reads the answer to its end.
async fn send(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    read_answer(stream).await
}

async fn read_answer(mut stream: TcpStream) -> Answer {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer { status, headers, body: raw[split + 4..].to_vec() }
}

fn request(source: &[u8], extra: serde_json::Value) -> Vec<u8> {
    let mut body = serde_json::json!({
        "source": base64::engine::general_purpose::STANDARD.encode(source),
    });
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body.to_string().into_bytes()
}

fn fast() -> Limits {
    Limits { timeout: Duration::from_secs(20), ..Limits::default() }
}

const ENDPOINTS: [&str; 3] = ["/api/read", "/api/preview", "/api/render?to=pdf"];

#[tokio::test]
async fn health_page_and_assets_carry_the_security_headers() {
    let server = Server::start(fast()).await;
    let health = send(server.addr, "GET", "/healthz", b"").await;
    assert_eq!((health.status, health.body.as_slice()), (200, &b"ok\n"[..]));
    let page = send(server.addr, "GET", "/", b"").await;
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(html.contains("<script src=\"/assets/app.js\" defer></script>"));
    assert!(!html.contains("<script>") && !html.contains("style=") && !html.contains("http"));
    for answer in [&health, &page] {
        let csp = answer.header("content-security-policy").unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    }
    for (asset, media) in
        [("app.js", "text/javascript"), ("app.css", "text/css"), ("icon.svg", "image/svg+xml")]
    {
        let answer = send(server.addr, "GET", &format!("/assets/{asset}"), b"").await;
        assert_eq!(answer.status, 200, "{asset}");
        assert!(answer.header("content-type").unwrap().starts_with(media), "{asset}");
    }
    assert_eq!(send(server.addr, "GET", "/assets/secret.txt", b"").await.status, 404);
    let missing = send(server.addr, "GET", "/etc/passwd", b"").await;
    assert_eq!(missing.status, 404);
    assert!(missing.error().contains("no such address"));
    assert_eq!(send(server.addr, "GET", "/api/read", b"").await.status, 405);
    server.stop().await;
}

#[tokio::test]
async fn read_gives_the_tree_the_library_reads() {
    let server = Server::start(fast()).await;
    let answer =
        send(server.addr, "POST", "/api/read", &request(SEED, serde_json::json!({}))).await;
    assert_eq!(answer.status, 200);
    let tree = answer.json();
    let source =
        gongwen::read(SEED, gongwen::SourceFormat::Text, &gongwen::ReadOptions::default()).unwrap();
    let blocks = tree["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), source.document.blocks.len());
    for (view, block) in blocks.iter().zip(&source.document.blocks) {
        assert_eq!(view["kind"], block.kind_name());
    }
    let headings: Vec<_> = blocks
        .iter()
        .filter(|b| b["kind"] == "heading")
        .map(|b| (b["label"].as_str().unwrap(), b["level"].as_u64().unwrap()))
        .collect();
    let expected: Vec<_> =
        source.document.headings().map(|h| (h.label.canonical(), u64::from(h.level))).collect();
    assert_eq!(headings, expected.iter().map(|(l, n)| (l.as_str(), *n)).collect::<Vec<_>>());
    let last = blocks.last().unwrap();
    assert_eq!(
        (last["kind"].as_str(), last["reason"].as_str()),
        (Some("removed"), Some("web-trailer"))
    );
    assert_eq!(blocks[0]["line"], 1);
    assert_eq!(tree["text"].as_str().unwrap().as_bytes(), SEED);
    assert_eq!(tree["encoding"], "UTF-8");
    server.stop().await;
}

#[tokio::test]
async fn render_gives_the_files_the_library_renders_for_the_corrected_tree() {
    let server = Server::start(fast()).await;
    let edits =
        serde_json::json!({ "edits": [{ "block": 6, "level": 2 }, { "block": 11, "kind": "p" }] });
    let mut source =
        gongwen::read(SEED, gongwen::SourceFormat::Text, &gongwen::ReadOptions::default()).unwrap();
    let gongwen::ast::Block::Heading(h) = &mut source.document.blocks[6] else { panic!() };
    h.level = 2;
    let gongwen::ast::Block::Removed(r) = source.document.blocks[11].clone() else { panic!() };
    source.document.blocks[11] =
        gongwen::ast::Block::Paragraph(gongwen::ast::Content::plain(r.text, r.span));
    let mut xml = Vec::new();
    for (to, magic) in [("docx", &b"PK"[..]), ("pdf", b"%PDF"), ("ofd", b"PK"), ("xml", b"<?xml")] {
        let answer = send(
            server.addr,
            "POST",
            &format!("/api/render?to={to}"),
            &request(SEED, edits.clone()),
        )
        .await;
        assert_eq!(answer.status, 200, "{to}: {}", String::from_utf8_lossy(&answer.body));
        assert!(answer.body.starts_with(magic), "{to}");
        assert!(answer.header("content-disposition").unwrap().starts_with("attachment;"));
        let format = match to {
            "docx" => gongwen::Format::Docx,
            "pdf" => gongwen::Format::Pdf,
            "ofd" => gongwen::Format::Ofd,
            _ => gongwen::Format::Xml,
        };
        let expected = gongwen::render(&source.document, format, &Default::default()).unwrap();
        assert!(answer.body == expected.bytes, "{to} differs from the library's");
        if to == "xml" {
            xml = answer.body;
        }
    }
    assert!(String::from_utf8_lossy(&xml).contains("level=\"2\" label=\"二、\""));
    // The XML carries the corrected tree back: rendering it gives the same PDF.
    let from_xml = request(&xml, serde_json::json!({ "from": "xml" }));
    let pdf = send(server.addr, "POST", "/api/render?to=pdf", &from_xml).await;
    let expected =
        gongwen::render(&source.document, gongwen::Format::Pdf, &Default::default()).unwrap();
    assert!(pdf.body == expected.bytes);
    server.stop().await;
}

#[tokio::test]
async fn preview_draws_every_page_of_the_layout() {
    let server = Server::start(fast()).await;
    let answer =
        send(server.addr, "POST", "/api/preview", &request(SEED, serde_json::json!({}))).await;
    assert_eq!(answer.status, 200);
    let preview = answer.json();
    let pages = preview["pages"].as_array().unwrap();
    let source =
        gongwen::read(SEED, gongwen::SourceFormat::Text, &gongwen::ReadOptions::default()).unwrap();
    let layout =
        gongwen::pdf::layout(&source.document, &Default::default(), gongwen::pdf::bundled_fonts());
    assert_eq!(pages.len(), layout.pages.len());
    assert!(pages.iter().all(|p| p.as_str().unwrap().starts_with("<svg")));
    // The title, whichever words its lines break between.
    assert!(["某市长", "经济发展", "讲话"].iter().all(|w| pages[0].as_str().unwrap().contains(w)));
    server.stop().await;
}

#[tokio::test]
async fn empty_input_reads_as_an_empty_tree() {
    let server = Server::start(fast()).await;
    let answer = send(server.addr, "POST", "/api/read", &request(b"", serde_json::json!({}))).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["blocks"].as_array().unwrap().len(), 0);
    for endpoint in
        ["/api/preview", "/api/render?to=docx", "/api/render?to=pdf", "/api/render?to=xml"]
    {
        let answer =
            send(server.addr, "POST", endpoint, &request(b"", serde_json::json!({}))).await;
        assert_eq!(answer.status, 200, "{endpoint}");
    }
    // An empty body is not a request.
    for endpoint in ENDPOINTS {
        let answer = send(server.addr, "POST", endpoint, b"").await;
        assert_eq!(answer.status, 400, "{endpoint}");
        assert!(answer.error().contains("JSON"), "{endpoint}");
    }
    server.stop().await;
}

#[tokio::test]
async fn binary_input_is_refused_with_a_reason() {
    let server = Server::start(fast()).await;
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    for endpoint in ENDPOINTS {
        let answer =
            send(server.addr, "POST", endpoint, &request(&binary, serde_json::json!({}))).await;
        assert_eq!(answer.status, 422, "{endpoint}");
        assert!(answer.error().starts_with("无法读取这个文件"), "{endpoint}");
    }
    // A raw binary body is not JSON.
    let answer = send(server.addr, "POST", "/api/read", &binary).await;
    assert_eq!(answer.status, 400);
    server.stop().await;
}

#[tokio::test]
async fn malformed_requests_get_400_with_the_reason() {
    let server = Server::start(fast()).await;
    let cases: [(&str, &[u8], &str); 9] = [
        ("/api/read", b"{\"source\": ", "not valid JSON"),
        ("/api/read", b"[1, 2]", "invalid type"),
        ("/api/read", b"{\"source\": \"!!!\"}", "not base64"),
        ("/api/read", b"{\"source\": \"\", \"colour\": 1}", "unknown field"),
        (
            "/api/read",
            b"{\"source\": \"\", \"from\": \"wordperfect\"}",
            "unknown input format `wordperfect`",
        ),
        ("/api/read", b"{\"source\": \"\", \"encoding\": \"ebcdic\"}", "unknown encoding"),
        ("/api/render?to=rtf", b"{\"source\": \"\"}", "unknown output format `rtf`"),
        ("/api/render", b"{\"source\": \"\"}", "unknown output format ``"),
        ("/api/preview", b"{\"source\": \"\", \"style\": \"[page]\\nwidth_mm = -1\"}", ""),
    ];
    for (endpoint, body, reason) in cases {
        let answer = send(server.addr, "POST", endpoint, body).await;
        assert_eq!(answer.status, 400, "{endpoint} {}", String::from_utf8_lossy(body));
        assert!(
            answer.error().contains(reason),
            "{}: {}",
            String::from_utf8_lossy(body),
            answer.error()
        );
    }
    let edits = [
        (serde_json::json!([{ "block": 99, "kind": "p" }]), "there is no block 99"),
        (serde_json::json!([{ "block": 2, "level": 7 }]), "1 to 4"),
        (serde_json::json!([{ "block": 1, "level": 2 }]), "not a heading"),
        (serde_json::json!([{ "block": 1, "kind": "sonnet" }]), "unknown role `sonnet`"),
    ];
    for (edit, reason) in edits {
        let answer = send(
            server.addr,
            "POST",
            "/api/read",
            &request(SEED, serde_json::json!({ "edits": edit })),
        )
        .await;
        assert_eq!(answer.status, 400);
        assert!(answer.error().contains(reason), "{}", answer.error());
    }
    server.stop().await;
}

#[tokio::test]
async fn a_100_mb_body_gets_413() {
    let server = Server::start(fast()).await;
    let hundred_mb = 100 * 1024 * 1024;
    // Announced: refused before it is read.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST /api/read HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {hundred_mb}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&vec![b' '; 64 * 1024]).await.unwrap();
    let mut raw = vec![0; 4096];
    let n = stream.read(&mut raw).await.unwrap();
    let answer = parse(&raw[..n]);
    assert_eq!(answer.status, 413);
    assert!(answer.error().contains("文件太大"));
    // Chunked, with no length: refused once the limit is passed.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream
        .write_all(
            b"POST /api/render?to=pdf HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
        )
        .await
        .unwrap();
    let chunk =
        [format!("{:x}\r\n", 1024 * 1024).into_bytes(), vec![b' '; 1024 * 1024], b"\r\n".to_vec()]
            .concat();
    let (mut reader, mut writer) = stream.into_split();
    let writing = tokio::spawn(async move {
        for _ in 0..100 {
            if writer.write_all(&chunk).await.is_err() {
                return;
            }
        }
    });
    let mut raw = Vec::new();
    let mut buf = vec![0; 4096];
    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = reader.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed without an answer");
        raw.extend_from_slice(&buf[..n]);
    }
    assert_eq!(parse(&raw).status, 413);
    writing.abort();
    server.stop().await;
}

#[tokio::test]
async fn a_slow_client_times_out_with_408() {
    let server =
        Server::start(Limits { timeout: Duration::from_millis(500), ..Limits::default() }).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream
        .write_all(b"POST /api/read HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"source\":")
        .await
        .unwrap();
    let started = Instant::now();
    let answer = read_answer(stream).await;
    assert_eq!(answer.status, 408);
    assert!(answer.error().contains("too long to arrive"));
    assert!(started.elapsed() < Duration::from_secs(5));
    // The server still answers others.
    assert_eq!(send(server.addr, "GET", "/healthz", b"").await.status, 200);
    server.stop().await;
}

#[tokio::test]
async fn requests_at_once_all_get_their_own_answer() {
    let server = Server::start(Limits { concurrency: 2, ..fast() }).await;
    let texts: Vec<Vec<u8>> = (0..8)
        .map(|i| {
            format!("第{i}次会议上的讲话\n同志们：\n一、提高认识\n今天召开第{i}次会议。\n")
                .into_bytes()
        })
        .collect();
    let tasks: Vec<_> = texts
        .iter()
        .map(|text| {
            let body = request(text, serde_json::json!({}));
            let addr = server.addr;
            tokio::spawn(async move { send(addr, "POST", "/api/render?to=docx", &body).await })
        })
        .collect();
    for (task, text) in tasks.into_iter().zip(&texts) {
        let answer = task.await.unwrap();
        assert_eq!(answer.status, 200);
        let expected = gongwen::convert(text, gongwen::Format::Docx, &Default::default()).unwrap();
        assert!(answer.body == expected.bytes);
    }
    server.stop().await;
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let server =
        Server::start(Limits { timeout: Duration::from_millis(500), ..Limits::default() }).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"POST /api/read HTTP/1.1\r\nHost: x\r\nContent-").await.unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ =
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    server.stop().await;
}

#[tokio::test]
async fn shutdown_finishes_the_request_under_way() {
    let mut server = Server::start(fast()).await;
    let body = request(SEED, serde_json::json!({}));
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST /api/render?to=pdf HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..100]).await.unwrap();
    // The request is being received when the signal comes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.stop.take().unwrap().send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(TcpStream::connect(server.addr).await.is_err(), "still listening after the signal");
    stream.write_all(&body[100..]).await.unwrap();
    let answer = read_answer(stream).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.starts_with(b"%PDF"));
    server.task.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_style_profile_sent_with_the_request_is_the_one_rendered() {
    let server = Server::start(fast()).await;
    let mut style = gongwen::StyleProfile::default();
    style.title.size_pt = 26.0;
    let toml = style.to_toml();
    let answer = send(
        server.addr,
        "POST",
        "/api/render?to=pdf",
        &request(SEED, serde_json::json!({ "style": toml })),
    )
    .await;
    assert_eq!(answer.status, 200);
    let source =
        gongwen::read(SEED, gongwen::SourceFormat::Text, &gongwen::ReadOptions::default()).unwrap();
    let options = gongwen::RenderOptions { style, ..Default::default() };
    let expected = gongwen::render(&source.document, gongwen::Format::Pdf, &options).unwrap();
    let standard =
        gongwen::render(&source.document, gongwen::Format::Pdf, &Default::default()).unwrap();
    assert!(answer.body == expected.bytes && answer.body != standard.bytes);
    let bad = send(
        server.addr,
        "POST",
        "/api/render?to=pdf",
        &request(SEED, serde_json::json!({ "style": "[title]\nsize_pt = \"big\"" })),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert!(bad.error().starts_with("样式文件有误"), "{}", bad.error());
    server.stop().await;
}

#[tokio::test]
async fn reading_options_are_the_commands() {
    let server = Server::start(fast()).await;
    let text = "縣委工作會上的發言稿\n同志們：\n今天開會。\n".as_bytes();
    let read = |extra| {
        let body = request(text, extra);
        async move { send(server.addr, "POST", "/api/read", &body).await.json() }
    };
    assert_eq!(read(serde_json::json!({})).await["title"], "縣委工作會上的發言稿");
    assert_eq!(
        read(serde_json::json!({ "simplified": true })).await["title"],
        "县委工作会上的发言稿"
    );
    let big5 = encoding_rs::BIG5.encode("縣委工作會上的發言稿\n同志們：\n").0.into_owned();
    let tree = send(
        server.addr,
        "POST",
        "/api/read",
        &request(&big5, serde_json::json!({ "encoding": "big5" })),
    )
    .await
    .json();
    assert_eq!(
        (tree["title"].as_str(), tree["encoding"].as_str()),
        (Some("縣委工作會上的發言稿"), Some("Big5"))
    );
    server.stop().await;
}

#[tokio::test]
async fn official_fields_set_the_copy_as_the_command_options_do() {
    let server = Server::start(fast()).await;
    let text =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/official-002.txt"))
            .unwrap();
    let fields = serde_json::json!({ "official": {
        "number": "某政发〔2025〕99号", "issuer": ["某县人民政府文件"], "signer": ["", "王五"],
        "sealed": true, "cc": " ", "printed": "某县人民政府办公室 2025年1月2日"
    } });
    let official = gongwen::OfficialOptions {
        number: Some("某政发〔2025〕99号".into()),
        issuer: vec!["某县人民政府文件".into()],
        signer: vec!["王五".into()],
        sealed: true,
        printed: Some("某县人民政府办公室 2025年1月2日".into()),
        ..Default::default()
    };
    let options = gongwen::ReadOptions { official, ..Default::default() };
    let source = gongwen::read(&text, gongwen::SourceFormat::Text, &options).unwrap();
    let answer =
        send(server.addr, "POST", "/api/render?to=pdf", &request(&text, fields.clone())).await;
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    let expected = gongwen::render(&source.document, gongwen::Format::Pdf, &Default::default());
    assert!(answer.body == expected.unwrap().bytes, "the library's PDF for the same options");
    let preview = send(server.addr, "POST", "/api/preview", &request(&text, fields)).await.json();
    let pages: Vec<&str> =
        preview["pages"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // Its text, runs of the Chinese and the Latin face joined.
    let text_of = |svg: &str| -> String {
        svg.split('<').filter_map(|t| t.split_once('>').map(|(_, text)| text)).collect()
    };
    assert!(pages.iter().any(|p| text_of(p).contains("某政发〔2025〕99号")));
    assert_eq!(pages.iter().map(|p| p.matches("data-role=\"seal\"").count()).sum::<usize>(), 1);
    // A seal that is no PNG is refused with the reason, and nothing is rendered.
    let bad = serde_json::json!({ "official": { "seal": base64::engine::general_purpose::STANDARD.encode(b"GIF89a") } });
    let answer = send(server.addr, "POST", "/api/render?to=pdf", &request(&text, bad)).await;
    assert_eq!(answer.status, 400);
    assert!(answer.error().contains("印章图片不是可读的 PNG"), "{}", answer.error());
    server.stop().await;
}
