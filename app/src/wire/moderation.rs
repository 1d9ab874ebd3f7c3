//! What waits for staff, on the wire.

use super::matches::MatchLine;
use super::organisations::IdentityChange;
use super::page::Page;
use super::postings::PostingLine;
use serde::{Deserialize, Serialize};

/// A partner organisation waiting for verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationLine {
    pub organisation_id: i64,
    pub name: String,
    pub kind: String,
    pub created_at: String,
}

/// What waits for the caller's decision, oldest first, a page of each queue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModerationQueues {
    pub needs: Page<PostingLine>,
    pub need_revisions: Page<PostingLine>,
    pub offers: Page<PostingLine>,
    pub offer_revisions: Page<PostingLine>,
    /// Matches waiting for an introduction.
    pub matches: Page<MatchLine>,
    /// Province staff only; empty for regency staff.
    pub organisations: Page<OrganisationLine>,
    /// Changes of name or type of verified organisations (province staff only).
    pub identity_changes: Page<IdentityChange>,
    /// Partners' interest in clusters of needs, whose matches wait together.
    pub groups: Vec<super::clusters::GroupLine>,
}

impl ModerationQueues {
    pub fn total(&self) -> i64 {
        self.needs.total
            + self.need_revisions.total
            + self.offers.total
            + self.offer_revisions.total
            + self.matches.total
            + self.organisations.total
            + self.identity_changes.total
    }
}

/// Submitted needs and offers chosen on `/moderasi` for approval at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// Always sent (a hidden field), so that an empty selection still parses.
    #[serde(default)]
    pub confirm: String,
    #[serde(default)]
    pub needs: Vec<i64>,
    #[serde(default)]
    pub offers: Vec<i64>,
}

/// What a bulk approval did: items already decided by someone else, or outside the
/// caller's jurisdiction, are skipped rather than failing the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub approved: usize,
    pub skipped: usize,
}

/// The queues of `/moderasi`, each paged on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Queue {
    Needs,
    NeedRevisions,
    Offers,
    OfferRevisions,
    Matches,
    Organisations,
    IdentityChanges,
}

impl Queue {
    pub const ALL: [Queue; 7] = [
        Queue::Matches,
        Queue::Needs,
        Queue::Offers,
        Queue::NeedRevisions,
        Queue::OfferRevisions,
        Queue::Organisations,
        Queue::IdentityChanges,
    ];

    /// Its page's name in the URL of `/moderasi`.
    pub fn param(self) -> &'static str {
        match self {
            Queue::Needs => "kebutuhan",
            Queue::NeedRevisions => "revisi_kebutuhan",
            Queue::Offers => "penawaran",
            Queue::OfferRevisions => "revisi_penawaran",
            Queue::Matches => "kecocokan",
            Queue::Organisations => "organisasi",
            Queue::IdentityChanges => "identitas",
        }
    }
}

/// Which page of each queue `/moderasi` shows, named as in its URL (`?kebutuhan=2`); 0 or
/// a missing page is the first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QueuePages {
    #[serde(default)]
    pub kebutuhan: u32,
    #[serde(default)]
    pub revisi_kebutuhan: u32,
    #[serde(default)]
    pub penawaran: u32,
    #[serde(default)]
    pub revisi_penawaran: u32,
    #[serde(default)]
    pub kecocokan: u32,
    #[serde(default)]
    pub organisasi: u32,
    #[serde(default)]
    pub identitas: u32,
}

impl QueuePages {
    /// From the query parameters of the page; a page that is not a number is the first.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> QueuePages {
        let mut pages = QueuePages::default();
        for queue in Queue::ALL {
            let page = get(queue.param()).and_then(|p| p.trim().parse::<u32>().ok()).filter(|p| *p <= 10_000);
            *pages.slot(queue) = page.unwrap_or(0);
        }
        pages
    }

    fn slot(&mut self, queue: Queue) -> &mut u32 {
        match queue {
            Queue::Needs => &mut self.kebutuhan,
            Queue::NeedRevisions => &mut self.revisi_kebutuhan,
            Queue::Offers => &mut self.penawaran,
            Queue::OfferRevisions => &mut self.revisi_penawaran,
            Queue::Matches => &mut self.kecocokan,
            Queue::Organisations => &mut self.organisasi,
            Queue::IdentityChanges => &mut self.identitas,
        }
    }

    pub fn page(mut self, queue: Queue) -> u32 {
        (*self.slot(queue)).clamp(1, 10_000)
    }

    /// The URL query of the same view with `queue` at `page`.
    pub fn with(mut self, queue: Queue, page: u32) -> String {
        *self.slot(queue) = page;
        let parts: Vec<String> = Queue::ALL
            .into_iter()
            .map(|q| (q, self.page(q)))
            .filter(|(_, page)| *page > 1)
            .map(|(q, page)| format!("{}={page}", q.param()))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_pages_live_in_the_url() {
        let query = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            QueuePages::from_query(move |key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
        };
        let pages = query(&[("kebutuhan", "3"), ("penawaran", "x"), ("kecocokan", "0"), ("organisasi", "2")]);
        assert_eq!(pages.page(Queue::Needs), 3);
        assert_eq!(pages.page(Queue::Offers), 1, "not a number: the first page");
        assert_eq!(pages.page(Queue::Matches), 1);
        assert_eq!(pages.with(Queue::Needs, 4), "?kebutuhan=4&organisasi=2");
        assert_eq!(pages.with(Queue::Organisations, 1), "?kebutuhan=3");
        assert_eq!(QueuePages::default().with(Queue::Offers, 1), "");
    }
}
