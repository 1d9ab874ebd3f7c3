//! E-mail of what users must act on (`domain::email`): which letters are due now — one per
//! notification for those who chose "immediately", one digest grouped by what to do for
//! the daily and weekly ones, never an empty one — and claiming a letter's notifications
//! before it goes, giving them back when it could not go. The transport (SMTP) is the server binary's.

use super::repo::notifications::{self, Recipient};
use super::AppState;
use crate::domain::email::{is_due, EmailFrequency};
use crate::i18n::Locale;
use crate::wire::notifications::NotificationItem;
use crate::wire::text;

/// An e-mail to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub user_id: i64,
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    /// The notifications it tells of (claimed before it goes, given back if it fails).
    pub notifications: Vec<i64>,
    /// When the user's previous e-mail went (restored if this one fails).
    pub last_sent: Option<String>,
}

/// What a group of a digest is about, by the notification's entity.
fn group(entity: &str) -> &'static str {
    match entity {
        "agreement" => "Kerja sama",
        "operation_area" => "PPM/TJSL",
        "need_match" => "Kecocokan dan perkenalan",
        "need" | "offer" | "need_revision" | "offer_revision" => "Kebutuhan dan penawaran",
        _ => "Akun dan organisasi",
    }
}

fn line(base: &str, item: &NotificationItem) -> String {
    let sentence = text::notification(Locale::id, &item.kind, &item.title, &item.reason);
    match &item.link {
        Some(link) => format!("- {sentence}\n  {base}{link}"),
        None => format!("- {sentence}"),
    }
}

/// The letters due now (Indonesian, the interface's first language).
pub async fn due(state: &AppState, now: &str) -> Result<Vec<Letter>, sqlx::Error> {
    let base = state.site.base_url();
    let mut letters = Vec::new();
    for Recipient { user_id, email, display_name, email_frequency, digest_sent_at } in
        notifications::recipients(&state.pool).await?
    {
        let frequency = EmailFrequency::parse(&email_frequency).unwrap_or(EmailFrequency::Daily);
        if !is_due(frequency, digest_sent_at.as_deref(), now) {
            continue;
        }
        let rows = notifications::unsent(&state.pool, user_id).await?;
        let entities: Vec<String> = rows.iter().map(|r| r.entity_type.clone()).collect();
        let items: Vec<NotificationItem> = rows.into_iter().map(|r| r.item()).collect();
        if items.is_empty() {
            continue;
        }
        let letter = |subject: String, body: String, ids: Vec<i64>| Letter {
            user_id,
            to: email.clone(),
            to_name: display_name.clone(),
            subject,
            body,
            notifications: ids,
            last_sent: digest_sent_at.clone(),
        };
        let footer = format!(
            "\n\nSemua pemberitahuan: {base}/dasbor\nUbah seberapa sering Anda menerima e-mail di dasbor, bagian Pemberitahuan."
        );
        if frequency == EmailFrequency::Immediate {
            for item in &items {
                let sentence = text::notification(Locale::id, &item.kind, &item.title, &item.reason);
                let body = format!("Halo {display_name},\n\n{}{footer}", line(&base, item));
                letters.push(letter(format!("Mitra Desa: {sentence}"), body, vec![item.notification_id]));
            }
            continue;
        }
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for (item, entity) in items.iter().zip(&entities) {
            let name = group(entity);
            let text = line(&base, item);
            match groups.iter_mut().find(|(g, _)| *g == name) {
                Some((_, lines)) => lines.push(text),
                None => groups.push((name, vec![text])),
            }
        }
        let period = if frequency == EmailFrequency::Weekly { "mingguan" } else { "harian" };
        let sections: Vec<String> =
            groups.iter().map(|(name, lines)| format!("{name}\n{}", lines.join("\n"))).collect();
        let body = format!(
            "Halo {display_name},\n\n{} hal menunggu Anda di Mitra Desa:\n\n{}{footer}",
            items.len(),
            sections.join("\n\n")
        );
        let subject = format!("Ringkasan {period} Mitra Desa: {} hal menunggu Anda", items.len());
        letters.push(letter(subject, body, items.iter().map(|i| i.notification_id).collect()));
    }
    Ok(letters)
}

/// Claims a letter's notifications before it goes (see `notifications::claim_for_email`):
/// `false` when another instance is sending it.
pub async fn claim(state: &AppState, letter: &Letter) -> Result<bool, sqlx::Error> {
    notifications::claim_for_email(&state.pool, letter.user_id, &letter.notifications).await
}

/// A letter that could not go: its notifications wait for the next attempt.
pub async fn release(state: &AppState, letter: &Letter) -> Result<(), sqlx::Error> {
    notifications::release_for_email(&state.pool, letter.user_id, &letter.notifications, letter.last_sent.as_deref())
        .await
}
