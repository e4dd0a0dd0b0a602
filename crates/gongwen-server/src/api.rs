//! The JSON API: every request carries the source, the reading options and the
//! corrections; the answer is the tree, the page images or the file.

use std::sync::Arc;

use axum::extract::{Request as HttpRequest, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use base64::Engine as _;
use gongwen::ast::Document;
use gongwen::{
    Format, OfficialOptions, ParseOptions, ReadOptions, RenderOptions, SealImage, Source,
    SourceFormat, StyleProfile,
};
use serde::Deserialize;

use crate::http::{Failure, State, convert, deadline, receive};
use crate::{svg, tree};

/// What the page sends: a source and how to read, correct and render it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The source file's bytes, base64: text in any encoding the command line reads,
    /// gongwen XML, a Word (.docx) or Markdown draft. The server decodes them.
    pub source: String,
    /// Which reader: `text` (the default), `xml`, `docx` (a Word draft) or `md`
    /// (Markdown).
    #[serde(default)]
    pub from: Option<String>,
    /// The text's encoding (`gbk`, `big5` …); detected when absent.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The file name, recorded in the document's meta as `gongwen convert` records it.
    #[serde(default)]
    pub name: Option<String>,
    /// Convert traditional characters to simplified ones.
    #[serde(default)]
    pub simplified: bool,
    /// Keep web noise as body text instead of removing it.
    #[serde(default)]
    pub keep_noise: bool,
    /// Keep punctuation as written.
    #[serde(default)]
    pub no_normalize: bool,
    /// A style profile (TOML, as `gongwen style --print` writes it) instead of the
    /// standard one.
    #[serde(default)]
    pub style: Option<String>,
    /// Corrections to the tree the reader made, applied in order.
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// Parts of an official copy set over what the source says, as `gongwen convert`'s
    /// `--issuer`, `--number`, `--signer`, `--sealed`, `--seal`, `--cc` and `--printed`.
    #[serde(default)]
    pub official: Official,
}

/// The official-copy options of a request; blank texts count as not given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// The issuing organs of the issuer mark, the host organ first ("某市人民政府文件").
    #[serde(default)]
    pub issuer: Vec<String>,
    /// The 发文字号.
    #[serde(default)]
    pub number: Option<String>,
    /// The 签发人 names.
    #[serde(default)]
    pub signer: Vec<String>,
    /// The copy is sealed.
    #[serde(default)]
    pub sealed: bool,
    /// The seal image, a PNG file's bytes in base64; seals the copy.
    #[serde(default)]
    pub seal: Option<String>,
    /// The 抄送 organs.
    #[serde(default)]
    pub cc: Option<String>,
    /// The 印发机关 and date: "某市人民政府办公室 2024年3月2日".
    #[serde(default)]
    pub printed: Option<String>,
}

impl Official {
    /// The library's options, and the decoded seal image.
    fn options(&self) -> Result<(OfficialOptions, Option<SealImage>), Failure> {
        let given =
            |s: &Option<String>| s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let list = |v: &[String]| -> Vec<String> {
            v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        };
        let seal = match given(&self.seal) {
            None => None,
            Some(data) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data.as_bytes())
                    .map_err(|e| {
                        Failure::bad(
                            "印章图片不是 base64",
                            format!("`official.seal` is not base64: {e}"),
                        )
                    })?;
                Some(
                    SealImage::from_png(&bytes)
                        .map_err(|e| Failure::bad("印章图片不是可读的 PNG", e))?,
                )
            }
        };
        let options = OfficialOptions {
            issuer: list(&self.issuer),
            number: given(&self.number),
            signer: list(&self.signer),
            sealed: self.sealed || seal.is_some(),
            cc: given(&self.cc),
            printed: given(&self.printed),
        };
        Ok((options, seal))
    }
}

/// One correction: give block `block` another role (`kind`, a block name of the XML
/// vocabulary: `title`, `subtitle`, `salutation`, `heading`, `p`, `closing`, `attachment`,
/// `signature`, `date`, `removed`) and/or a heading another `level` (1–4). Making a removed
/// line a `p` restores it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// The block's index in the tree.
    pub block: usize,
    /// The new role.
    #[serde(default)]
    pub kind: Option<String>,
    /// The new heading level.
    #[serde(default)]
    pub level: Option<u8>,
}

/// The readers by name. A new reader is one more arm here.
fn reader(name: &str) -> Option<SourceFormat> {
    match name {
        "text" => Some(SourceFormat::Text),
        "xml" => Some(SourceFormat::Xml),
        "docx" => Some(SourceFormat::Docx),
        "md" => Some(SourceFormat::Markdown),
        _ => None,
    }
}

/// The renderers by name.
fn renderer(name: &str) -> Option<Format> {
    match name {
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "xml" => Some(Format::Xml),
        "ofd" => Some(Format::Ofd),
        _ => None,
    }
}

fn media_type(format: Format) -> &'static str {
    match format {
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Pdf => "application/pdf",
        Format::Xml => "application/xml; charset=utf-8",
        Format::Ofd => "application/ofd",
    }
}

/// A request read and corrected: the source, the corrected tree, how to render it.
struct Prepared {
    source: Source,
    document: Document,
    render: Arc<RenderOptions>,
}

