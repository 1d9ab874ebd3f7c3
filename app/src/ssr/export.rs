//! Staff exports: who may take which file, and the files themselves, written while the
//! rows stream from the database so that 100,000 rows never sit in memory at once.
//! CSV goes out chunk by chunk as it is written; XLSX is written in constant-memory mode
//! (one row in memory, the rest on disk) on a blocking thread, then sent from the disk.
//! Each XLSX also carries the data dictionary of its columns as a second sheet.

use super::export_progress::Tracker;
use super::repo::export::{selection, Selection};
use super::repo::postings::{bind_all, Guard};
use crate::domain::account::CurrentUser;
use crate::domain::export::{ColumnType, Dataset, ExportFormat};
use crate::domain::statistics::StatisticsQuery;
use crate::domain::validation::FieldError;
use crate::wire::dictionary::{self, DictionaryColumn};
use futures::TryStreamExt;
use sqlx::{AnyPool, Row};

/// Why an export is refused.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// No such file.
    NotFound,
    NotSignedIn,
    /// Not staff, the audit log for regency staff, or another regency than one's own.
    Forbidden,
    Invalid(Vec<FieldError>),
}

/// An export that may go ahead.
#[derive(Debug)]
pub struct Export {
    pub dataset: Dataset,
    pub format: ExportFormat,
    pub selection: Selection,
    /// `mitra-desa-kebutuhan-64.02-2026-2026-12-02.xlsx`
    pub file_name: String,
}

/// Checks a request for `file` (`kebutuhan.csv`) with the view's filters.
pub fn plan(caller: Option<&CurrentUser>, file: &str, view: &StatisticsQuery) -> Result<Export, Refusal> {
    let (name, extension) = file.rsplit_once('.').ok_or(Refusal::NotFound)?;
    let dataset = Dataset::parse(name).ok_or(Refusal::NotFound)?;
    let format = ExportFormat::parse(extension).ok_or(Refusal::NotFound)?;
    let user = caller.ok_or(Refusal::NotSignedIn)?;
    let guard = Guard::for_staff(user).filter(|_| dataset.allowed_for(user)).ok_or(Refusal::Forbidden)?;
    let valid = view.validate().map_err(Refusal::Invalid)?;
    if let (Guard::Regency(own), Some(asked)) = (&guard, &valid.regency) {
        if own != asked {
            return Err(Refusal::Forbidden);
        }
    }
    let mut parts = vec!["mitra-desa".to_owned(), dataset.as_str().replace('_', "-")];
    parts.extend(valid.regency.clone().or_else(|| match &guard {
        Guard::Regency(own) => Some(own.clone()),
        _ => None,
    }));
    parts.extend(valid.sector.map(|s| s.as_str().replace('_', "-")));
    parts.extend(valid.year.map(|y| y.to_string()));
    parts.push(super::db::today());
    Ok(Export {
        dataset,
        format,
        selection: selection(dataset, &guard, &valid),
        file_name: format!("{}.{}", parts.join("-"), format.as_str()),
    })
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Number(i64),
    Text(String),
}

fn cells(row: &sqlx::any::AnyRow, kinds: &[ColumnType]) -> Result<Vec<Cell>, sqlx::Error> {
    kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            Ok(if kind.is_number() {
                row.try_get::<Option<i64>, _>(i)?.map_or(Cell::Empty, Cell::Number)
            } else {
                row.try_get::<Option<String>, _>(i)?.map_or(Cell::Empty, Cell::Text)
            })
        })
        .collect()
}

/// A text a spreadsheet would take for a formula (`=…`, `+…`, `-…`, `@…`) starts with an
/// apostrophe in the CSV, so that opening the file never runs what a user typed.
fn csv_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

fn csv_record(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|cell| match cell {
            Cell::Empty => String::new(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(text) => csv_text(text).into_owned(),
        })
        .collect()
}

/// How many bytes of CSV are gathered before they are sent.
const CHUNK: usize = 64 * 1024;

type Chunk = Result<bytes::Bytes, std::io::Error>;

