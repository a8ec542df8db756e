//! A corpus of CSV files, good and bad, through `chainrule train --data-file`: each either trains
//! or is refused with a message that names the row and column (never a panic, never a hang).

use std::path::PathBuf;
use std::process::{Command, Output};

/// Writes `contents` to a fresh file named `name` and trains on it with `extra` options.
fn train(name: &str, contents: &[u8], extra: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("chainrule-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    let file = path.to_str().unwrap();
    let mut args = vec!["train", "--data-file", file];
    if !extra.contains(&"--epochs") {
        args.extend(["--epochs", "2"]);
    }
    args.extend_from_slice(extra);
    let output = Command::new(env!("CARGO_BIN_EXE_chainrule"))
        .args(&args)
        .output()
        .expect("the chainrule binary runs");
    std::fs::remove_file(&path).unwrap();
    output
}

fn trains(name: &str, contents: &[u8], extra: &[&str]) -> String {
    let output = train(name, contents, extra);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{name}: {err}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(name: &str, contents: &[u8], extra: &[&str]) -> String {
    let output = train(name, contents, extra);
    assert_eq!(output.status.code(), Some(2), "{name} should be refused");
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!message.contains("panicked"), "{name}: {message}");
    assert!(
        message.contains(name),
        "{name}: the message names the file: {message}"
    );
    message
}

/// n rows of two inputs and a 0/1 label, separated by `sep`, ending lines with `end`.
fn rows(n: usize, sep: &str, end: &str) -> String {
    let mut text = format!("x1{sep}x2{sep}label{end}");
    for i in 0..n {
        let (a, b) = ((i % 17) as f64 - 8.0, (i % 11) as f64 - 5.0);
        text.push_str(&format!("{a}{sep}{b}{sep}{}{end}", u8::from(a * b > 0.0)));
    }
    text
}

#[test]
fn good_files_train() {
    let out = trains("plain.csv", rows(40, ",", "\n").as_bytes(), &[]);
    assert!(out.contains("2 parameters") || out.contains("parameters, 20 training and 20 test"));
    trains("crlf.csv", rows(40, ",", "\r\n").as_bytes(), &[]);
    trains("semicolons.csv", rows(40, ";", "\n").as_bytes(), &[]);
    trains("tabs.tsv", rows(40, "\t", "\n").as_bytes(), &[]);
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend(rows(40, ",", "\r\n").as_bytes());
    trains("bom.csv", &bom, &[]);
    let quoted = "\"x1\",\"x2\",\"label\"\n\"1\",\"2\",\"yes, really\"\n\"-1\",\"0.5\",\"no\"\n";
    trains("quoted.csv", quoted.as_bytes(), &[]);
    let decimal_commas = "x1;x2;label\n1,5;2,25;a\n-0,5;1;b\n";
    trains("decimal-commas.csv", decimal_commas.as_bytes(), &[]);
    let other_names = "height,weight,size\n1.7,60,1.2\n1.8,80,2.5\n1.6,55,0.9\n";
    let out = trains(
        "regression.csv",
        other_names.as_bytes(),
        &[
            "--x",
            "height,weight",
            "--y",
            "size",
            "--train-fraction",
            "1",
        ],
    );
    assert!(out.contains("3 training and 0 test"), "{out}");
    let out = trains(
        "large.csv",
        rows(100_000, ",", "\n").as_bytes(),
        &["--epochs", "1"],
    );
    assert!(out.contains("50000 training and 50000 test"), "{out}");
}

#[test]
fn bad_files_are_refused_with_the_row_and_column() {
    assert!(refused("empty.csv", b"", &[]).contains("empty"));
    assert!(refused("one-column.csv", b"x\n1\n2\n", &[]).contains("one column ('x')"));
    let text = "x1,x2,label\n1,2,0\n3,four,1\n";
    let message = refused("text-in-numbers.csv", text.as_bytes(), &[]);
    assert!(
        message.contains("row 3, column 'x2': 'four' is not a number"),
        "{message}"
    );
    let message = refused("missing.csv", b"x1,x2,label\n1,2,0\n3,4,\n", &[]);
    assert!(
        message.contains("row 3, column 'label': the label is missing"),
        "{message}"
    );
    let message = refused("one-class.csv", b"x1,x2,label\n1,2,1\n3,4,1\n", &[]);
    assert!(message.contains("one value only (1)"), "{message}");
    let message = refused("ragged.csv", b"x1,x2,label\n1,2,1\n3,4\n", &[]);
    assert!(
        message.contains("row 3 has 2 fields where the header has 3"),
        "{message}"
    );
    let message = refused(
        "no-such-column.csv",
        rows(4, ",", "\n").as_bytes(),
        &["--y", "class"],
    );
    assert!(
        message.contains("no column 'class': the columns are x1, x2, label"),
        "{message}"
    );
    let message = refused("not-text.csv", b"x1,x2,label\n1,2,\xff\n", &[]);
    assert!(
        message.contains("not text (UTF-8): row 2 has a byte that is not (byte 17)"),
        "{message}"
    );
    let message = refused("open-quote.csv", b"x1,x2,label\n1,\"2,1\n", &[]);
    assert!(message.contains("never closed"), "{message}");
}

#[test]
fn a_50_mb_file_is_refused_at_the_row_past_the_limit() {
    // Two and a half million rows of six-decimal numbers: more than a data set holds.
    let mut big = String::from("x1,x2,label\n");
    for i in 0..2_500_000u32 {
        let a = f64::from(i % 1000) / 7.0 - 70.0;
        big.push_str(&format!("{a:.6},{:.6},{}\n", -a / 3.0, i % 2));
    }
    assert!(big.len() > 50_000_000, "{} bytes", big.len());
    let message = refused("50mb.csv", big.as_bytes(), &[]);
    assert!(
        message.contains("row 1000002: the file has more than 1000000 rows"),
        "{message}"
    );
}
