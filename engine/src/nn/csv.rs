//! A data set of one's own, read from CSV text: the input columns and the label column chosen by
//! name, every problem named by its row and column.
//!
//! Reads what spreadsheets write: a header row, commas or semicolons (or tabs) between fields,
//! fields in double quotes (with `""` for a quote inside), CRLF or LF line ends, a byte-order
//! mark, and a decimal comma where the fields are separated by semicolons. The label decides the
//! task: two distinct values (numbers or words) make a classification with labels ±1, numbers
//! with more values a regression.

use super::data::{DataSet, Rows, Sample, Scale, Task};
use crate::random::SplitMix;

/// The most rows a file may hold: ten times Playground's largest set a thousand times over, and a
/// bound on what a page holds in memory.
pub const MAX_ROWS: usize = 1_000_000;

/// A CSV file's data, ready to split.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Classification (labels ±1) or regression.
    pub task: Task,
    /// One sample per row, inputs in the order the columns were chosen.
    pub samples: Vec<Sample>,
    /// For classification, the label values read as -1 and +1.
    pub classes: Option<[String; 2]>,
}

/// Reads `text` as CSV with a header row, taking the columns named in `inputs` as x and `label`
/// as y; or says what is wrong and where (row numbers count the header as row 1, as a
/// spreadsheet shows them).
pub fn read(text: &str, inputs: &[&str], label: &str) -> Result<Table, String> {
    read_at_most(text, inputs, label, MAX_ROWS)
}

/// The column names in the header row of `text`, or why it has none to choose from; the rest of
/// the file is not read.
pub fn columns(text: &str) -> Result<Vec<String>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((_, header)) = records(text).next() else {
        return Err("the file is empty: it needs a header row and rows of data".into());
    };
    let names = fields(header, separator(header), 1)?;
    if names.len() < 2 {
        return Err(format!(
            "the file has one column ('{}'): it needs input columns and a label column, \
             separated by commas or semicolons",
            names.first().map_or("", String::as_str)
        ));
    }
    // Columns are chosen by name, so every name must say which column it is.
    for (k, name) in names.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(format!(
                "column {} of the header has no name: every column needs one",
                k + 1
            ));
        }
        if let Some(first) = names[..k].iter().position(|n| n.trim() == name.trim()) {
            return Err(format!(
                "columns {} and {} are both named '{}': each needs its own name",
                first + 1,
                k + 1,
                excerpt(name.trim())
            ));
        }
    }
    Ok(names)
}

/// [`read`] as a data set of the user's own, named `file`, with at most `most` rows (a page
/// trains on fewer rows than the command line reads).
pub fn rows(
    text: &str,
    file: &str,
    inputs: &[&str],
    label: &str,
    scale: Scale,
    most: usize,
) -> Result<Rows, String> {
    let table = read_at_most(text, inputs, label, most)?;
    Ok(Rows {
        file: file.to_string(),
        columns: inputs.iter().map(|c| c.trim().to_string()).collect(),
        label: label.trim().to_string(),
        labels: table.classes,
        scale,
        samples: table.samples.into(),
    })
}

