//! Small workbooks written in memory — a company's PPM report, a cohort's placement
//! board: a few hundred rows, one sheet per table, a bold header row kept in view. (The
//! large exports stream instead: `ssr::export`.)

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// One cell of a row.
pub enum Value {
    Text(String),
    Number(Option<i64>),
}

/// Adds a sheet named `name` with a header row and the rows, its columns fitted.
pub fn sheet(workbook: &mut Workbook, name: &str, header: &[&str], rows: Vec<Vec<Value>>) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let sheet: &mut Worksheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, row) in rows.into_iter().enumerate() {
        let line = i as u32 + 1;
        for (col, value) in row.into_iter().enumerate() {
            let col = col as u16;
            match value {
                Value::Text(text) => {
                    sheet.write_string(line, col, text)?;
                }
                Value::Number(Some(n)) => {
                    sheet.write_number(line, col, n as f64)?;
                }
                Value::Number(None) => {}
            }
        }
    }
    sheet.autofit();
    Ok(())
}
