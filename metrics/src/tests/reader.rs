//! Reader tests beyond the shared vectors.

use std::io::{self, BufRead, BufReader, Read};

use crate::*;

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
fn bytes_that_are_not_utf8_name_row_and_column() {
    let bytes: &[u8] = b"9\n\xFF\xFE\n";
    let e = read_scores(bytes, None, Scale::NPS).expect_err("bad bytes");
    assert_eq!(e.code(), "invalid_encoding");
    assert_eq!(e.location(), Some(Location::cell(2, 1)));
    assert_eq!(e.to_string(), "byte FF is not valid UTF-8 (at row 2, column 1)");
    // In a later cell of a record that spans lines: the line of the byte.
    let bytes: &[u8] = b"a,note,nps\n1,\"x\ny\xC3\",9\n";
    let e = read_scores(bytes, Some(Column::Name("nps")), Scale::NPS).expect_err("cut character");
    assert_eq!(e.location(), Some(Location::cell(3, 2)));
    // In GB18030, FF is never valid either.
    let e = read_scores_with(
        b"id,nps\n1,\xFF\n".as_slice(),
        Some(2.into()),
        Scale::NPS,
        Encoding::Gb18030,
    )
    .expect_err("FF");
    assert_eq!(e.to_string(), "byte FF is not valid GB18030 (at row 2, column 2)");
}

#[test]
fn gb18030_header_names_and_full_width_scores() {
    // 推荐 in GB18030 after its byte-order mark (84 31 95 33).
    let mut bytes = vec![0x84, 0x31, 0x95, 0x33];
    bytes.extend(b"id,\xCD\xC6\xBC\xF6\r\n1,\xA3\xB9\r\n2,10\r\n");
    let s = read_scores_with(
        bytes.as_slice(),
        Some(Column::Name("推荐")),
        Scale::NPS,
        Encoding::Auto,
    )
    .expect("GB18030");
    assert_eq!(s.encoding, Encoding::Gb18030);
    assert_eq!(s.header.as_deref(), Some("推荐"));
    // A3 B9 is the full-width ９.
    assert_eq!(s.histogram.count(9), 1);
    assert_eq!(s.histogram.count(10), 1);
    // The first header cell is `id`, with no byte-order mark left in it.
    let ids = read_scores_with(
        bytes.as_slice(),
        Some(Column::Name("id")),
        Scale::NPS,
        Encoding::Auto,
    )
    .expect("ids 1 and 2");
    assert_eq!(ids.header.as_deref(), Some("id"));
    assert_eq!(ids.histogram.counts(), &[0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    let names = read_scores_with(
        bytes.as_slice(),
        Some(Column::Name("x")),
        Scale::NPS,
        Encoding::Gb18030,
    )
    .expect_err("no x");
    assert_eq!(
        names,
        MetricsError::ColumnNotFound {
            name: "x".into(),
            available: vec!["id".into(), "推荐".into()]
        }
    );
}

#[test]
fn detection_reads_in_chunks_and_keeps_characters_whole() {
    // A three-byte character across the 64 KiB chunk boundary is still UTF-8.
    let mut text = "9\n".repeat(21_845); // 65,535 bytes
    text.push('\u{4E2D}');
    text.push('\n');
    let slow = SlowReader {
        data: text.as_bytes(),
        step: 7_000,
    };
    assert_eq!(Encoding::detect(slow).expect("read"), Encoding::Utf8);
    assert_eq!(Encoding::detect(text.as_bytes()).expect("read"), Encoding::Utf8);
    // A character cut off by the end of the file is not.
    let cut = &text.as_bytes()[..text.len() - 2];
    assert_eq!(Encoding::detect(cut).expect("read"), Encoding::Gb18030);
    assert_eq!(Encoding::detect_bytes(cut), Encoding::Gb18030);
    assert_eq!(Encoding::detect(&b""[..]).expect("read"), Encoding::Utf8);
}

/// Hands out at most `step` bytes per read.
struct SlowReader<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for SlowReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn encoding_names() {
    for (text, want) in [
        ("auto", Encoding::Auto),
        ("UTF-8", Encoding::Utf8),
        ("utf8", Encoding::Utf8),
        ("gb18030", Encoding::Gb18030),
        ("GBK", Encoding::Gb18030),
    ] {
        assert_eq!(text.parse::<Encoding>(), Ok(want), "{text}");
    }
    assert!(
        "latin1"
            .parse::<Encoding>()
            .unwrap_err()
            .contains("auto, utf-8 or gb18030")
    );
    assert_eq!(Encoding::Gb18030.name(), "gb18030");
    assert_eq!(serde_json::to_value(Encoding::Utf8).expect("json"), "utf-8");
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
