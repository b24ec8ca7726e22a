//! The `coursegen` command: parses arguments, runs the library, prints
//! diagnostics and sets the exit code (0 ok, 1 course errors, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use coursegen::{BuildFailure, BuildOptions, BuildReport, Diagnostic};

/// jemalloc, with `--features jemalloc`: a build makes about 200 allocations
/// per page on every core, and the system allocator costs more CPU at 10,000
/// pages (README "Memory allocator" has the figures). Opt-in because it is
/// built from C.
#[cfg(all(feature = "jemalloc", unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Prints to standard output, ignoring a closed pipe (`coursegen … | head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "coursegen",
    version,
    about = "Build a static training-course site from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the course into a static site (public/ by default)
    Build(BuildArgs),
    /// Validate everything `build` validates, write nothing
    Check(BuildArgs),
    /// Preview the course: build, serve over HTTP, rebuild and reload on every change
    Serve {
        /// Project folder holding course/, or the course folder itself
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; anything but loopback exposes your drafts to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Create a small working course in DIR
    New {
        /// Folder to create the course in
        dir: PathBuf,
    },
    /// Print a JSON Schema for editors: quiz, course, lesson, module or page
    Schema {
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(coursegen::schema::KINDS))]
        kind: String,
    },
    /// Export the course to another format
    #[command(subcommand)]
    Export(ExportCommand),
    /// Compute NPS or CSI from a survey file (CSV with a header, or one score per line)
    #[command(subcommand)]
    Metrics(MetricsCommand),
}

#[derive(Subcommand)]
enum MetricsCommand {
    /// Net Promoter Score from 0–10 scores, with 95% intervals and a histogram
    Nps(MetricsArgs),
    /// Customer satisfaction index and CSAT (top-two-box share)
    Csi {
        #[command(flatten)]
        args: MetricsArgs,
        /// Answer scale: 1-5, 1-7 or 1-10
        #[arg(long, default_value = "1-5")]
        scale: String,
        /// Importance weights, e.g. 0.3,0.2,0.2,0.2,0.1: the first columns are then one
        /// attribute each (named by the header) and the report is a weighted CSI
        #[arg(long, value_delimiter = ',')]
        weights: Option<Vec<f64>>,
    },
}

#[derive(Args)]
struct MetricsArgs {
    /// The survey file
    file: PathBuf,
    /// Column to read: a header name or a 1-based number (default: the only column)
    #[arg(long)]
    column: Option<String>,
    /// Print JSON instead of a report
    #[arg(long)]
    json: bool,
    /// Text encoding of the file: auto (UTF-8 when the file is valid UTF-8, else
    /// GB18030), utf-8, or gb18030 (which includes GBK, as Excel saves CSV on Chinese Windows)
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    encoding: coursegen_metrics::Encoding,
}

fn parse_encoding(s: &str) -> Result<coursegen_metrics::Encoding, String> {
    s.parse()
}

