//! `coursegen metrics`: reports, JSON for scripts, and errors that say where.

use std::process::Command;

fn run(args: &[&str], file: &str) -> (i32, String, String) {
    run_bytes(args, file.as_bytes())
}

fn run_bytes(args: &[&str], file: &[u8]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    std::fs::write(&path, file).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coursegen"))
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn nps_report_from_a_named_column() {
    let csv =
        "id,score,comment\n1,10,好\n2,9,\"很好, 推荐\"\n3,9,\n4,8,\n5,7,\n6,6,\n7,5,\n8,10,\n9,3,\n10,9,\n";
    let (code, out, err) = run(&["metrics", "nps", "--column", "score"], csv);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("NPS: 20"), "{out}");
    assert!(out.contains("Promoters  (9–10)   5   50.0%"), "{out}");
}

#[test]
fn nps_json_has_stable_fields() {
    let scores: String = std::iter::repeat_n("10\n", 50)
        .chain(std::iter::repeat_n("7\n", 30))
        .chain(std::iter::repeat_n("0\n", 20))
        .collect();
    let (code, out, err) = run(&["metrics", "nps", "--json"], &scores);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["n"], 100);
    assert_eq!(v["nps"], 30.0);
    assert_eq!(v["promoters"]["count"], 50);
    let moe = v["wald"]["margin_of_error"].as_f64().unwrap();
    assert!((moe - 15.3081).abs() < 1e-3, "{moe}");
}

