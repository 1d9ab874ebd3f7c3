//! Parsing user input into valid values. Every parser trims, checks and either returns
//! the clean value or a [`Problem`] that the interface translates next to the field.

use serde::{Deserialize, Serialize};

/// What is wrong with one field. Translated by the interface (`validation.*` keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    EmailInvalid,
    /// Control characters or markup (`<`, `>`) where plain text is expected.
    InvalidCharacters,
    /// A value outside the list of choices.
    InvalidChoice,
    /// Already used by another account or record.
    AlreadyTaken,
    /// Not a calendar date (`YYYY-MM-DD`).
    InvalidDate,
    /// An end date before its start date.
    EndBeforeStart,
    /// A date that is already over where a future one is needed.
    DateInPast,
    /// A date still to come where one already over is needed (a signing, a report).
    DateInFuture,
    /// Not a whole number (thousands separators `.` and `,` are accepted).
    InvalidNumber,
    /// A number outside `min..=max`.
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// Not a web address starting with `http://` or `https://`.
    InvalidUrl,
    /// Not a telephone number (8 to 15 digits, with `+`, spaces or dashes).
    InvalidPhone,
    /// The offer a match names has no place left for another village.
    OfferFull,
    /// The offer a match names is no longer published (or its partner no longer verified).
    OfferNotPublic,
}

/// A problem with a named field of a form or request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        FieldError { field: field.to_owned(), problem }
    }
}

/// Collects the problems of a whole form so that all are reported at once.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// Runs one parser; remembers its problem under `field` and gives back the value if valid.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.errors.push(FieldError::new(field, problem));
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

fn has_forbidden_characters(value: &str) -> bool {
    value.chars().any(|c| c.is_control() || c == '<' || c == '>')
}

/// A trimmed single-line text between `min` and `max` characters, free of markup.
pub fn plain_text(value: &str, min: usize, max: usize) -> Result<String, Problem> {
    bounded(value.trim().to_owned(), min, max, has_forbidden_characters)
}

/// Checks presence, characters and length, in that order (the first problem is reported).
fn bounded(value: String, min: usize, max: usize, forbidden: fn(&str) -> bool) -> Result<String, Problem> {
    let length = value.chars().count();
    if length == 0 {
        Err(Problem::Required)
    } else if forbidden(&value) {
        Err(Problem::InvalidCharacters)
    } else if length < min {
        Err(Problem::TooShort { min })
    } else if length > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value)
    }
}