/// The CSV file, as chunks written while the rows are read (UTF-8 with a byte-order mark,
/// which spreadsheets need to read it as UTF-8; a header row of the dictionary's names).
/// A database error mid-way ends the stream with an error, so the download fails visibly
/// rather than looking complete.
pub fn csv(
    pool: AnyPool,
    export: Export,
    progress: Option<Tracker>,
) -> impl futures::Stream<Item = Chunk> + Send + 'static {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Chunk>(4);
    tokio::spawn(async move {
        let result = write_csv(&pool, &export, &sender, progress.as_ref()).await;
        if let Err(err) = result {
            tracing::error!(error = %err, dataset = export.dataset.as_str(), "CSV export failed");
            if let Some(progress) = progress {
                progress.failed();
            }
            let _ = sender.send(Err(std::io::Error::other(err.to_string()))).await;
        } else {
            // Complete before the download ends (the stream ends when the sender goes).
            drop(progress);
        }
        drop(sender);
    });
    futures::stream::unfold(receiver, |mut receiver| async move { receiver.recv().await.map(|c| (c, receiver)) })
}

async fn write_csv(
    pool: &AnyPool,
    export: &Export,
    sender: &tokio::sync::mpsc::Sender<Chunk>,
    progress: Option<&Tracker>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let columns = export.dataset.columns();
    let kinds: Vec<ColumnType> = columns.iter().map(|c| c.kind).collect();
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    writer.write_record(columns.iter().map(|c| c.name))?;
    let mut conn = super::db::scan_connection(pool).await?;
    let mut rows = bind_all!(sqlx::query(&export.selection.sql), &export.selection.binds).fetch(&mut *conn);
    let mut written: u64 = 0;
    while let Some(row) = rows.try_next().await? {
        writer.write_record(csv_record(&cells(&row, &kinds)?))?;
        written += 1;
        if let Some(progress) = progress.filter(|_| written.is_multiple_of(Tracker::EVERY)) {
            progress.rows(written);
        }
        if writer.get_ref().len() >= CHUNK {
            let full = std::mem::replace(&mut writer, csv::Writer::from_writer(Vec::with_capacity(CHUNK * 2)));
            let chunk = full.into_inner().map_err(|err| err.into_error())?;
            if sender.send(Ok(chunk.into())).await.is_err() {
                return Ok(()); // The client went away.
            }
        }
    }
    drop(rows);
    let _ = conn.close().await;
    let rest = writer.into_inner().map_err(|err| err.into_error())?;
    let _ = sender.send(Ok(rest.into())).await;
    Ok(())
}

/// How many rows an export will hold (counted before a followed export starts).
pub async fn count(pool: &AnyPool, export: &Export) -> Result<i64, sqlx::Error> {
    let sql = format!("select count(*) from ({}) counted", export.selection.sql);
    bind_all!(sqlx::query_scalar(&sql), &export.selection.binds).fetch_one(pool).await
}

