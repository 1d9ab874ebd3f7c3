//! Configuration from environment variables, with documented defaults (README).

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (default, a file under `data/`) or `postgres://…`.
    pub database_url: String,
    /// `RUST_LOG`: the log filter.
    pub log_filter: String,
    /// `LOG_FORMAT`: `text` (default) or `json` (one JSON object per line).
    pub log_format: LogFormat,
    /// `COOKIE_SECURE`: mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// `OFFICE_LABEL`: the office's name in the interface (DPMD or DPMPD).
    pub office_label: String,
    /// `REGIONS_DIR`: folder with the `idn-area-data` CSV files.
    pub regions_dir: PathBuf,
    /// `DB_MAX_CONNECTIONS`: pool size.
    pub max_connections: u32,
    /// `PUBLIC_URL`: the address people use, for shared links and previews.
    pub public_url: Option<String>,
    /// `SEARCH_CACHE_SIZE`: how many need-search pages to keep (0: none).
    pub search_cache_size: usize,
    /// `PAGE_CACHE_SIZE`: how many rendered `/peluang` pages to keep for visitors (0: none).
    pub page_cache_size: usize,
    /// `STATISTICS_CACHE_SIZE`: how many views of `/statistik` to keep (0: none).
    pub statistics_cache_size: usize,
    /// `PROGRESS_REMINDER_DAYS`: quiet days before an active cooperation's people are reminded.
    pub progress_reminder_days: i64,
    /// `SMTP_URL`: where e-mail goes (`smtp://host:port`, `smtps://user:pass@host`); unset: off.
    pub smtp_url: Option<String>,
    /// `MAIL_FROM`: the sender of e-mail.
    pub mail_from: String,
    /// `METRICS_TOKEN`: the bearer token that opens `/metrics`; unset: no `/metrics`.
    pub metrics_token: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/mitra-desa.db?mode=rwc";
pub const DEFAULT_REGIONS_DIR: &str = "node_modules/idn-area-data/data";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let secure_cookies = match var("COOKIE_SECURE").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => return Err(format!("COOKIE_SECURE must be true or false, not {other:?}")),
        };
        let log_format = match var("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(format!("LOG_FORMAT must be text or json, not {other:?}")),
        };
        let max_connections = match var("DB_MAX_CONNECTIONS") {
            None => 10,
            Some(n) => n.parse().map_err(|_| format!("DB_MAX_CONNECTIONS must be a number, not {n:?}"))?,
        };
        let search_cache_size = match var("SEARCH_CACHE_SIZE") {
            None => 512,
            Some(n) => n.parse().map_err(|_| format!("SEARCH_CACHE_SIZE must be a number, not {n:?}"))?,
        };
        let page_cache_size = match var("PAGE_CACHE_SIZE") {
            None => 256,
            Some(n) => n.parse().map_err(|_| format!("PAGE_CACHE_SIZE must be a number, not {n:?}"))?,
        };
        let statistics_cache_size = match var("STATISTICS_CACHE_SIZE") {
            None => 64,
            Some(n) => n.parse().map_err(|_| format!("STATISTICS_CACHE_SIZE must be a number, not {n:?}"))?,
        };
        let progress_reminder_days = match var("PROGRESS_REMINDER_DAYS") {
            None => app::domain::cooperation::PROGRESS_REMINDER_DAYS,
            Some(n) => n
                .parse()
                .ok()
                .filter(|days| (1..=365).contains(days))
                .ok_or_else(|| format!("PROGRESS_REMINDER_DAYS must be a number of days (1 to 365), not {n:?}"))?,
        };
        Ok(Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            log_filter: var("RUST_LOG").unwrap_or_else(|| "info,tower_http=info,sqlx=warn".to_owned()),
            log_format,
            secure_cookies,
            office_label: var("OFFICE_LABEL").unwrap_or_else(|| "DPMD".to_owned()),
            regions_dir: var("REGIONS_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_REGIONS_DIR)),
            max_connections,
            public_url: var("PUBLIC_URL"),
            search_cache_size,
            page_cache_size,
            statistics_cache_size,
            progress_reminder_days,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| "Mitra Desa <noreply@mitradesa.local>".to_owned()),
            metrics_token: var("METRICS_TOKEN"),
        })
    }

    /// The database URL without its password, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url)
    }
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_hidden_in_logged_urls() {
        assert_eq!(redact("postgres://md:s3cret@127.0.0.1:5432/md"), "postgres://md:***@127.0.0.1:5432/md");
        assert_eq!(redact("postgres://md@127.0.0.1/md"), "postgres://md@127.0.0.1/md");
        assert_eq!(redact("sqlite://data/x.db?mode=rwc"), "sqlite://data/x.db?mode=rwc");
    }
}