fn prepare(state: &State, body: &[u8]) -> Result<Prepared, Failure> {
    let request: Request = serde_json::from_slice(body).map_err(|e| {
        if e.is_data() {
            Failure::bad("请求的字段不对", e)
        } else {
            Failure::bad("请求不是有效的 JSON", format!("the request is not valid JSON: {e}"))
        }
    })?;
    let from = request.from.as_deref().unwrap_or("text");
    let format = reader(from).ok_or_else(|| {
        Failure::bad(
            &format!("不认识的输入格式“{from}”"),
            format!("unknown input format `{from}`; known: text, xml, docx, md"),
        )
    })?;
    let encoding = match request.encoding.as_deref().filter(|e| !e.trim().is_empty()) {
        None => None,
        Some(label) => Some(gongwen::encoding_from_label(label).ok_or_else(|| {
            Failure::bad(
                &format!("不认识的编码“{label}”"),
                format!("unknown encoding `{label}`; known: utf-8, gbk, gb18030, big5, utf-16le, utf-16be"),
            )
        })?),
    };
    let bytes =
        base64::engine::general_purpose::STANDARD.decode(request.source.as_bytes()).map_err(
            |e| Failure::bad("source 字段不是 base64", format!("`source` is not base64: {e}")),
        )?;
    let (official, seal) = request.official.options()?;
    let options = ReadOptions {
        encoding,
        parse: ParseOptions {
            remove_noise: !request.keep_noise,
            normalize: !request.no_normalize,
            simplified: request.simplified,
            fix_numbers: false,
        },
        source_name: request.name.clone(),
        official,
    };
    let source = gongwen::read(&bytes, format, &options).map_err(|e| {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "无法读取这个文件", &e.to_string())
    })?;
    let mut document = source.document.clone();
    tree::apply(&mut document, &source.text, &request.edits)
        .map_err(|(chinese, english)| Failure::bad(&chinese, english))?;
    let render = match (&request.style, seal) {
        (None, None) => Arc::clone(&state.render),
        (style, seal) => {
            let style = match style {
                None => state.render.style.clone(),
                Some(toml) => {
                    StyleProfile::from_toml(toml).map_err(|e| Failure::bad("样式文件有误", e))?
                }
            };
            Arc::new(RenderOptions { style, seal, ..(*state.render).clone() })
        }
    };
    Ok(Prepared { source, document, render })
}

/// `POST /api/read`: the corrected tree as JSON, with every finding.
pub(crate) async fn read(Shared(state): Shared<Arc<State>>, request: HttpRequest) -> Response {
    respond(&state, request, |state, body| {
        let prepared = prepare(state, &body)?;
        let view = tree::view(&prepared.source, &prepared.document);
        Ok(Json(view).into_response())
    })
    .await
}

/// `POST /api/preview`: the pages as SVG images, drawn from the layout the PDF is written
/// from, and what the layout found (characters no font has).
pub(crate) async fn preview(Shared(state): Shared<Arc<State>>, request: HttpRequest) -> Response {
    respond(&state, request, |state, body| {
        let prepared = prepare(state, &body)?;
        let style = &prepared.render.style;
        style.validate().map_err(|e| Failure::bad("样式文件有误", e))?;
        let fonts = prepared.render.fonts.as_ref().unwrap_or_else(|| gongwen::pdf::bundled_fonts());
        let layout = gongwen::pdf::layout(&prepared.document, style, fonts);
        let pages = svg::pages(&layout, fonts);
        let warnings = tree::findings(&prepared.source.text, &layout.warnings);
        Ok(Json(serde_json::json!({ "pages": pages, "warnings": warnings })).into_response())
    })
    .await
}

/// `POST /api/render?to=docx|pdf|xml`: the file.
pub(crate) async fn render(Shared(state): Shared<Arc<State>>, request: HttpRequest) -> Response {
    let to = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("to="))
        .unwrap_or("")
        .to_string();
    let Some(format) = renderer(&to) else {
        return Failure::bad(
            &format!("不认识的输出格式“{to}”"),
            format!("unknown output format `{to}`; known: docx, pdf, ofd, xml"),
        )
        .into_response();
    };
    respond(&state, request, move |state, body| {
        let prepared = prepare(state, &body)?;
        let rendered =
            gongwen::render(&prepared.document, format, &prepared.render).map_err(|e| {
                Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "无法生成文件", &e.to_string())
            })?;
        let name = download_name(&prepared.document, format);
        Ok((
            [
                (header::CONTENT_TYPE, media_type(format).to_string()),
                (header::CONTENT_DISPOSITION, name),
            ],
            rendered.bytes,
        )
            .into_response())
    })
    .await
}

/// Receives the body and runs `work` on it within the limits.
async fn respond(
    state: &Arc<State>,
    request: HttpRequest,
    work: impl FnOnce(&State, axum::body::Bytes) -> Result<Response, Failure> + Send + 'static,
) -> Response {
    let deadline = deadline(state);
    let body = match receive(state, request, deadline).await {
        Ok(body) => body,
        Err(failure) => return failure.into_response(),
    };
    let shared = Arc::clone(state);
    convert(state, deadline, move || work(&shared, body))
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// `attachment; filename="document.pdf"; filename*=UTF-8''<title>.pdf`: the title as the
/// name, percent-encoded (RFC 5987), with a plain ASCII name for old clients.
fn download_name(document: &Document, format: Format) -> String {
    let ext = format.extension();
    let mut value = format!("attachment; filename=\"document.{ext}\"");
    if let Some(title) = document.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        value.push_str("; filename*=UTF-8''");
        for byte in format!("{}.{ext}", title.trim()).bytes() {
            if byte.is_ascii_alphanumeric() || b".-_~".contains(&byte) {
                value.push(char::from(byte));
            } else {
                value.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    value
}
