//! Number and date formatting that follows the interface language.

use crate::i18n::Locale;

/// 1038 → "1.038" in Indonesian, "1,038" in English.
pub fn thousands(locale: Locale, n: i64) -> String {
    let separator = match locale {
        Locale::id => '.',
        Locale::en => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// 2.5 → "2,5" in Indonesian, "2.5" in English; whole numbers without decimals.
pub fn decimal(locale: Locale, value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        return thousands(locale, rounded as i64);
    }
    let text = format!("{rounded:.1}");
    match locale {
        Locale::id => text.replace('.', ","),
        Locale::en => text,
    }
}

/// "2026-11-28T15:53:25.123Z" → "28-11-2026" (the date part, day first as both audiences read it).
pub fn date(timestamp: &str) -> String {
    match (timestamp.get(0..4), timestamp.get(5..7), timestamp.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}-{m}-{y}"),
        _ => timestamp.to_owned(),
    }
}

/// "2026-11-28T15:53:25.123Z" → "28-11-2026 23:53 WITA" (Kalimantan Timur is UTC+8).
pub fn date_time(timestamp: &str) -> String {
    let hour = timestamp.get(11..13).and_then(|h| h.parse::<u32>().ok());
    let minute = timestamp.get(14..16);
    match (hour, minute) {
        (Some(hour), Some(minute)) => {
            // Shifting by eight hours may cross midnight: move the date with it.
            let shifted = hour + 8;
            let date = if shifted >= 24 { next_day(&timestamp[..10]) } else { timestamp[..10].to_owned() };
            format!("{} {:02}:{minute} WITA", self::date(&date), shifted % 24)
        }
        _ => date(timestamp),
    }
}

/// The calendar day after `YYYY-MM-DD`.
fn next_day(day: &str) -> String {
    let number = |range: std::ops::Range<usize>| day.get(range).and_then(|s| s.parse::<u32>().ok()).unwrap_or(1);
    let (mut y, mut m, mut d) = (number(0..4), number(5..7), number(8..10));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d += 1;
    if d > days {
        d = 1;
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    format!("{y:04}-{m:02}-{d:02}")
}

/// A "share on WhatsApp" link with a text and the page's address.
pub fn whatsapp_link(text: &str, url: &str) -> String {
    format!("https://wa.me/?text={}", crate::domain::url::encode(&format!("{text} {url}")))
}

/// "2026-11-20" → "20 November 2026" (Indonesian) or "20 November 2026" (English), as
/// documents write dates.
pub fn long_date(locale: Locale, day: &str) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = day.get(5..7).and_then(|m| m.parse::<usize>().ok()).filter(|m| (1..=12).contains(m));
    match (day.get(0..4), month, day.get(8..10).and_then(|d| d.parse::<u32>().ok())) {
        (Some(y), Some(m), Some(d)) => {
            let names = if locale == Locale::id { ID } else { EN };
            format!("{d} {} {y}", names[m - 1])
        }
        _ => day.to_owned(),
    }
}

/// 150000000 → "Rp150.000.000" (Indonesian) or "IDR 150,000,000".
pub fn rupiah(locale: Locale, amount: i64) -> String {
    match locale {
        Locale::id => format!("Rp{}", thousands(locale, amount)),
        Locale::en => format!("IDR {}", thousands(locale, amount)),
    }
}

/// Where a notification or an audit entry about an entity leads, if it has a page.
pub fn entity_link(entity_type: &str, entity_id: &str) -> Option<String> {
    match entity_type {
        "need" => Some(format!("/peluang/{entity_id}")),
        "offer" => Some(format!("/penawaran/{entity_id}")),
        "organisation" => Some("/organisasi".to_owned()),
        "need_match" => Some(format!("/kecocokan/{entity_id}")),
        "village" => Some(format!("/desa/{entity_id}")),
        "agreement" => Some(format!("/kerja-sama/{entity_id}")),
        // `organisation/village`: the company's report, where staff confirm it.
        "operation_area" => entity_id.split_once('/').map(|(organisation, _)| format!("/laporan-ppm/{organisation}")),
        _ => None,
    }
}

/// The `YYYY-MM-DD` of a timestamp.
pub fn date_part(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_wita() {
        assert_eq!(date_time("2026-11-28T15:53:25.123Z"), "28-11-2026 23:53 WITA");
        assert_eq!(date_time("2026-12-31T16:05:00.000Z"), "01-01-2027 00:05 WITA");
        assert_eq!(date_time("2028-02-28T20:00:00.000Z"), "29-02-2028 04:00 WITA");
    }

    #[test]
    fn groups_thousands_per_language() {
        assert_eq!(thousands(Locale::id, 0), "0");
        assert_eq!(thousands(Locale::id, 999), "999");
        assert_eq!(thousands(Locale::id, 1038), "1.038");
        assert_eq!(thousands(Locale::en, 1_234_567), "1,234,567");
        assert_eq!(thousands(Locale::id, -100_000), "-100.000");
    }

    #[test]
    fn whatsapp_links_encode_their_text() {
        assert_eq!(
            whatsapp_link("Desa Ngasem: air & listrik", "https://x.id/peluang/3"),
            "https://wa.me/?text=Desa%20Ngasem%3A%20air%20%26%20listrik%20https%3A%2F%2Fx.id%2Fpeluang%2F3"
        );
    }

    #[test]
    fn dates_day_first() {
        assert_eq!(date("2026-11-28T15:53:25.123Z"), "28-11-2026");
        assert_eq!(date("x"), "x");
    }
}