#[test]
fn csi_on_a_five_point_scale() {
    let (code, out, err) = run(
        &["metrics", "csi", "--scale", "1-5", "--json"],
        "5\n4\n4\n3\n5\n2\n4\n5\n3\n4\n",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!((v["mean"].as_f64().unwrap() - 3.9).abs() < 1e-9);
    assert!((v["csi"].as_f64().unwrap() - 72.5).abs() < 1e-9);
    assert!((v["csat_percent"].as_f64().unwrap() - 70.0).abs() < 1e-9);
}

#[test]
fn bad_cell_names_row_and_column() {
    let (code, _, err) = run(&["metrics", "nps", "--column", "2"], "id,score\n1,9\n2,11\n");
    assert_eq!(code, 1);
    assert!(err.contains("row 3, column 2"), "{err}");
    let (code, _, err) = run(&["metrics", "csi", "--scale", "1-5"], "4\n7.5\n");
    assert_eq!(code, 1);
    assert!(err.contains("row 2"), "{err}");
}

#[test]
fn weighted_csi_from_one_column_per_attribute() {
    let csv = "有形性,可靠性,响应性,保证性,移情性\n4,5,3,4,2\n5,4,3,5,3\n";
    let (code, out, err) = run(
        &[
            "metrics",
            "csi",
            "--scale",
            "1-5",
            "--weights",
            "0.3,0.2,0.2,0.2,0.1",
            "--json",
        ],
        csv,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 0.3·87.5 + 0.2·87.5 + 0.2·50 + 0.2·87.5 + 0.1·37.5
    assert!((v["csi"].as_f64().unwrap() - 75.0).abs() < 1e-9, "{out}");
    assert_eq!(v["weakest"], "移情性");
    let (code, _, err) = run(&["metrics", "csi", "--weights", "0,0,0,0,0"], csv);
    assert_eq!(code, 1);
    assert!(err.contains("weight"), "{err}");
}

/// `text` as Excel on Chinese Windows saves it: GB18030 (GBK), CRLF.
fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8 by chance");
    bytes.into_owned()
}

const SURVEY: &str = "编号,推荐意愿,评论\r\n1,10,很好\r\n2,9,\"不错，推荐\"\r\n3,6,一般\r\n4,１０,满意\r\n";

#[test]
fn gb18030_file_is_read_by_default_and_on_request() {
    let file = gb18030(SURVEY);
    for args in [
        &["metrics", "nps", "--column", "推荐意愿", "--json"][..],
        &[
            "metrics",
            "nps",
            "--column",
            "推荐意愿",
            "--json",
            "--encoding",
            "auto",
        ],
        &[
            "metrics",
            "nps",
            "--column",
            "推荐意愿",
            "--json",
            "--encoding",
            "gb18030",
        ],
        &[
            "metrics",
            "nps",
            "--column",
            "推荐意愿",
            "--json",
            "--encoding",
            "GBK",
        ],
    ] {
        let (code, out, err) = run_bytes(args, &file);
        assert_eq!(code, 0, "{args:?}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        // 10, 9, 6 and a full-width １０.
        assert_eq!(v["n"], 4, "{args:?}");
        assert_eq!(v["nps"], 50.0, "{args:?}");
        assert_eq!(v["histogram"][10], 2, "{args:?}: {out}");
        // Auto says what it did, on stderr (stdout stays JSON); an explicit choice is silent.
        let explicit = args.contains(&"gb18030") || args.contains(&"GBK");
        assert_eq!(err.contains("read it as GB18030"), !explicit, "{args:?}: {err}");
    }
    // The column is found by its Chinese name in the report too.
    let (code, out, err) = run_bytes(&["metrics", "nps", "--column", "2"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("NPS: 50"), "{out}");
    // Unknown column: the names listed are the decoded ones.
    let (code, _, err) = run_bytes(&["metrics", "nps", "--column", "score"], &file);
    assert_eq!(code, 1);
    assert!(err.contains("columns: 编号, 推荐意愿, 评论"), "{err}");
}

#[test]
fn explicit_utf8_on_a_gb18030_file_is_an_error_with_a_location() {
    let file = gb18030(SURVEY);
    let (code, out, err) = run_bytes(
        &["metrics", "nps", "--column", "推荐意愿", "--encoding", "utf-8"],
        &file,
    );
    assert_eq!(code, 1, "an error, not a panic (101): {err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("not valid UTF-8 (at row 1, column 1)"), "{err}");
    assert!(err.contains("--encoding gb18030"), "a hint: {err}");
    assert!(!err.contains("panicked"), "{err}");
    // Bad bytes later in the file: their row and column.
    let mut late = b"id,score,note\n1,9,ok\n2,10,".to_vec();
    late.extend(gb18030("很好"));
    late.extend(b"\n");
    let (code, _, err) = run_bytes(
        &["metrics", "nps", "--column", "score", "--encoding", "utf-8"],
        &late,
    );
    assert_eq!(code, 1);
    assert!(err.contains("(at row 3, column 3)"), "{err}");
    // Neither UTF-8 nor GB18030: a clear error in auto mode too.
    let (code, _, err) = run_bytes(&["metrics", "nps", "--column", "2"], b"id,score\n1,9\n2,\xFF\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("byte FF is not valid GB18030 (at row 3, column 2)"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
}

#[test]
fn utf8_files_with_or_without_bom_and_bad_encoding_names() {
    let text = "推荐意愿\n10\n7\n";
    for file in [text.to_string(), format!("\u{feff}{text}")] {
        for enc in ["auto", "utf-8"] {
            let (code, out, err) = run(&["metrics", "nps", "--json", "--encoding", enc], &file);
            assert_eq!(code, 0, "{enc}: {err}");
            assert!(err.is_empty(), "{enc}: nothing to say: {err}");
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["n"], 2);
        }
    }
    let (code, _, err) = run(&["metrics", "nps", "--encoding", "latin1"], "9\n");
    assert_eq!(code, 2);
    assert!(err.contains("expected auto, utf-8 or gb18030"), "{err}");
}

#[test]
fn full_width_scores_and_weighted_csi_from_a_gb18030_file() {
    let (code, out, err) = run(
        &["metrics", "csi", "--scale", "1-5", "--json"],
        "满意度\n５\n\u{3000}４\u{3000}\n４．０\n３\n",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!((v["mean"].as_f64().unwrap() - 4.0).abs() < 1e-9, "{out}");
    let (code, _, err) = run(&["metrics", "nps"], "９．５\n");
    assert_eq!(code, 1);
    assert!(err.contains("９．５ is not a whole number"), "{err}");

    let file = gb18030("有形性,可靠性,响应性,保证性,移情性\r\n4,5,3,4,2\r\n5,4,3,5,3\r\n");
    let (code, out, err) = run_bytes(
        &[
            "metrics",
            "csi",
            "--scale",
            "1-5",
            "--weights",
            "0.3,0.2,0.2,0.2,0.1",
            "--json",
        ],
        &file,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["weakest"], "移情性", "{out}");
    assert_eq!(v["attributes"][0]["name"], "有形性", "{out}");
}