fn read_at_most(text: &str, inputs: &[&str], label: &str, most: usize) -> Result<Table, String> {
    let names = columns(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = records(text);
    let separator = lines.next().map_or(',', |(_, header)| separator(header));
    let column = |name: &str| {
        names
            .iter()
            .position(|n| n.trim() == name.trim())
            .ok_or_else(|| format!("no column '{name}': the columns are {}", names.join(", ")))
    };
    if inputs.is_empty() {
        return Err("choose at least one input column".into());
    }
    let x_columns = inputs
        .iter()
        .map(|n| column(n))
        .collect::<Result<Vec<_>, _>>()?;
    let y_column = column(label)?;
    let decimal_comma = separator == ';';
    let mut xs: Vec<Vec<f64>> = Vec::new();
    // Each label with its row, so a problem found once all are read still names its row.
    let mut ys: Vec<(usize, String)> = Vec::new();
    for (row, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        if xs.len() == most {
            return Err(format!(
                "row {row}: the file has more than {most} rows of data, the most a data set holds here"
            ));
        }
        let cells = fields(line, separator, row)?;
        if cells.len() != names.len() {
            return Err(format!(
                "row {row} has {} fields where the header has {}",
                cells.len(),
                names.len()
            ));
        }
        let x = x_columns
            .iter()
            .map(|&c| number(&cells[c], decimal_comma).map_err(|e| at(row, &names[c], e)))
            .collect::<Result<Vec<f64>, String>>()?;
        let y = cells[y_column].trim();
        if y.is_empty() {
            return Err(at(row, &names[y_column], "the label is missing".into()));
        }
        xs.push(x);
        ys.push((row, y.to_string()));
    }
    if xs.is_empty() {
        return Err("the file has a header but no rows of data".into());
    }
    labels(xs, ys, &names[y_column], decimal_comma)
}

/// `message` placed at a row and a column.
fn at(row: usize, column: &str, message: String) -> String {
    format!("row {row}, column '{column}': {message}")
}

/// The task the labels make, and the samples with their targets.
fn labels(
    xs: Vec<Vec<f64>>,
    ys: Vec<(usize, String)>,
    name: &str,
    decimal_comma: bool,
) -> Result<Table, String> {
    let mut distinct: Vec<&str> = Vec::new();
    for (_, y) in &ys {
        if !distinct.contains(&y.as_str()) {
            distinct.push(y);
            if distinct.len() > 2 {
                break;
            }
        }
    }
    let numeric: Option<Vec<f64>> = ys
        .iter()
        .map(|(_, y)| number(y, decimal_comma).ok())
        .collect();
    if distinct.len() == 1 {
        return Err(format!(
            "the label column '{name}' has one value only ({}): a classifier needs two, and a \
             regression targets that vary",
            distinct[0]
        ));
    }
    if distinct.len() == 2 {
        // The smaller number, or the first word in alphabetical order, is -1.
        let mut classes = [distinct[0].to_string(), distinct[1].to_string()];
        let less = match (
            number(&classes[1], decimal_comma),
            number(&classes[0], decimal_comma),
        ) {
            (Ok(a), Ok(b)) => a < b,
            _ => classes[1] < classes[0],
        };
        if less {
            classes.swap(0, 1);
        }
        let samples = xs
            .into_iter()
            .zip(&ys)
            .map(|(x, (_, y))| Sample {
                x,
                y: if *y == classes[0] { -1.0 } else { 1.0 },
            })
            .collect();
        return Ok(Table {
            task: Task::Binary,
            samples,
            classes: Some(classes),
        });
    }
    let Some(targets) = numeric else {
        let (row, word) = ys
            .iter()
            .find(|(_, y)| number(y, decimal_comma).is_err())
            .map_or((0, ""), |(row, y)| (*row, y.as_str()));
        return Err(at(
            row,
            name,
            format!(
                "'{}' is not a number, and a label column of words must hold two values, not \
                 three or more ({}, …)",
                excerpt(word),
                distinct.join(", ")
            ),
        ));
    };
    let samples = xs
        .into_iter()
        .zip(targets)
        .map(|(x, y)| Sample { x, y })
        .collect();
    Ok(Table {
        task: Task::Regression,
        samples,
        classes: None,
    })
}

/// A cell as a finite number, or why not.
fn number(cell: &str, decimal_comma: bool) -> Result<f64, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Err("the value is missing".into());
    }
    let text = if decimal_comma && !cell.contains('.') {
        cell.replace(',', ".")
    } else {
        cell.to_string()
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("'{}' is not a number", excerpt(cell))),
    }
}

/// At most 24 characters of a cell, for a message.
fn excerpt(cell: &str) -> String {
    match cell.char_indices().nth(24) {
        Some((end, _)) => format!("{}…", &cell[..end]),
        None => cell.to_string(),
    }
}

/// The file's records with their row numbers (from 1). A line break inside quotes belongs to the
/// field, so records are split outside quotes only.
fn records(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut row = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut quoted = false;
        let mut end = rest.len();
        let mut next = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => {
                    end = if rest[..i].ends_with('\r') { i - 1 } else { i };
                    next = i + 1;
                    break;
                }
                _ => {}
            }
        }
        let record = &rest[..end];
        rest = &rest[next..];
        row += 1;
        Some((row, record))
    })
}

/// The separator a header uses: the one of `,` `;` and tab that occurs most outside quotes.
fn separator(header: &str) -> char {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    [',', ';', '\t'][best]
}

/// A record's fields, quotes removed (`""` inside quotes is one `"`).
fn fields(record: &str, separator: char, row: usize) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = record.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, c) if c == separator => out.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err(format!("row {row}: a quote is opened and never closed"));
    }
    out.push(field);
    Ok(out)
}

