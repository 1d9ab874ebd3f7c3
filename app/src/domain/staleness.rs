//! Postings that do not go stale. A published need or offer whose window ends within
//! [`ASK_BEFORE_END_DAYS`], or that has no window and saw no activity for
//! [`INACTIVE_DAYS`], makes the system ask its owner whether it is still current. The owner
//! answers with one action ([`Answer`]); until then the question stays open and staff see
//! the posting in their queue of stale postings.

use super::validation::{self as v, day_number, Problem};

/// How many days before its window ends the owner is asked.
pub const ASK_BEFORE_END_DAYS: i64 = 14;
/// After how many days without activity a posting without a window is asked about.
pub const INACTIVE_DAYS: i64 = 90;
/// How far ahead an extended window may end.
pub const MAX_EXTENSION_DAYS: i64 = 366 * 2;

/// Why the owner is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Its window ends on this date, soon.
    WindowEnding { ends: String },
    /// Nothing happened to it since this date (its last activity).
    Inactive { since: String },
}

/// Whether a published posting is due for the question today. `last_activity` is its
/// last change and `last_answer` the owners' last confirmation (stored timestamps or
/// dates): a posting confirmed after the asking period of its window began is not asked
/// again for that window.
pub fn question(
    window_end: Option<&str>,
    last_activity: &str,
    last_answer: Option<&str>,
    today: &str,
) -> Option<Question> {
    let today = day_number(today)?;
    let active = day_number(last_activity)?;
    match window_end.and_then(|end| day_number(end).map(|day| (end, day))) {
        Some((end, day)) => {
            let asking_from = day - ASK_BEFORE_END_DAYS;
            let answered = last_answer.and_then(day_number).is_some_and(|answer| answer >= asking_from);
            (today >= asking_from && !answered).then(|| Question::WindowEnding { ends: end.to_owned() })
        }
        None => (today - active >= INACTIVE_DAYS)
            .then(|| Question::Inactive { since: last_activity.get(..10).unwrap_or(last_activity).to_owned() }),
    }
}

/// The owner's answer to the question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Still needed / still offered, as it is.
    Confirm,
    /// Still needed, until a later date.
    Extend { window_end: String },
    /// Done: it was fulfilled (on the platform or not).
    Fulfilled,
    /// No longer needed or offered.
    Withdraw,
}

impl Answer {
    /// Reads an answer as posted: `confirm`, `extend` (with the new end date), `fulfilled`,
    /// `withdraw`. The problem is for field `window_end` when the date is wrong, for
    /// `answer` otherwise.
    pub fn parse(
        answer: &str,
        window_end: &str,
        window: (Option<&str>, Option<&str>),
        today: &str,
    ) -> Result<Answer, (&'static str, Problem)> {
        match answer.trim() {
            "confirm" => Ok(Answer::Confirm),
            "fulfilled" => Ok(Answer::Fulfilled),
            "withdraw" => Ok(Answer::Withdraw),
            "extend" => extension(window_end, window, today).map(|window_end| Answer::Extend { window_end }),
            "" => Err(("answer", Problem::Required)),
            _ => Err(("answer", Problem::InvalidChoice)),
        }
    }
}

/// The new end of a window (`start`, `end` as stored): today or later, after the current
/// end and the start, and at most [`MAX_EXTENSION_DAYS`] ahead.
fn extension(
    value: &str,
    (start, end): (Option<&str>, Option<&str>),
    today: &str,
) -> Result<String, (&'static str, Problem)> {
    let field = "window_end";
    if value.trim().is_empty() {
        return Err((field, Problem::Required));
    }
    let date = v::date(value).map_err(|p| (field, p))?;
    let day = day_number(&date).ok_or((field, Problem::InvalidDate))?;
    let today = day_number(today).ok_or((field, Problem::InvalidDate))?;
    if day < today {
        return Err((field, Problem::DateInPast));
    }
    let after = |bound: Option<&str>| bound.and_then(day_number).is_none_or(|b| day > b);
    if !after(start) || !after(end) {
        return Err((field, Problem::EndBeforeStart));
    }
    if day - today > MAX_EXTENSION_DAYS {
        return Err((field, Problem::OutOfRange { min: 1, max: MAX_EXTENSION_DAYS }));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-12-02";

    #[test]
    fn a_window_ending_soon_is_asked_about_once() {
        let ends = |end| question(Some(end), "2026-12-01T08:00:00.000Z", None, TODAY);
        assert_eq!(ends("2026-12-16"), Some(Question::WindowEnding { ends: "2026-12-16".into() }), "14 days ahead");
        assert_eq!(ends("2026-12-17"), None, "15 days ahead: not yet");
        assert!(ends("2026-12-02").is_some(), "ending today, though published yesterday");
        // Confirmed after the asking began: not asked again for this window; confirmed
        // before (for an earlier window), asked.
        let answered = |at| question(Some("2026-12-10"), "2026-12-01T08:00:00.000Z", Some(at), TODAY);
        assert_eq!(answered("2026-11-27T01:00:00.000Z"), None);
        assert!(answered("2026-11-25T23:59:00.000Z").is_some());
    }

    #[test]
    fn a_posting_without_window_is_asked_after_ninety_quiet_days() {
        assert_eq!(
            question(None, "2026-09-03T10:00:00.000Z", None, TODAY),
            Some(Question::Inactive { since: "2026-09-03".into() })
        );
        assert_eq!(question(None, "2026-09-04T10:00:00.000Z", None, TODAY), None, "89 days");
        assert_eq!(question(None, "rusak", None, TODAY), None, "an unreadable date asks nothing");
    }

    #[test]
    fn answers_are_read_and_extensions_checked() {
        let window = (Some("2026-06-01"), Some("2026-12-10"));
        let parse = |answer, end| Answer::parse(answer, end, window, TODAY);
        assert_eq!(parse("confirm", ""), Ok(Answer::Confirm));
        assert_eq!(parse("fulfilled", "x"), Ok(Answer::Fulfilled));
        assert_eq!(parse("withdraw", ""), Ok(Answer::Withdraw));
        assert_eq!(parse("extend", "2027-03-31"), Ok(Answer::Extend { window_end: "2027-03-31".into() }));
        assert_eq!(parse("extend", ""), Err(("window_end", Problem::Required)));
        assert_eq!(parse("extend", "31/03/2027"), Err(("window_end", Problem::InvalidDate)));
        assert_eq!(parse("extend", "2026-12-01"), Err(("window_end", Problem::DateInPast)));
        assert_eq!(
            parse("extend", "2026-12-05"),
            Err(("window_end", Problem::EndBeforeStart)),
            "before the current end"
        );
        assert_eq!(
            parse("extend", "2030-01-01"),
            Err(("window_end", Problem::OutOfRange { min: 1, max: MAX_EXTENSION_DAYS }))
        );
        assert_eq!(parse("", ""), Err(("answer", Problem::Required)));
        assert_eq!(parse("delete", ""), Err(("answer", Problem::InvalidChoice)));
        // A posting without a window may get one.
        assert!(Answer::parse("extend", "2027-01-31", (None, None), TODAY).is_ok());
    }
}
