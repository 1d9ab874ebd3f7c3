//! Reading the audit log: the filters of `/audit`, as they appear in its URL.

use super::validation::{self as v, Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The kinds of records the log speaks about.
pub const ENTITY_TYPES: &[&str] =
    &["need", "need_revision", "offer", "offer_revision", "organisation", "village", "user", "setting"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditQuery {
    /// Part of the actor's name or e-mail.
    #[serde(default)]
    pub pelaku: String,
    /// One of [`ENTITY_TYPES`].
    #[serde(default)]
    pub entitas: String,
    /// The record's id (with `entitas`).
    #[serde(default)]
    pub id: String,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub dari: String,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default)]
    pub sampai: String,
    #[serde(default)]
    pub halaman: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAuditQuery {
    /// Lowercased, for a substring match.
    pub actor: Option<String>,
    pub entity_type: Option<&'static str>,
    pub entity_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: u32,
}

impl AuditQuery {
    pub fn validate(&self) -> Result<ValidAuditQuery, Vec<FieldError>> {
        let mut checker = Checker::default();
        let actor = checker.check("pelaku", v::optional(&self.pelaku, |a| v::plain_text(a, 2, 80)));
        let entity_type = checker.check(
            "entitas",
            v::optional(&self.entitas, |e| v::choice(e, |e| ENTITY_TYPES.iter().copied().find(|t| *t == e))),
        );
        let entity_id = checker.check(
            "id",
            v::optional(&self.id, |id| {
                let id = id.trim();
                if id.len() <= 20 && id.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    Ok(id.to_owned())
                } else {
                    Err(Problem::InvalidCharacters)
                }
            }),
        );
        let from = checker.check("dari", v::optional(&self.dari, v::date));
        let to = checker.check(
            "sampai",
            v::optional(&self.sampai, v::date).and_then(|to| match (&to, &from) {
                (Some(to), Some(Some(from))) if to < from => Err(Problem::EndBeforeStart),
                _ => Ok(to),
            }),
        );
        let page = checker.check(
            "halaman",
            v::optional(&self.halaman, |p| v::whole_number(p, 1, 10_000)).map(|p| p.unwrap_or(1) as u32),
        );
        checker.finish()?;
        Ok(ValidAuditQuery {
            actor: actor.flatten().map(|a| a.to_lowercase()),
            entity_type: entity_type.flatten(),
            entity_id: entity_id.flatten(),
            from: from.flatten(),
            to: to.flatten(),
            page: page.unwrap_or(1),
        })
    }

    /// The query string of this view on another page.
    pub fn with_page(&self, page: u32) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("pelaku", &self.pelaku),
            ("entitas", &self.entitas),
            ("id", &self.id),
            ("dari", &self.dari),
            ("sampai", &self.sampai),
        ] {
            if !value.trim().is_empty() {
                parts.push(format!("{key}={}", crate::domain::url::encode(value.trim())));
            }
        }
        parts.push(format!("halaman={page}"));
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked() {
        let q = AuditQuery {
            pelaku: " Kukar ".into(),
            entitas: "need".into(),
            dari: "2026-11-01".into(),
            ..Default::default()
        };
        let valid = q.validate().unwrap();
        assert_eq!(valid.actor.as_deref(), Some("kukar"));
        assert_eq!(valid.entity_type, Some("need"));
        assert_eq!(valid.page, 1);
        let bad = AuditQuery {
            entitas: "password".into(),
            id: "1; drop table".into(),
            dari: "2026-12-01".into(),
            sampai: "2026-11-01".into(),
            halaman: "0".into(),
            ..Default::default()
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["entitas", "id", "sampai", "halaman"]);
    }

    #[test]
    fn a_page_link_keeps_the_filters() {
        let q = AuditQuery { pelaku: "siti".into(), entitas: "offer".into(), ..Default::default() };
        assert_eq!(q.with_page(3), "?pelaku=siti&entitas=offer&halaman=3");
    }
}
