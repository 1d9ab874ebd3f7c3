//! Kemendagri region codes: `64` province, `64.02` regency/city, `64.02.16` district,
//! `64.02.16.2001` village. Codes are text and keep their dots.

use serde::{Deserialize, Serialize};

/// Kalimantan Timur, the province this deployment serves.
pub const PROVINCE_CODE: &str = "64";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Regency,
    District,
    Village,
}

/// A syntactically valid region code below the province.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegionCode(String);

impl RegionCode {
    /// Accepts `PP.RR`, `PP.RR.DD` and `PP.RR.DD.VVVV` (digits only, dotted).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        let parts: Vec<&str> = value.split('.').collect();
        let widths: &[usize] = match parts.len() {
            2 => &[2, 2],
            3 => &[2, 2, 2],
            4 => &[2, 2, 2, 4],
            _ => return None,
        };
        let well_formed = parts
            .iter()
            .zip(widths)
            .all(|(part, width)| part.len() == *width && part.bytes().all(|b| b.is_ascii_digit()));
        well_formed.then(|| RegionCode(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> RegionLevel {
        match self.0.matches('.').count() {
            1 => RegionLevel::Regency,
            2 => RegionLevel::District,
            _ => RegionLevel::Village,
        }
    }

    pub fn province(&self) -> &str {
        &self.0[..2]
    }

    /// The regency (or city) this code lies in; itself for a regency code.
    pub fn regency(&self) -> &str {
        &self.0[..5]
    }

    /// The district, for district and village codes.
    pub fn district(&self) -> Option<&str> {
        (self.level() != RegionLevel::Regency).then(|| &self.0[..8])
    }

    pub fn is_in_province(&self, province: &str) -> bool {
        self.province() == province
    }
}

/// Kabupaten (regency) or kota (city).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegencyKind {
    Kabupaten,
    Kota,
}

impl RegencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RegencyKind::Kabupaten => "kabupaten",
            RegencyKind::Kota => "kota",
        }
    }

    /// Splits a registry name such as `Kabupaten Paser` or `Kota Samarinda` into its kind
    /// and bare name. Without a prefix the Kemendagri rule decides: regency numbers 71–99
    /// are cities.
    pub fn split_name<'a>(code: &RegionCode, name: &'a str) -> (RegencyKind, &'a str) {
        if let Some(rest) = name.strip_prefix("Kabupaten ") {
            (RegencyKind::Kabupaten, rest.trim())
        } else if let Some(rest) = name.strip_prefix("Kota ") {
            (RegencyKind::Kota, rest.trim())
        } else {
            let number: u8 = code.regency()[3..5].parse().unwrap_or(0);
            let kind = if number >= 71 { RegencyKind::Kota } else { RegencyKind::Kabupaten };
            (kind, name.trim())
        }
    }
}

/// Desa (village) or kelurahan (urban ward).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    Desa,
    Kelurahan,
}

impl VillageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VillageKind::Desa => "desa",
            VillageKind::Kelurahan => "kelurahan",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "desa" => Some(VillageKind::Desa),
            "kelurahan" => Some(VillageKind::Kelurahan),
            _ => None,
        }
    }

    /// Kemendagri coding rule: the village part starts with 1 for a kelurahan and with
    /// 2 (or 3, desa adat) for a desa.
    pub fn from_code(code: &RegionCode) -> Option<Self> {
        if code.level() != RegionLevel::Village {
            return None;
        }
        match code.as_str().as_bytes()[9] {
            b'1' => Some(VillageKind::Kelurahan),
            b'2' | b'3' => Some(VillageKind::Desa),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_level() {
        let regency = RegionCode::parse("64.02").unwrap();
        assert_eq!(regency.level(), RegionLevel::Regency);
        assert_eq!(regency.district(), None);
        let district = RegionCode::parse("64.02.16").unwrap();
        assert_eq!(district.level(), RegionLevel::District);
        assert_eq!(district.regency(), "64.02");
        let village = RegionCode::parse(" 64.02.16.2001 ").unwrap();
        assert_eq!(village.as_str(), "64.02.16.2001");
        assert_eq!(village.level(), RegionLevel::Village);
        assert_eq!(village.district(), Some("64.02.16"));
        assert_eq!(village.regency(), "64.02");
        assert!(village.is_in_province(PROVINCE_CODE));
    }

    #[test]
    fn refuses_malformed_codes() {
        for bad in
            ["", "64", "6402", "64.2", "64.02.1", "64.02.16.201", "64.02.16.20011", "64.0a", "64.02.16.2001.1", "<b>"]
        {
            assert_eq!(RegionCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn regency_kind_from_name_or_code() {
        let paser = RegionCode::parse("64.01").unwrap();
        assert_eq!(RegencyKind::split_name(&paser, "Kabupaten Paser"), (RegencyKind::Kabupaten, "Paser"));
        let samarinda = RegionCode::parse("64.72").unwrap();
        assert_eq!(RegencyKind::split_name(&samarinda, "Kota Samarinda"), (RegencyKind::Kota, "Samarinda"));
        assert_eq!(RegencyKind::split_name(&samarinda, "Samarinda"), (RegencyKind::Kota, "Samarinda"));
        assert_eq!(RegencyKind::split_name(&paser, "Paser").0, RegencyKind::Kabupaten);
    }

    #[test]
    fn village_kind_from_code() {
        let desa = RegionCode::parse("64.01.01.2009").unwrap();
        let kelurahan = RegionCode::parse("64.72.05.1004").unwrap();
        assert_eq!(VillageKind::from_code(&desa), Some(VillageKind::Desa));
        assert_eq!(VillageKind::from_code(&kelurahan), Some(VillageKind::Kelurahan));
        assert_eq!(VillageKind::from_code(&RegionCode::parse("64.01.01").unwrap()), None);
    }
}
