//! Exports for staff (CSV and XLSX) and their data dictionary: which data sets there are,
//! who may take which, and what every column holds — its type, its allowed values and its
//! meaning in Indonesian and English. The values' own names in both languages come from
//! the translations of their vocabulary (see `wire::dictionary`).

use super::account::{CurrentUser, Role};

vocabulary!(
    /// What can be exported. The names are the files' names (`kebutuhan.csv`).
    Dataset {
        Needs => "kebutuhan",
        Offers => "penawaran",
        Matches => "kecocokan",
        Cooperations => "kerja_sama",
        Villages => "desa",
        /// The audit log: province staff only.
        Audit => "audit",
    }
);

vocabulary!(
    ExportFormat {
        Csv => "csv",
        Xlsx => "xlsx",
    }
);

impl ExportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The name a page gives an export it follows (`?kemajuan=…`): 16 to 64 letters, digits,
/// `-` or `_`, so that it is safe in a path and a key.
pub fn progress_token(value: &str) -> Option<&str> {
    let fits =
        (16..=64).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    fits.then_some(value)
}

/// An export's progress as the page reads it: `rows total done`, e.g. `12000 100000 0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportProgress {
    /// Rows written so far.
    pub rows: u64,
    /// Rows the file will hold.
    pub total: u64,
    /// The file is complete (CSV: sent; XLSX: written, and its download begins).
    pub done: bool,
    /// It could not be written (the download fails).
    pub failed: bool,
}

impl ExportProgress {
    /// `rows total state`, the state `0` (being written), `1` (done) or `2` (failed).
    pub fn to_text(self) -> String {
        let state = if self.failed { 2 } else { u8::from(self.done) };
        format!("{} {} {state}", self.rows, self.total)
    }

    pub fn parse(text: &str) -> Option<ExportProgress> {
        let mut parts = text.split_whitespace().map(|part| part.parse::<u64>().ok());
        let (rows, total, state) = (parts.next()??, parts.next()??, parts.next()??);
        Some(ExportProgress { rows, total, done: state == 1, failed: state == 2 })
    }

    /// How much is written, in whole percent (a file of no rows is complete).
    pub fn percent(self) -> u64 {
        (self.rows.min(self.total) * 100).checked_div(self.total).unwrap_or(100)
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// A whole number.
    Integer,
    /// Free text.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A moment, RFC 3339 in UTC (`2026-11-28T07:05:00Z`).
    Timestamp,
    /// A Kemendagri region code (`64.02`, `64.02.16`, `64.02.16.2001`).
    RegionCode,
    /// One of the values the dictionary lists.
    Choice(Vocabulary),
    /// `1` (yes) or `0` (no).
    Flag,
}

/// The closed vocabularies a column may take its values from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    PostingStatus,
    Sector,
    SupportType,
    MatchOrigin,
    MatchStatus,
    CooperationStatus,
    DevelopmentStatus,
    VillageType,
    OrganisationKind,
}

impl ColumnType {
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Text => "text",
            ColumnType::Date => "date",
            ColumnType::Timestamp => "timestamp",
            ColumnType::RegionCode => "region_code",
            ColumnType::Choice(_) => "choice",
            ColumnType::Flag => "flag",
        }
    }

    /// Whether the value is a number in a spreadsheet.
    pub fn is_number(self) -> bool {
        matches!(self, ColumnType::Integer | ColumnType::Flag)
    }
}

/// One column of an export, described in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    pub id: &'static str,
    pub en: &'static str,
}

const fn column(name: &'static str, kind: ColumnType, id: &'static str, en: &'static str) -> Column {
    Column { name, kind, id, en }
}

use ColumnType::{Choice, Date, Flag, Integer, RegionCode, Text, Timestamp};
use Vocabulary as V;

const PLACE: [Column; 5] = [
    column("kode_desa", RegionCode, "Kode Kemendagri desa/kelurahan", "Kemendagri code of the village"),
    column("desa", Text, "Nama desa/kelurahan", "Name of the village"),
    column("kecamatan", Text, "Nama kecamatan", "Name of the district"),
    column("kode_kabupaten", RegionCode, "Kode kabupaten/kota", "Code of the regency or city"),
    column("kabupaten", Text, "Nama kabupaten/kota", "Name of the regency or city"),
];