/// An e-mail address, normalised to lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(value: &str) -> Result<Self, Problem> {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        if value.chars().count() > Self::MAX {
            return Err(Problem::TooLong { max: Self::MAX });
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(Problem::EmailInvalid);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '(' | ')' | ',' | ';' | ':' | '\\' | '[' | ']')
            });
        if local_ok && domain_ok && !domain.contains('@') {
            Ok(Email(value))
        } else {
            Err(Problem::EmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password. Length is what matters (NIST SP 800-63B): at least 10 characters.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    pub fn parse(value: &str) -> Result<Self, Problem> {
        let length = value.chars().count();
        if length == 0 {
            Err(Problem::Required)
        } else if length < Self::MIN {
            Err(Problem::TooShort { min: Self::MIN })
        } else if length > Self::MAX {
            Err(Problem::TooLong { max: Self::MAX })
        } else {
            Ok(NewPassword(value.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A trimmed multi-line text (line breaks and tabs allowed), free of markup.
pub fn long_text(value: &str, min: usize, max: usize) -> Result<String, Problem> {
    let forbidden = |v: &str| v.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '<' || c == '>');
    bounded(value.trim().replace("\r\n", "\n"), min, max, forbidden)
}

/// An optional field: empty (after trimming) is `None`, anything else must parse.
pub fn optional<T>(value: &str, parse: impl Fn(&str) -> Result<T, Problem>) -> Result<Option<T>, Problem> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

/// A calendar date written `YYYY-MM-DD` (what `<input type=date>` sends), kept in that form.
pub fn date(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(Problem::InvalidDate);
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(Problem::InvalidDate),
    };
    if !(2000..=2100).contains(&year) || day == 0 || day > days {
        return Err(Problem::InvalidDate);
    }
    Ok(value.to_owned())
}

/// Days since 2000-01-01 of a `YYYY-MM-DD` date (or of a stored timestamp's date part),
/// to count days between dates.
pub fn day_number(date: &str) -> Option<i64> {
    // Digits read by hand: matchmaking reads four dates for every pair it scores.
    let bytes = date.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        bytes.get(range)?.iter().try_fold(0i64, |n, c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    // Days from civil (Howard Hinnant's algorithm), shifted to a 2000 epoch.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 730_425)
}

/// A whole number in `min..=max`; `.`, `,` and spaces between digits are read as thousands
/// separators ("15.000.000"), as people write rupiah.
pub fn whole_number(value: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let value = value.trim();
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let cleaned: String = digits.chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::InvalidNumber);
    }
    let out_of_range = Problem::OutOfRange { min, max };
    let magnitude: i64 = cleaned.parse().map_err(|_| out_of_range.clone())?;
    let number = if negative { -magnitude } else { magnitude };
    if (min..=max).contains(&number) {
        Ok(number)
    } else {
        Err(out_of_range)
    }
}

/// A person's name as shown to others.
pub fn display_name(value: &str) -> Result<String, Problem> {
    plain_text(value, 2, 80)
}

/// A partner organisation's name.
pub fn organisation_name(value: &str) -> Result<String, Problem> {
    plain_text(value, 3, 120)
}

/// A website: `http(s)://host.tld/…`, no spaces or markup, at most 200 characters.
pub fn website(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    if value.chars().count() > 200 {
        return Err(Problem::TooLong { max: 200 });
    }
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")).ok_or(Problem::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    let rest_ok = !rest.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\''));
    if host_ok && rest_ok {
        Ok(value.to_owned())
    } else {
        Err(Problem::InvalidUrl)
    }
}

/// A telephone number as people write it (`0812-3456-7890`, `+62 541 123456`), kept as written.
pub fn phone(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    let allowed =
        value.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '-') || (c == '+' && i == 0));
    let digits = value.chars().filter(|c| c.is_ascii_digit()).count();
    if allowed && (8..=15).contains(&digits) && value.len() <= 24 {
        Ok(value.to_owned())
    } else {
        Err(Problem::InvalidPhone)
    }
}

/// The id a device gives a draft it keeps while offline (a UUID, or any 8 to 64 letters,
/// digits and dashes); empty when the form was not written offline.
pub fn draft_id(value: &str) -> Result<Option<String>, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let allowed = value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !allowed {
        return Err(Problem::InvalidCharacters);
    }
    if value.len() < 8 {
        return Err(Problem::TooShort { min: 8 });
    }
    if value.len() > 64 {
        return Err(Problem::TooLong { max: 64 });
    }
    Ok(Some(value.to_owned()))
}

