//! Postings — needs and offers — as one kind of thing, and their vocabularies: sectors,
//! support types, resource kinds, village development status.

use serde::{Deserialize, Serialize};

/// The two kinds of posting: a village's need (*kebutuhan*) and a partner's offer
/// (*penawaran*). They share a lifecycle, moderation and revisions; what differs is named here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostingKind {
    Need,
    Offer,
}

impl PostingKind {
    pub const ALL: [PostingKind; 2] = [PostingKind::Need, PostingKind::Offer];

    /// Its table, which is also its entity type in the audit log and notifications.
    pub fn table(self) -> &'static str {
        match self {
            PostingKind::Need => "need",
            PostingKind::Offer => "offer",
        }
    }

    /// The key column of its table.
    pub fn id_column(self) -> &'static str {
        match self {
            PostingKind::Need => "need_id",
            PostingKind::Offer => "offer_id",
        }
    }

    /// The table of its pending changes (also their entity type).
    pub fn revision_table(self) -> &'static str {
        match self {
            PostingKind::Need => "need_revision",
            PostingKind::Offer => "offer_revision",
        }
    }

    /// The key column of its revisions.
    pub fn revision_id_column(self) -> &'static str {
        match self {
            PostingKind::Need => "need_revision_id",
            PostingKind::Offer => "offer_revision_id",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.table() == value)
    }

    /// Its public list (`/peluang`, `/penawaran`).
    pub fn list_path(self) -> &'static str {
        match self {
            PostingKind::Need => "/peluang",
            PostingKind::Offer => "/penawaran",
        }
    }

    /// Its page.
    pub fn path(self, id: i64) -> String {
        format!("{}/{id}", self.list_path())
    }

    /// Its edit form.
    pub fn edit_path(self, id: i64) -> String {
        match self {
            PostingKind::Need => format!("/kebutuhan/{id}/ubah"),
            PostingKind::Offer => format!("/penawaran/{id}/ubah"),
        }
    }

    /// Where a new one is written.
    pub fn new_path(self) -> &'static str {
        match self {
            PostingKind::Need => "/kebutuhan/baru",
            PostingKind::Offer => "/tawarkan",
        }
    }
}

vocabulary!(
    /// Fields of village potential and partner interest.
    Sector {
        NatureTourism => "nature_tourism",
        LocalProducts => "local_products",
        DigitalServices => "digital_services",
        Agriculture => "agriculture",
        Fisheries => "fisheries",
        Health => "health",
        Education => "education",
        Environment => "environment",
        Infrastructure => "infrastructure",
        Governance => "governance",
    }
);

vocabulary!(
    /// The three kinds of support villages ask for.
    SupportType {
        TechnicalAssistance => "technical_assistance",
        Training => "training",
        ResourceAccess => "resource_access",
    }
);

vocabulary!(
    /// What "access to development resources" means in a given posting.
    ResourceKind {
        Funding => "funding",
        Equipment => "equipment",
        MarketAccess => "market_access",
    }
);

vocabulary!(
    /// Village development status (IDM until 2024, Indeks Desa from 2025 use the same five).
    DevelopmentStatus {
        Mandiri => "mandiri",
        Maju => "maju",
        Berkembang => "berkembang",
        Tertinggal => "tertinggal",
        SangatTertinggal => "sangat_tertinggal",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_name_their_tables_and_pages() {
        assert_eq!(PostingKind::Need.table(), "need");
        assert_eq!(PostingKind::Offer.revision_table(), "offer_revision");
        assert_eq!(PostingKind::Need.path(7), "/peluang/7");
        assert_eq!(PostingKind::Offer.path(7), "/penawaran/7");
        assert_eq!(PostingKind::Need.edit_path(7), "/kebutuhan/7/ubah");
        assert_eq!(PostingKind::Offer.edit_path(7), "/penawaran/7/ubah");
        for kind in PostingKind::ALL {
            assert_eq!(PostingKind::parse(kind.table()), Some(kind));
        }
        assert_eq!(PostingKind::parse("need_match"), None);
    }

    #[test]
    fn vocabularies_round_trip() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
        for s in SupportType::ALL {
            assert_eq!(SupportType::parse(s.as_str()), Some(*s));
        }
        for s in ResourceKind::ALL {
            assert_eq!(ResourceKind::parse(s.as_str()), Some(*s));
        }
        for s in DevelopmentStatus::ALL {
            assert_eq!(DevelopmentStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Sector::parse("mining"), None);
    }
}