const NEEDS: &[Column] = &[
    column("id_kebutuhan", Integer, "Nomor kebutuhan (di /peluang/{id})", "Need number (at /peluang/{id})"),
    column("judul", Text, "Judul kebutuhan", "Title of the need"),
    PLACE[0],
    PLACE[1],
    PLACE[2],
    PLACE[3],
    PLACE[4],
    column("sektor", Choice(V::Sector), "Sektor", "Sector"),
    column("jenis_dukungan", Choice(V::SupportType), "Jenis dukungan yang dibutuhkan", "Kind of support needed"),
    column("status", Choice(V::PostingStatus), "Status kebutuhan", "Status of the need"),
    column("nilai_rupiah", Integer, "Perkiraan nilai (rupiah), jika diisi", "Estimated value (rupiah), if given"),
    column("dibuat", Timestamp, "Saat dibuat", "When it was created"),
    column("diajukan", Timestamp, "Saat diajukan ke moderasi", "When it was sent to moderation"),
    column("diterbitkan", Timestamp, "Saat diterbitkan untuk mitra", "When it was published to partners"),
    column("minat", Integer, "Jumlah mitra yang berminat atau dipertemukan", "Partners interested or introduced"),
];

const OFFERS: &[Column] = &[
    column("id_penawaran", Integer, "Nomor penawaran (di /penawaran/{id})", "Offer number (at /penawaran/{id})"),
    column("judul", Text, "Judul penawaran", "Title of the offer"),
    column("id_mitra", Integer, "Nomor mitra (di /mitra/{id})", "Partner number (at /mitra/{id})"),
    column("mitra", Text, "Nama mitra", "Name of the partner"),
    column("jenis_mitra", Choice(V::OrganisationKind), "Jenis mitra", "Kind of partner"),
    column("jenis_dukungan", Choice(V::SupportType), "Jenis dukungan yang ditawarkan", "Kind of support offered"),
    column("status", Choice(V::PostingStatus), "Status penawaran", "Status of the offer"),
    column("kapasitas", Integer, "Berapa desa yang dapat dilayani", "How many villages it can serve"),
    column(
        "seluruh_provinsi",
        Flag,
        "Melayani seluruh provinsi (1) atau wilayah tertentu (0)",
        "Serves the whole province (1) or chosen areas (0)",
    ),
    column("nilai_rupiah", Integer, "Nilai (rupiah), jika diisi", "Value (rupiah), if given"),
    column("dibuat", Timestamp, "Saat dibuat", "When it was created"),
    column("diterbitkan", Timestamp, "Saat diterbitkan", "When it was published"),
];

const MATCHES: &[Column] = &[
    column("id_kecocokan", Integer, "Nomor kecocokan (di /kecocokan/{id})", "Match number (at /kecocokan/{id})"),
    column("id_kebutuhan", Integer, "Nomor kebutuhan", "Need number"),
    column("kebutuhan", Text, "Judul kebutuhan", "Title of the need"),
    PLACE[0],
    PLACE[1],
    PLACE[3],
    column("id_mitra", Integer, "Nomor mitra", "Partner number"),
    column("mitra", Text, "Nama mitra", "Name of the partner"),
    column("id_penawaran", Integer, "Nomor penawaran, jika ada", "Offer number, if any"),
    column("asal", Choice(V::MatchOrigin), "Asal kecocokan", "Where the match came from"),
    column("status", Choice(V::MatchStatus), "Status kecocokan", "Status of the match"),
    column("dibuat", Timestamp, "Saat dibuat", "When it was created"),
    column("dipertemukan", Timestamp, "Saat staf mempertemukan kedua pihak", "When staff introduced the two sides"),
];

const COOPERATIONS: &[Column] = &[
    column(
        "id_kerja_sama",
        Integer,
        "Nomor kerja sama (di /kerja-sama/{id})",
        "Cooperation number (at /kerja-sama/{id})",
    ),
    column("id_kebutuhan", Integer, "Nomor kebutuhan", "Need number"),
    column("kebutuhan", Text, "Judul kebutuhan", "Title of the need"),
    PLACE[0],
    PLACE[1],
    PLACE[3],
    PLACE[4],
    column("id_mitra", Integer, "Nomor mitra", "Partner number"),
    column("mitra", Text, "Nama mitra", "Name of the partner"),
    column("sektor", Choice(V::Sector), "Sektor kebutuhan", "Sector of the need"),
    column("status", Choice(V::CooperationStatus), "Status kerja sama", "Status of the cooperation"),
    column("ditandatangani", Date, "Tanggal penandatanganan", "Date signed"),
    column("mulai", Date, "Tanggal mulai", "Start date"),
    column("selesai", Date, "Tanggal berakhir", "End date"),
    column("nilai_rupiah", Integer, "Nilai (rupiah)", "Value (rupiah)"),
    column("penerima_manfaat", Integer, "Penerima manfaat (saat selesai)", "Beneficiaries (when completed)"),
    column("hasil", Text, "Hasil yang dilaporkan", "Outcome reported"),
];