#[derive(Subcommand)]
enum ExportCommand {
    /// All quiz questions as a Moodle GIFT question bank (one category per module)
    Gift {
        /// Project folder holding course/, or the course folder itself
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write to FILE instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A SCORM 1.2 package (zip) for LMSs such as Moodle: one SCO per module
    Scorm {
        /// Project folder holding course/, or the course folder itself
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The zip to write
        #[arg(long, default_value = "course.zip")]
        out: PathBuf,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// Project folder holding course/, or the course folder itself
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder [default: <root>/public]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Public URL of the site, e.g. https://example.org/course/ (overrides course.yaml)
    #[arg(long)]
    base_url: Option<String>,
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// Replace an output folder that coursegen did not create
    #[arg(long)]
    force: bool,
    /// Open the built site in the default browser (build only)
    #[arg(long)]
    open: bool,
    /// Also write print editions: print/handout.html (learners) and print/trainer.html (answers)
    #[arg(long)]
    print: bool,
    /// Build without the search index (smaller output, faster build)
    #[arg(long)]
    no_search: bool,
    /// Print how long each build step took
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    fn options(self) -> BuildOptions {
        BuildOptions {
            root: self.root,
            out: self.out,
            base_url: self.base_url,
            strict: self.strict,
            force: self.force,
            print: self.print,
            no_search: self.no_search,
            keep_pages: false,
            preview: false,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let open = args.open;
            let timings = args.timings;
            let result = coursegen::build(&args.options());
            if let (true, Ok(r)) = (timings, &result) {
                for (step, took) in &r.timings {
                    eprintln!("{step:>16} {:8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            let index = result
                .as_ref()
                .ok()
                .and_then(|r| r.out_dir.as_ref())
                .map(|d| d.join("index.html"));
            let code = report(result, "built");
            if let (true, Some(index)) = (open, index) {
                open_in_browser(&index);
            }
            code
        }
        Command::Check(args) => report(coursegen::check(&args.options()), "checked"),
        Command::Schema { kind } => match coursegen::schema::schema(&kind) {
            Some(s) => {
                say!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
                ExitCode::SUCCESS
            }
            None => ExitCode::from(2),
        },
        Command::Export(ExportCommand::Gift { root, out }) => match coursegen::build::load_course(&root) {
            Ok(course) => {
                let gift = coursegen::export::gift::course_to_gift(&course);
                match out {
                    Some(path) => match std::fs::write(&path, gift) {
                        Ok(()) => {
                            say!("wrote {}", path.display());
                            ExitCode::SUCCESS
                        }
                        Err(e) => {
                            eprintln!("error: {}: {e}", path.display());
                            ExitCode::from(1)
                        }
                    },
                    None => {
                        say_raw!("{gift}");
                        ExitCode::SUCCESS
                    }
                }
            }
            Err(f) => {
                print_all(&f.diagnostics);
                ExitCode::from(1)
            }
        },
        Command::Export(ExportCommand::Scorm { root, out }) => {
            let opts = BuildOptions {
                root,
                ..Default::default()
            };
            match coursegen::export::scorm::export(&opts) {
                Ok(p) => {
                    print_all(&p.warnings);
                    let tmp = out.with_extension("zip.coursegen-tmp");
                    match std::fs::write(&tmp, &p.bytes).and_then(|()| std::fs::rename(&tmp, &out)) {
                        Ok(()) => {
                            say!(
                                "wrote {} ({} SCOs, {} files, {} bytes)",
                                out.display(),
                                p.scos,
                                p.files,
                                p.bytes.len()
                            );
                            ExitCode::SUCCESS
                        }
                        Err(e) => {
                            let _ = std::fs::remove_file(&tmp);
                            eprintln!("error: {}: {e}", out.display());
                            ExitCode::from(1)
                        }
                    }
                }
                Err(f) => {
                    print_all(&f.diagnostics);
                    ExitCode::from(1)
                }
            }
        }
        Command::Metrics(cmd) => run_metrics(cmd),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => serve(root, port, bind, open),
        Command::New { dir } => match coursegen::scaffold::scaffold(&dir) {
            Ok(files) => {
                say!("created {} files in {}", files.len(), dir.display());
                say!("next: coursegen build --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr, open: bool) -> ExitCode {
    use coursegen::serve::{ServeEvent, ServeOptions};
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}: anyone on your network can read this course while the server runs"
        );
    }
    let report = std::sync::Arc::new(|event: ServeEvent| match event {
        ServeEvent::Built {
            pages,
            elapsed,
            changes,
            incremental,
        } => {
            let what = if changes.is_empty() {
                String::new()
            } else {
                format!(" ({changes:?})")
            };
            let how = if incremental { "updated" } else { "built" };
            say!("{how} {pages} pages in {} ms{what}", elapsed.as_millis());
        }
        ServeEvent::Partial {
            pages,
            elapsed,
            diagnostics,
        } => {
            print_all(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "built {pages} pages in {} ms with {errors} error(s): serving them with broken links marked; \
                 the browser lists every error",
                elapsed.as_millis()
            );
        }
        ServeEvent::Failed {
            diagnostics,
            serving_last_good,
        } => {
            print_all(&diagnostics);
            if serving_last_good {
                eprintln!("build failed: still serving the last good version");
            } else {
                eprintln!(
                    "build failed: nothing to serve yet; the browser shows the errors until they are fixed"
                );
            }
        }
        ServeEvent::WatchError(e) => eprintln!("watch error: {e}"),
    });
    let opts = ServeOptions {
        build: BuildOptions {
            root,
            ..Default::default()
        },
        bind,
        port,
    };
    match coursegen::serve::start(opts, report) {
        Ok(server) => {
            let url = format!("http://{}/", server.addr());
            say!("serving on {url} (Ctrl-C to stop)");
            if open {
                open_in_browser(std::path::Path::new(&url));
            }
            loop {
                std::thread::park();
            }
        }
        Err(e) => {
            eprintln!("error: cannot listen on {bind}:{port}: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_metrics(cmd: MetricsCommand) -> ExitCode {
    use coursegen_metrics::{Encoding, MetricsError, Scale, Survey, SurveyError, survey_report};
    let (args, survey) = match cmd {
        MetricsCommand::Nps(args) => (args, Survey::Nps),
        MetricsCommand::Csi { args, scale, weights } => match scale.parse::<Scale>() {
            Ok(scale) => (args, Survey::Csi { scale, weights }),
            Err(e) => {
                eprintln!("error: --scale: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let file = args.file.display();
    match survey_report(
        &args.file,
        &survey,
        args.column.as_deref(),
        args.json,
        args.encoding,
    ) {
        Ok(out) => {
            if args.encoding == Encoding::Auto && out.encoding == Encoding::Gb18030 {
                eprintln!("note: {file} is not valid UTF-8; read it as GB18030 (GBK)");
            }
            say!("{}", out.text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {file}: {e}");
            if let SurveyError::Metrics(MetricsError::InvalidEncoding { encoding, .. }) = &e {
                eprintln!(
                    "hint: {}",
                    if encoding == "UTF-8" {
                        "files saved by Excel on Chinese Windows are GB18030 (GBK): \
                         try --encoding gb18030, or leave --encoding at auto"
                    } else {
                        "the file is neither UTF-8 nor GB18030: save it as \"CSV UTF-8\" and try again"
                    }
                );
            }
            ExitCode::from(1)
        }
    }
}

/// Hands the file to the desktop's opener; a failure is reported, not fatal.
fn open_in_browser(path: &std::path::Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener).arg(path).spawn() {
        Ok(_) => say!("opening {} with {opener}", path.display()),
        Err(e) => eprintln!(
            "could not start {opener} ({e}); open {} in a browser",
            path.display()
        ),
    }
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{}\n", d.render());
    }
}

fn report(result: Result<BuildReport, BuildFailure>, verb: &str) -> ExitCode {
    match result {
        Ok(r) => {
            // The process ends next: leave the build's memory to the OS.
            std::mem::forget(r.build);
            print_all(&r.warnings);
            let ms = r.elapsed.as_secs_f64() * 1000.0;
            match &r.out_dir {
                Some(dir) => {
                    let index = dir.join("index.html");
                    let shown = index.canonicalize().unwrap_or(index);
                    say!("{verb} {} pages ({} files) in {ms:.0} ms", r.pages, r.files);
                    say!("open {}", shown.display());
                }
                None => say!("{verb} {} pages: no errors ({ms:.0} ms)", r.pages),
            }
            if !r.warnings.is_empty() {
                say!("{} warning(s)", r.warnings.len());
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            print_all(&f.diagnostics);
            let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}