impl Table {
    /// The rows shuffled by `seed` and split: the first `train_fraction` of them for training,
    /// the rest for testing (at least one row trains).
    pub fn split(&self, train_fraction: f64, seed: u64) -> DataSet {
        let mut samples = self.samples.clone();
        SplitMix::new(seed).shuffle(&mut samples);
        let fraction = if train_fraction.is_finite() {
            train_fraction.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let cut = ((samples.len() as f64 * fraction).round() as usize).clamp(1, samples.len());
        let test = samples.split_off(cut);
        DataSet {
            task: self.task,
            train: samples,
            test,
        }
    }
}

/// `data` as CSV that [`read`] reads back: the inputs under `inputs`' names, the label under
/// `label` (as the file's own values where `labels` gives them), and whether each point trains.
pub fn write(
    data: &DataSet,
    inputs: &[String],
    label: &str,
    labels: Option<&[String; 2]>,
) -> String {
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.into_iter().map(|c| quoted(&c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    line(
        inputs
            .iter()
            .cloned()
            .chain([label.into(), "set".into()])
            .collect(),
    );
    for (set, samples) in [("train", &data.train), ("test", &data.test)] {
        for s in samples {
            let y = match labels {
                Some(names) => names[usize::from(s.y > 0.0)].clone(),
                None => s.y.to_string(),
            };
            line(
                s.x.iter()
                    .map(f64::to_string)
                    .chain([y, set.into()])
                    .collect(),
            );
        }
    }
    out
}

/// A cell as written: in quotes when it holds a separator, a quote or a line break.
fn quoted(cell: &str) -> String {
    if cell.contains([',', ';', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        read(text, &["x1", "x2"], "label").unwrap_err()
    }

    #[test]
    fn reads_what_spreadsheets_write() {
        let plain = "x1,x2,label\n1,2,a\n3,4,b\n5,6,a\n";
        let table = read(plain, &["x1", "x2"], "label").unwrap();
        assert_eq!(table.task, Task::Binary);
        assert_eq!(table.classes, Some(["a".into(), "b".into()]));
        let ys: Vec<f64> = table.samples.iter().map(|s| s.y).collect();
        assert_eq!(ys, [-1.0, 1.0, -1.0]);
        assert_eq!(table.samples[1].x, [3.0, 4.0]);
        // BOM, CRLF, quotes (with a separator and a quote inside), columns in another order.
        let excel = "\u{feff}\"label\",\"x2\",\"x1\"\r\n\"b, or \"\"c\"\"\",2,1\r\na,4,3\r\n";
        let table = read(excel, &["x1", "x2"], "label").unwrap();
        assert_eq!(table.samples[0].x, [1.0, 2.0]);
        assert_eq!(table.classes, Some(["a".into(), "b, or \"c\"".into()]));
        // Semicolons with decimal commas, and a tab-separated file.
        let european = "x1;x2;label\n1,5;-2,25;0\n0,5;1;1\n";
        let table = read(european, &["x1", "x2"], "label").unwrap();
        assert_eq!(table.samples[0].x, [1.5, -2.25]);
        assert_eq!(table.samples[0].y, -1.0);
        let tabs = "x1\tx2\tlabel\n1\t2\t0.5\n3\t4\t1.5\n5\t6\t-2\n";
        let table = read(tabs, &["x1", "x2"], "label").unwrap();
        assert_eq!(table.task, Task::Regression);
        assert_eq!(table.samples[2].y, -2.0);
    }

    #[test]
    fn every_problem_is_named_with_its_row_and_column() {
        assert!(error("").contains("empty"));
        assert!(error("x1\n1\n2\n").contains("one column ('x1')"));
        assert!(error("x1,x2,label\n").contains("no rows of data"));
        assert_eq!(
            error("x1,x2,label\n1,2,a\n1,abc,b\n"),
            "row 3, column 'x2': 'abc' is not a number"
        );
        assert_eq!(
            error("x1,x2,label\n1,2,a\n,2,b\n"),
            "row 3, column 'x1': the value is missing"
        );
        assert_eq!(
            error("x1,x2,label\n1,2,a\n1,2\n"),
            "row 3 has 2 fields where the header has 3"
        );
        assert!(error("x1,x2,label\n1,2,a\n3,4,a\n").contains("one value only (a)"));
        assert!(error("x1,x2,label\n1,2,a\n3,4,b\n5,6,c\n").starts_with("row 2, column 'label'"));
        assert!(
            error("x1,x2,y\n1,2,3\n").starts_with("no column 'label': the columns are x1, x2, y")
        );
        assert!(error("x1,x2,label\n1,\"2,a\n").contains("never closed"));
        assert!(error("x1,x2,label\n1,inf,a\n2,3,b\n").contains("'inf' is not a number"));
    }

    #[test]
    fn a_split_is_a_shuffle_cut_at_the_training_share() {
        let text: String = std::iter::once("x1,x2,label\n".to_string())
            .chain((0..100).map(|i| format!("{i},{},{}\n", -i, i % 2)))
            .collect();
        let table = read(&text, &["x1", "x2"], "label").unwrap();
        let data = table.split(0.8, 4);
        assert_eq!((data.train.len(), data.test.len()), (80, 20));
        assert_eq!(data, table.split(0.8, 4));
        let mut all: Vec<f64> = data
            .train
            .iter()
            .chain(&data.test)
            .map(|s| s.x[0])
            .collect();
        crate::sort::sort_floats(&mut all);
        assert_eq!(all, (0..100).map(f64::from).collect::<Vec<_>>());
        assert_eq!(table.split(0.0, 1).train.len(), 1);
    }

    #[test]
    fn the_header_gives_the_columns_to_choose_from() {
        assert_eq!(
            columns("\u{feff}hours;\"score, %\";passed\r\n1;2;yes").unwrap(),
            ["hours", "score, %", "passed"]
        );
        assert!(columns("").unwrap_err().contains("empty"));
        assert!(columns("x\n1\n").unwrap_err().contains("one column ('x')"));
        assert_eq!(
            columns(",,\n1,2,3").unwrap_err(),
            "column 1 of the header has no name: every column needs one"
        );
        assert_eq!(
            columns("x, x ,label\n1,2,3").unwrap_err(),
            "columns 1 and 2 are both named 'x': each needs its own name"
        );
        // Only the header is read: a broken row further down is found when the rows are.
        assert_eq!(columns("a,b\n\"open").unwrap(), ["a", "b"]);
    }

    #[test]
    fn a_page_reads_fewer_rows_than_the_command_line() {
        let mut text = String::from("x,y\n");
        for i in 0..12 {
            text.push_str(&format!("{i},{}\n", i % 2));
        }
        let rows = rows(&text, "f.csv", &["x"], "y", Scale::Range, 12).unwrap();
        assert_eq!(rows.samples.len(), 12);
        assert_eq!(rows.columns, ["x"]);
        assert_eq!(rows.labels, Some(["0".into(), "1".into()]));
        let refused = super::rows(&text, "f.csv", &["x"], "y", Scale::Range, 10).unwrap_err();
        assert!(
            refused.starts_with("row 12: the file has more than 10 rows"),
            "{refused}"
        );
    }

    #[test]
    fn a_written_data_set_reads_back() {
        let data = DataSet {
            task: Task::Binary,
            train: vec![Sample {
                x: vec![0.1, -2.5e-7],
                y: 1.0,
            }],
            test: vec![Sample {
                x: vec![3.0, 1.0 / 3.0],
                y: -1.0,
            }],
        };
        let names = ["hours".to_string(), "score, %".to_string()];
        let labels = ["fail".to_string(), "pass \"A\"".to_string()];
        let text = write(&data, &names, "grade", Some(&labels));
        assert_eq!(
            text.lines().next(),
            Some("hours,\"score, %\",grade,set"),
            "{text}"
        );
        let table = read(&text, &["hours", "score, %"], "grade").unwrap();
        assert_eq!(table.classes, Some(labels));
        let back: Vec<Sample> = data.train.iter().chain(&data.test).cloned().collect();
        assert_eq!(table.samples, back, "numbers keep every bit");
        let line = DataSet {
            task: Task::Regression,
            train: vec![Sample {
                x: vec![0.1],
                y: 1.5,
            }],
            test: vec![Sample {
                x: vec![3.0],
                y: -1.0,
            }],
        };
        let regression = write(&line, &names[..1], "y", None);
        assert_eq!(regression, "hours,y,set\n0.1,1.5,train\n3,-1,test\n");
    }
}
