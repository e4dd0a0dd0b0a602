//! The command line, declared once with clap's derive API. Help, shell completions and the
//! man page are all generated from these definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  gongwen convert speech.txt                    write speech.docx beside the input
  gongwen convert speech.txt -o speech.pdf      format from the output's extension
  gongwen convert speech.txt -o speech.ofd      OFD (GB/T 33190), the same pages as the PDF
  gongwen convert speech.txt --to xml -o -      the document tree as XML on stdout
  gongwen convert speech.xml -o speech.docx     render a tree corrected by hand
  gongwen check speech.txt                      drafting errors with file:line:column
  gongwen check speech.txt --format json        the same for other programs
  gongwen style --print > office.toml           a style profile to edit, then --style office.toml";

/// Turns Chinese official speeches and documents written as plain text into GB/T 9704-2012
/// official copies: DOCX, PDF or XML.
#[derive(Debug, Parser)]
#[command(name = "gongwen", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert text or XML to DOCX, PDF or XML.
    #[command(after_help = EXAMPLES)]
    Convert(ConvertArgs),
    /// Report drafting errors: numbering, unbalanced quotes, placeholders, mojibake, noise.
    Check(CheckArgs),
    /// Print the default GB/T 9704 style profile as TOML, to edit and pass with --style.
    Style(StyleArgs),
    /// Serve the web page: paste or drop a text, correct its structure, download the files.
    Serve(ServeArgs),
    /// Print a shell completion script: `gongwen completions bash > /etc/bash_completion.d/gongwen`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `gongwen man > gongwen.1`.
    Man,
}

/// Arguments of `gongwen completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `gongwen convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input files: plain text (any common encoding) or gongwen XML (*.xml); directories
    /// are searched recursively for *.txt and *.xml. "-" reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// How many inputs to convert at once (default: two per core, since each output waits
    /// for the disk before it is renamed into place).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Output file; "-" writes to standard output. The format follows its extension
    /// unless --to is given. Only with a single input.
    #[arg(short, long, value_name = "OUT", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,

    /// Write each output into this directory, named after its input.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Output formats, comma-separated (--to docx,pdf). Without it: the extension of -o,
    /// else docx.
    #[arg(long, value_enum, value_name = "FORMAT", value_delimiter = ',')]
    pub to: Vec<Format>,

    /// Input format. Without it, by content and name: docx for a ZIP holding
    /// word/document.xml (and for .doc/.wps/.odt, which get an error naming the way out),
    /// xml for *.xml and for standard input that starts like XML, md for *.md and for text
    /// with YAML front matter or `#` headings, text otherwise.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<InputFormat>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// A style profile (TOML) overriding fonts, sizes or margins; start from
    /// `gongwen style --print`.
    #[arg(long, value_name = "FILE.toml")]
    pub style: Option<PathBuf>,

    /// A directory of fonts for PDF output (方正小标宋简体, 仿宋_GB2312 …), used before the
    /// installed and the bundled ones. May be given more than once.
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,

    /// Exit with status 1 when the source or the rendering gave findings of this severity
    /// (a character no font has, say); the outputs are still written.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<DenyLevel>,

    /// Use only the bundled fonts and --font-dir, not the installed ones: the same PDF on
    /// every machine.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// How inputs are read; shared by `convert` and `check`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The input's text encoding (utf-8, gbk, gb18030, big5, utf-16le, utf-16be). Without
    /// it the encoding is detected.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Keep web noise (site trailers, paywall lines, related-article lists) as body text
    /// instead of removing it.
    #[arg(long)]
    pub keep_noise: bool,

    /// Keep punctuation as written: no full-width marks, paired quotes, …… or —— made, no
    /// blanks between Chinese characters removed.
    #[arg(long)]
    pub no_normalize: bool,

    /// Convert traditional characters to simplified ones.
    #[arg(long)]
    pub simplified: bool,

    /// Apply `check`'s fixes for numbers: dates in Chinese numerals written in Arabic
    /// digits (二〇二二年一月五日 → 2022年1月5日), hyphenated ranges joined by a dash
    /// (1-9月 → 1—9月). Each is recorded as a repair.
    #[arg(long)]
    pub fix_numbers: bool,

    /// Refuse inputs larger than this many megabytes (so endless standard input ends in an
    /// error, not in exhausted memory).
    #[arg(long, value_name = "MB", default_value_t = crate::io::DEFAULT_MAX_INPUT_MB)]
    pub max_input: u64,

    /// Parts of an official copy set over what the input says.
    #[command(flatten)]
    pub official: OfficialArgs,
}

