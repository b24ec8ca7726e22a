//! What a build does with its output folder when something is wrong: it
//! never replaces a folder it did not create, and never writes over the
//! course. Bad course input, one fixture folder per case with its full
//! diagnostics as a snapshot, is in `cases.rs` (`tests/cases/`).

use crate::fixture;

use fixture::Project;

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let p = Project::fixture("basic");
    p.write("public/notes.txt", "my own notes");
    let run = p.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("was not created by coursegen"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("public/notes.txt"), "my own notes");
    let forced = p.run(&["build", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(p.path("public/index.html").exists());
}

#[test]
fn never_writes_over_the_course_itself() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--out", "course", "--force"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("overlaps the course sources"),
        "{}",
        run.stderr
    );
    assert!(p.path("course/course.yaml").exists());
}