const VILLAGES: &[Column] = &[
    PLACE[0],
    PLACE[1],
    column("jenis", Choice(V::VillageType), "Desa atau kelurahan", "Desa or kelurahan"),
    PLACE[2],
    PLACE[3],
    PLACE[4],
    column(
        "status_perkembangan",
        Choice(V::DevelopmentStatus),
        "Status perkembangan desa, jika tercatat",
        "Development status, if recorded",
    ),
    column("tahun_status", Integer, "Tahun penetapan status", "Year of the status"),
    column("penduduk", Integer, "Jumlah penduduk, jika tercatat", "Population, if recorded"),
    column("kebutuhan", Integer, "Kebutuhan yang diajukan", "Needs sent to moderation"),
    column("kebutuhan_terbuka", Integer, "Kebutuhan yang sedang terbuka", "Needs open now"),
    column("kerja_sama", Integer, "Kerja sama yang ditandatangani", "Cooperations signed"),
];

const AUDIT: &[Column] = &[
    column("id_audit", Integer, "Nomor catatan", "Entry number"),
    column("waktu", Timestamp, "Saat tindakan", "When it happened"),
    column(
        "id_pengguna",
        Integer,
        "Nomor pengguna yang bertindak (kosong: sistem)",
        "User who acted (empty: the system)",
    ),
    column("pengguna", Text, "Nama pengguna yang bertindak", "Name of the user who acted"),
    column("tindakan", Text, "Tindakan (kode)", "Action (code)"),
    column("jenis_objek", Text, "Jenis yang diubah", "Kind of record changed"),
    column("id_objek", Text, "Nomor yang diubah", "Record changed"),
    column("sebelum", Text, "Keadaan sebelum", "State before"),
    column("sesudah", Text, "Keadaan sesudah", "State after"),
    column("alasan", Text, "Alasan yang diberikan", "Reason given"),
];

impl Dataset {
    pub fn columns(self) -> &'static [Column] {
        match self {
            Dataset::Needs => NEEDS,
            Dataset::Offers => OFFERS,
            Dataset::Matches => MATCHES,
            Dataset::Cooperations => COOPERATIONS,
            Dataset::Villages => VILLAGES,
            Dataset::Audit => AUDIT,
        }
    }

    /// Whether `user` may export this data set at all (which rows is their jurisdiction's
    /// business): staff only, the audit log province staff only.
    pub fn allowed_for(self, user: &CurrentUser) -> bool {
        if user.role.is_province_staff() {
            true
        } else {
            user.role == Role::RegencyStaff && self != Dataset::Audit
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn progress_tokens_and_their_text() {
        assert_eq!(progress_token("a1B2-c3_d4e5f6g7h8"), Some("a1B2-c3_d4e5f6g7h8"));
        assert_eq!(progress_token("short"), None);
        assert_eq!(progress_token("../../etc/passwd/../../x"), None);
        assert_eq!(progress_token(&"x".repeat(65)), None);
        let progress = ExportProgress { rows: 12_000, total: 100_000, done: false, failed: false };
        assert_eq!(progress.to_text(), "12000 100000 0");
        assert_eq!(ExportProgress::parse(&progress.to_text()), Some(progress));
        assert_eq!(ExportProgress::parse("12 x 0"), None);
        assert_eq!(progress.percent(), 12);
        let failed = ExportProgress { failed: true, ..progress };
        assert_eq!(failed.to_text(), "12000 100000 2");
        assert_eq!(ExportProgress::parse("12000 100000 2"), Some(failed));
        assert_eq!(ExportProgress { rows: 0, total: 0, done: true, failed: false }.percent(), 100);
    }

    #[test]
    fn every_column_is_named_once_and_described_in_both_languages() {
        for dataset in Dataset::ALL {
            let columns = dataset.columns();
            let names: BTreeSet<&str> = columns.iter().map(|c| c.name).collect();
            assert_eq!(names.len(), columns.len(), "{dataset:?}: a name repeats");
            for c in columns {
                assert!(c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", c.name);
                assert!(!c.id.is_empty() && !c.en.is_empty() && c.id != c.en, "{}", c.name);
            }
        }
        assert_eq!(Dataset::parse("kerja_sama"), Some(Dataset::Cooperations));
        assert_eq!(ExportFormat::parse("xlsx"), Some(ExportFormat::Xlsx));
    }
}
