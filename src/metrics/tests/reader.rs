//! Reader tests beyond the shared vectors.

use std::io::{self, BufRead, BufReader, Read};

use crate::metrics::*;

fn read(text: &str, column: Option<Column<'_>>) -> Result<ReadSummary, MetricsError> {
    read_scores(text.as_bytes(), column, Scale::NPS)
}

#[test]
fn bom_crlf_quoted_named_column() {
    let text =
        "\u{feff}\"id\",\"nps\",note\r\n1,\"10\",\"a, b\"\r\n2, 7 ,\"x \"\"y\"\"\"\r\n\r\n3,\"0\",\r\n";
    let s = read(text, Some(Column::Name("nps"))).expect("valid");
    assert_eq!(s.histogram.counts(), &[1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
    assert_eq!(s.header.as_deref(), Some("nps"));
    assert_eq!((s.column, s.rows, s.blank_lines, s.lines), (2, 3, 1, 5));
}

#[test]
fn bom_then_named_first_column() {
    // The BOM must not become part of the first header name.
    let s = read("\u{feff}score,x\n9,1\n", Some("score".into())).expect("valid");
    assert_eq!(s.histogram.count(9), 1);
}

#[test]
fn bad_cell_names_row_and_column() {
    let text = "a,b,nps\n1,2,9\n\n3,4, 12 \n";
    let e = read(text, Some(Column::Name("nps"))).expect_err("12 is off the scale");
    assert_eq!(e.location(), Some(Location::cell(4, 3)));
    assert_eq!(e.code(), "out_of_range");
    let msg = e.to_string();
    assert!(
        msg.contains("12") && msg.contains("row 4") && msg.contains("column 3"),
        "{msg}"
    );
}

#[test]
fn row_of_multiline_record_is_its_first_line() {
    let text = "note,nps\n\"two\nlines\",x\n";
    let e = read(text, Some(Column::Name("nps"))).expect_err("x");
    assert_eq!(e.location(), Some(Location::cell(2, 2)));
    // The row after a multi-line record has the right line number too.
    let text = "note,nps\n\"two\nlines\",9\nok,y\n";
    let e = read(text, Some(Column::Name("nps"))).expect_err("y");
    assert_eq!(e.location(), Some(Location::cell(4, 2)));
}

#[test]
fn column_index_rules() {
    assert_eq!(
        read("1\n", Some(Column::Index(0))),
        Err(MetricsError::InvalidColumnIndex { index: 0 })
    );
    let s = read("5,6\n7,8\n", Some(Column::Index(1))).expect("no header");
    assert_eq!((s.header, s.rows), (None, 2));
    let s = read("q1,q2\n5,6\n", Some(1.into())).expect("header");
    assert_eq!(s.header.as_deref(), Some("q1"));
}

#[test]
fn duplicate_and_missing_names() {
    let e = read("nps,nps\n1,2\n", Some(Column::Name("nps"))).expect_err("dup");
    assert_eq!(
        e,
        MetricsError::DuplicateColumn {
            name: "nps".into(),
            columns: vec![1, 2]
        }
    );
    let e = read(" a , b \n1,2\n", Some(Column::Name("c"))).expect_err("missing");
    assert_eq!(
        e,
        MetricsError::ColumnNotFound {
            name: "c".into(),
            available: vec!["a".into(), "b".into()]
        }
    );
    // Names are matched after trimming.
    assert!(read(" a , b \n1,2\n", Some(Column::Name("b"))).is_ok());
}

#[test]
fn whitespace_only_lines_are_blank_and_numbers_like_7_0_are_whole() {
    let s = read("  \n\t\n7.0\n 1e1 \n+3\n", None).expect("valid");
    assert_eq!(s.histogram.counts(), &[0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
    assert_eq!(s.blank_lines, 2);
}

#[test]
fn non_utf8_cell_is_not_a_number() {
    let bytes: &[u8] = b"9\n\xFF\xFE\n";
    let e = read_scores(bytes, None, Scale::NPS).expect_err("bad bytes");
    assert_eq!(e.code(), "not_a_number");
    assert_eq!(e.location(), Some(Location::cell(2, 1)));
}

#[test]
fn file_without_trailing_newline_and_single_line() {
    assert_eq!(read("9", None).expect("valid").rows, 1);
    assert_eq!(read("nps\n9\n10", None).expect("valid").rows, 2);
}

struct FailingReader {
    sent: bool,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.sent {
            return Err(io::Error::other("disk gone"));
        }
        self.sent = true;
        let data = b"9\n8\n";
        buf[..data.len()].copy_from_slice(data);
        Ok(data.len())
    }
}

#[test]
fn io_errors_are_reported_with_row() {
    let r = BufReader::new(FailingReader { sent: false });
    let e = read_scores(r, None, Scale::NPS).expect_err("io");
    match e {
        MetricsError::Io { row, message } => {
            assert_eq!(row, 3);
            assert!(message.contains("disk gone"));
        }
        other => panic!("unexpected {other}"),
    }
}

/// A BufRead that hands out data in tiny chunks, to exercise line joins.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.len().min(buf.len()).min(3);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn small_reads_give_the_same_result() {
    let text = "\u{feff}id,\"n\"\"ps\"\r\n1,\"9\"\r\n2,\"line\none\"\r\n";
    let r = BufReader::with_capacity(4, Trickle(text.as_bytes()));
    let e = read_scores(r, Some(Column::Name("n\"ps")), Scale::NPS).expect_err("text");
    assert_eq!(e.location(), Some(Location::cell(3, 2)));
    let r: Box<dyn BufRead> = Box::new(BufReader::with_capacity(4, Trickle(b"1\n2\n")));
    assert_eq!(read_scores(r, None, Scale::NPS).expect("ok").rows, 2);
}

#[test]
fn hundred_thousand_rows_stream_correctly() {
    let mut text = String::from("id,nps\n");
    for i in 0..100_000u32 {
        text.push_str(&format!("{i},{}\n", i % 11));
    }
    let s = read(&text, Some(Column::Name("nps"))).expect("valid");
    assert_eq!(s.rows, 100_000);
    assert_eq!(s.histogram.count(0), 9091);
    assert_eq!(s.histogram.count(10), 9090);
}

#[test]
fn other_scales() {
    let s = read_scores("sat\n1\n5\n".as_bytes(), None, Scale::ONE_TO_FIVE).expect("ok");
    assert_eq!(csi(&s.histogram).expect("csi").mean, 3.0);
    let e = read_scores("0\n".as_bytes(), None, Scale::ONE_TO_FIVE).expect_err("0");
    assert_eq!(e.code(), "out_of_range");
}