/// One of a fixed list of choices, by its stored name.
pub fn choice<T>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    parse(value).ok_or(Problem::InvalidChoice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_and_phones() {
        assert_eq!(website(" https://kaltim.go.id/dpmd ").unwrap(), "https://kaltim.go.id/dpmd");
        assert!(website("http://unmul.ac.id").is_ok());
        for bad in
            ["unmul.ac.id", "javascript:alert(1)", "https://localhost", "https://a b.id", "https://x.id/<script>"]
        {
            assert_eq!(website(bad), Err(Problem::InvalidUrl), "{bad}");
        }
        assert_eq!(phone("0812-3456-7890").unwrap(), "0812-3456-7890");
        assert!(phone("+62 541 123456").is_ok());
        for bad in ["12345", "0812 abc 7890", "0812+3456", "1234567890123456"] {
            assert_eq!(phone(bad), Err(Problem::InvalidPhone), "{bad}");
        }
    }
    use crate::domain::organisation::OrganisationKind;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(Email::parse("  Siti@Desa.ID ").unwrap().as_str(), "siti@desa.id");
    }

    #[test]
    fn bad_emails_are_refused() {
        assert_eq!(Email::parse(""), Err(Problem::Required));
        assert_eq!(Email::parse("   "), Err(Problem::Required));
        for bad in [
            "siti",
            "siti@",
            "@desa.id",
            "siti@desa",
            "si ti@desa.id",
            "a@b@c.id",
            "<script>@x.id",
            "a@.id",
            "a@b..id",
            "a@b.id.",
        ] {
            assert_eq!(Email::parse(bad), Err(Problem::EmailInvalid), "{bad}");
        }
        let long = format!("{}@desa.id", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(Problem::TooLong { max: 254 }));
    }

    #[test]
    fn password_length_bounds() {
        assert_eq!(NewPassword::parse("").unwrap_err(), Problem::Required);
        assert_eq!(NewPassword::parse("pendek").unwrap_err(), Problem::TooShort { min: 10 });
        assert!(NewPassword::parse("sepuluh-ch").is_ok());
        assert_eq!(NewPassword::parse(&"x".repeat(129)).unwrap_err(), Problem::TooLong { max: 128 });
        // Counted in characters, not bytes.
        assert!(NewPassword::parse("éééééééééé").is_ok());
        assert_eq!(format!("{:?}", NewPassword::parse("rahasia-sekali").unwrap()), "NewPassword(***)");
    }

    #[test]
    fn plain_text_refuses_markup_and_control_characters() {
        assert_eq!(display_name("<script>alert(1)</script>"), Err(Problem::InvalidCharacters));
        assert_eq!(display_name("Budi\u{0000}"), Err(Problem::InvalidCharacters));
        assert_eq!(display_name("B"), Err(Problem::TooShort { min: 2 }));
        assert_eq!(display_name(&"a".repeat(81)), Err(Problem::TooLong { max: 80 }));
        assert_eq!(display_name("  Budi Santoso "), Ok("Budi Santoso".to_owned()));
        assert_eq!(organisation_name("PT Kaltim Prima Coal"), Ok("PT Kaltim Prima Coal".to_owned()));
    }

    #[test]
    fn long_text_keeps_line_breaks_but_not_markup() {
        assert_eq!(long_text(" satu\r\ndua ", 3, 50), Ok("satu\ndua".to_owned()));
        assert_eq!(long_text("<b>tebal</b>", 3, 50), Err(Problem::InvalidCharacters));
        assert_eq!(long_text("a\u{0007}b", 1, 50), Err(Problem::InvalidCharacters));
        assert_eq!(long_text("   ", 1, 50), Err(Problem::Required));
        assert_eq!(long_text("ab", 3, 50), Err(Problem::TooShort { min: 3 }));
        assert_eq!(long_text(&"x".repeat(51), 1, 50), Err(Problem::TooLong { max: 50 }));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(date("2026-02-28"), Ok("2026-02-28".to_owned()));
        assert_eq!(date("2028-02-29"), Ok("2028-02-29".to_owned()));
        for bad in ["2026-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026/01/01", "2026-1-1", "1900-01-01", "x"] {
            assert_eq!(date(bad), Err(Problem::InvalidDate), "{bad}");
        }
        assert_eq!(optional("  ", date), Ok(None));
        assert_eq!(optional("2026-12-01", date), Ok(Some("2026-12-01".to_owned())));
    }

    #[test]
    fn numbers_accept_thousands_separators() {
        assert_eq!(whole_number("15.000.000", 0, i64::MAX), Ok(15_000_000));
        assert_eq!(whole_number("2,500", 0, 10_000), Ok(2_500));
        assert_eq!(whole_number("-5", 0, 10), Err(Problem::OutOfRange { min: 0, max: 10 }));
        assert_eq!(whole_number("11", 0, 10), Err(Problem::OutOfRange { min: 0, max: 10 }));
        assert_eq!(whole_number("99999999999999999999999", 0, 10), Err(Problem::OutOfRange { min: 0, max: 10 }));
        for bad in ["", "abc", "1e6", "12-3", "--1", "½"] {
            assert_eq!(whole_number(bad, 0, 10), Err(Problem::InvalidNumber), "{bad}");
        }
    }

    #[test]
    fn choices_and_collected_errors() {
        assert_eq!(choice("university", OrganisationKind::parse), Ok(OrganisationKind::University));
        assert_eq!(choice("", OrganisationKind::parse), Err(Problem::Required));
        assert_eq!(choice("bank", OrganisationKind::parse), Err(Problem::InvalidChoice));

        let mut checker = Checker::default();
        assert!(checker.check("email", Email::parse("x")).is_none());
        assert!(checker.check("display_name", display_name("Budi")).is_some());
        let errors = checker.finish().unwrap_err();
        assert_eq!(errors, vec![FieldError::new("email", Problem::EmailInvalid)]);
    }
}
