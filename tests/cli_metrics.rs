//! `coursegen metrics`: reports, JSON for scripts, and errors that say where.

use std::process::Command;

fn run(args: &[&str], file: &str) -> (i32, String, String) {
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