/// The data dictionary as CSV (one line per allowed value of a choice, or per column).
pub fn dictionary_csv() -> Vec<u8> {
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let header = ["data", "kolom", "tipe", "arti", "meaning", "nilai", "arti_nilai", "value_meaning"];
    let _ = writer.write_record(header);
    for column in dictionary::dictionary() {
        let base = [column.dataset.as_str(), &column.column, &column.kind, &column.id, &column.en];
        if column.values.is_empty() {
            let _ = writer.write_record(base.iter().copied().chain(["", "", ""]));
        }
        for value in &column.values {
            let _ = writer.write_record(base.iter().copied().chain([value.value.as_str(), &value.id, &value.en]));
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// The XLSX file, written to a temporary file that is already unlinked: it disappears
/// when the returned handle is dropped.
pub async fn xlsx(
    pool: &AnyPool,
    export: &Export,
    progress: Option<&Tracker>,
) -> Result<std::fs::File, Box<dyn std::error::Error + Send + Sync>> {
    let columns = export.dataset.columns();
    let kinds: Vec<ColumnType> = columns.iter().map(|c| c.kind).collect();
    let (sender, receiver) = tokio::sync::mpsc::channel::<Vec<Cell>>(1024);
    let names: Vec<&'static str> = columns.iter().map(|c| c.name).collect();
    let described = dictionary::columns(export.dataset);
    let sheet = export.dataset.as_str().to_owned();
    let writer = tokio::task::spawn_blocking(move || write_xlsx(&sheet, &names, &described, receiver));
    let mut conn = super::db::scan_connection(pool).await?;
    let mut rows = bind_all!(sqlx::query(&export.selection.sql), &export.selection.binds).fetch(&mut *conn);
    let mut read = Ok(());
    let mut written: u64 = 0;
    loop {
        match rows.try_next().await.and_then(|row| row.map(|row| cells(&row, &kinds)).transpose()) {
            Ok(Some(cells)) => {
                written += 1;
                if let Some(progress) = progress.filter(|_| written.is_multiple_of(Tracker::EVERY)) {
                    progress.rows(written);
                }
                // A full channel waits for the writer: rows are read no faster than written.
                if sender.send(cells).await.is_err() {
                    break;
                }
            }
            Ok(None) => break,
            Err(err) => {
                read = Err(err);
                break;
            }
        }
    }
    drop(sender);
    drop(rows);
    let _ = conn.close().await;
    let file = writer.await??;
    read?;
    Ok(file)
}

fn write_xlsx(
    sheet: &str,
    names: &[&str],
    described: &[DictionaryColumn],
    mut rows: tokio::sync::mpsc::Receiver<Vec<Cell>>,
) -> Result<std::fs::File, Box<dyn std::error::Error + Send + Sync>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let data = workbook.add_worksheet_with_constant_memory();
    data.set_name(sheet)?;
    for (col, name) in names.iter().enumerate() {
        data.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    data.set_freeze_panes(1, 0)?;
    let mut row_number: u32 = 1;
    while let Some(row) = rows.blocking_recv() {
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    data.write_number(row_number, col, *n as f64)?;
                }
                Cell::Text(text) => {
                    data.write_string(row_number, col, text)?;
                }
            }
        }
        row_number += 1;
    }
    let dictionary = workbook.add_worksheet();
    dictionary.set_name("Kamus data")?;
    let header = ["kolom", "tipe", "arti", "meaning", "nilai yang boleh", "allowed values"];
    for (col, name) in header.iter().enumerate() {
        dictionary.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    for (i, column) in described.iter().enumerate() {
        let row = i as u32 + 1;
        let values = |name: fn(&crate::wire::dictionary::DictionaryValue) -> &str| {
            column.values.iter().map(|v| format!("{} = {}", v.value, name(v))).collect::<Vec<_>>().join("; ")
        };
        dictionary.write_string(row, 0, &column.column)?;
        dictionary.write_string(row, 1, &column.kind)?;
        dictionary.write_string(row, 2, &column.id)?;
        dictionary.write_string(row, 3, &column.en)?;
        dictionary.write_string(row, 4, values(|v| &v.id))?;
        dictionary.write_string(row, 5, values(|v| &v.en))?;
    }
    let temporary = tempfile::NamedTempFile::new()?;
    workbook.save(temporary.path())?;
    let file = temporary.reopen()?;
    drop(temporary);
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Role, Scope};

    fn user(role: Role, scope: Scope) -> CurrentUser {
        CurrentUser { user_id: 1, email: "a@b.id".into(), display_name: "A".into(), role, scope }
    }

    #[test]
    fn only_staff_export_within_their_jurisdiction() {
        let view = StatisticsQuery::default();
        let kukar = user(Role::RegencyStaff, Scope::Regency { code: "64.02".into(), name: "Kukar".into() });
        let province = user(Role::ProvinceStaff, Scope::Province);
        assert_eq!(plan(None, "kebutuhan.csv", &view).unwrap_err(), Refusal::NotSignedIn);
        assert_eq!(plan(Some(&province), "jalan.csv", &view).unwrap_err(), Refusal::NotFound);
        assert_eq!(plan(Some(&province), "kebutuhan.pdf", &view).unwrap_err(), Refusal::NotFound);
        assert_eq!(plan(Some(&kukar), "audit.xlsx", &view).unwrap_err(), Refusal::Forbidden);
        let other = StatisticsQuery { kabupaten: "64.01".into(), ..Default::default() };
        assert_eq!(plan(Some(&kukar), "kebutuhan.csv", &other).unwrap_err(), Refusal::Forbidden);
        let export = plan(Some(&kukar), "kerja_sama.xlsx", &view).unwrap();
        assert!(export.file_name.starts_with("mitra-desa-kerja-sama-64.02-"), "{}", export.file_name);
        assert!(export.selection.binds.contains(&"64.02.".to_owned()));
        let bad = StatisticsQuery { tahun: "abc".into(), ..Default::default() };
        assert!(matches!(plan(Some(&province), "desa.csv", &bad), Err(Refusal::Invalid(_))));
    }

    #[test]
    fn csv_never_hands_a_spreadsheet_a_formula() {
        let row = [Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Number(-3), Cell::Empty, Cell::Text("Desa".into())];
        assert_eq!(csv_record(&row), ["'=HYPERLINK(\"x\")", "-3", "", "Desa"]);
    }
}
