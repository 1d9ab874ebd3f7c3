//! Vocabularies of needs and offers: sectors, support types, village development status.

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
