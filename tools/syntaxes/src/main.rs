//! `syntaxes/PowerShell.sublime-syntax` → `syntaxes/powershell.packdump`
//! (a syntect dump, lines with their newlines, as the binary reads them),
//! then checks that every regex of the result compiles with fancy-regex.

use std::path::Path;

use syntect::parsing::SyntaxSetBuilder;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../syntaxes");
    let mut builder = SyntaxSetBuilder::new();
    builder
        .add_from_folder(&dir, true)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let set = builder.build();
    for syntax in set.syntaxes() {
        println!("{} ({})", syntax.name, syntax.scope);
        let sample = "$x = Get-Item -Path \"C:\\$name\" # comment\n";
        let mut state = syntect::parsing::ParseState::new(syntax);
        state
            .parse_line(sample, &set)
            .unwrap_or_else(|e| panic!("{} does not run on fancy-regex: {e}", syntax.name));
    }
    let out = dir.join("powershell.packdump");
    syntect::dumps::dump_to_uncompressed_file(&set, &out).expect("write the dump");
    println!("wrote {}", out.display());
}