/// Parts of an official copy, set without editing the text: they win over what the text
/// says, and `check` tells which lines they replace.
#[derive(Debug, Args)]
#[command(next_help_heading = "Official copy")]
pub struct OfficialArgs {
    /// The issuer mark: an organ, "文件" after the last one ("某市人民政府文件"); repeat
    /// for a joint issue, the host organ first.
    #[arg(long, value_name = "ORGAN")]
    pub issuer: Vec<String>,

    /// The 发文字号, e.g. "某政发〔2024〕12号".
    #[arg(long, value_name = "TEXT")]
    pub number: Option<String>,

    /// A 签发人 name (upward copies); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub signer: Vec<String>,

    /// The copy is sealed: the date stands 4 characters from the right, the organ centred
    /// over it.
    #[arg(long)]
    pub sealed: bool,

    /// A seal image (PNG), drawn red over the organ and date of the signature; seals the
    /// copy as --sealed does.
    #[arg(long, value_name = "PNG")]
    pub seal: Option<PathBuf>,

    /// The 抄送 organs, e.g. "市委办公室，市人大常委会办公室。".
    #[arg(long, value_name = "ORGANS")]
    pub cc: Option<String>,

    /// The 印发机关 and date, e.g. "某市人民政府办公室 2024年3月2日".
    #[arg(long, value_name = "ORGAN DATE")]
    pub printed: Option<String>,
}

impl ReadArgs {
    /// What the text reader may do, by these flags.
    pub fn parse_options(&self) -> gongwen::ParseOptions {
        gongwen::ParseOptions {
            remove_noise: !self.keep_noise,
            normalize: !self.no_normalize,
            simplified: self.simplified,
            fix_numbers: self.fix_numbers,
        }
    }
}

impl OfficialArgs {
    /// The library's options record.
    pub fn options(&self) -> gongwen::OfficialOptions {
        gongwen::OfficialOptions {
            issuer: self.issuer.clone(),
            number: self.number.clone(),
            signer: self.signer.clone(),
            sealed: self.sealed || self.seal.is_some(),
            cc: self.cc.clone(),
            printed: self.printed.clone(),
        }
    }
}

/// Arguments of `gongwen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Input files: plain text or gongwen XML. "-" reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Input format, as for convert.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<InputFormat>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Treat findings of this severity as failures too (exit status 1).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<DenyLevel>,

    /// Also list every repair the reader made (punctuation, quotes, spaces, traditional
    /// characters), each with its place.
    #[arg(short, long)]
    pub verbose: bool,

    /// Also say, for each line not read as a plain paragraph, what the reader took it for
    /// (page furniture, title, 文号, salutation, heading …) and why.
    #[arg(long)]
    pub explain: bool,
}

/// Arguments of `gongwen serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. The default answers this machine only; give
    /// 0.0.0.0:8080 to serve an office network.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,

    /// The largest document accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_mb: usize,

    /// Seconds a request may take to arrive, and its conversion to run.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,

    /// Conversions at once (default: one per core); more requests wait their turn.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// A style profile (TOML) to use instead of the standard one.
    #[arg(long, value_name = "FILE.toml")]
    pub style: Option<PathBuf>,

    /// A directory of fonts for PDF output, as for convert. May be given more than once.
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,

    /// Use only the bundled fonts and --font-dir, as for convert.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// Arguments of `gongwen style`.
#[derive(Debug, Args)]
pub struct StyleArgs {
    /// Print the default profile as TOML.
    #[arg(long, required = true)]
    pub print: bool,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Format {
    /// The document tree as XML.
    Xml,
    /// A Word document for editing in Word or WPS.
    Docx,
    /// A print-ready PDF with the fonts embedded.
    Pdf,
    /// OFD (GB/T 33190-2016), the same pages as the PDF, fonts embedded.
    Ofd,
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// gongwen XML.
    Xml,
    /// A Word document (.docx).
    Docx,
    /// Markdown.
    Md,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Annotated source lines for people.
    Human,
    /// A JSON array for programs.
    Json,
}

/// Severities `--deny` can turn into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// Fail on warnings as well as errors.
    Warnings,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
