//! E-mail for what a user must act on: at once, a daily or a weekly digest, or never (the
//! in-app notifications are always there). When a user's next e-mail is due.

use super::validation::day_number;

vocabulary!(
    /// How often a user gets e-mail (`app_user.email_frequency`).
    EmailFrequency {
        Immediate => "immediate",
        Daily => "daily",
        Weekly => "weekly",
        Never => "never",
    }
);

/// Minutes since the epoch of a stored timestamp (`2026-12-02T07:30:00.000Z`).
fn minutes(at: &str) -> Option<i64> {
    let day = day_number(at)?;
    let hour: i64 = at.get(11..13)?.parse().ok()?;
    let minute: i64 = at.get(14..16)?.parse().ok()?;
    Some(day * 1440 + hour * 60 + minute)
}

/// Whether a user with `frequency`, last e-mailed at `last_sent` (never: `None`), is due an
/// e-mail `now` — given that something waits for them (a digest is never sent empty).
pub fn is_due(frequency: EmailFrequency, last_sent: Option<&str>, now: &str) -> bool {
    let period = match frequency {
        EmailFrequency::Never => return false,
        EmailFrequency::Immediate => return true,
        EmailFrequency::Daily => 24 * 60,
        EmailFrequency::Weekly => 7 * 24 * 60,
    };
    match (last_sent.and_then(minutes), minutes(now)) {
        (Some(last), Some(now)) => now - last >= period,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-12-02T07:30:00.000Z";

    #[test]
    fn digests_wait_for_their_period_and_never_means_never() {
        assert!(is_due(EmailFrequency::Immediate, Some(NOW), NOW));
        assert!(!is_due(EmailFrequency::Never, None, NOW));
        assert!(is_due(EmailFrequency::Daily, None, NOW), "the first digest goes at once");
        assert!(!is_due(EmailFrequency::Daily, Some("2026-12-01T08:00:00.000Z"), NOW));
        assert!(is_due(EmailFrequency::Daily, Some("2026-12-01T07:30:00.000Z"), NOW));
        assert!(!is_due(EmailFrequency::Weekly, Some("2026-11-26T07:30:00.000Z"), NOW));
        assert!(is_due(EmailFrequency::Weekly, Some("2026-11-25T07:30:00.000Z"), NOW));
        assert_eq!(EmailFrequency::parse("weekly"), Some(EmailFrequency::Weekly));
    }
}
