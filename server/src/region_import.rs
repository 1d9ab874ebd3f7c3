//! `import-regions`: loads Kalimantan Timur (province 64) from the `idn-area-data`
//! package's CSV files. Idempotent: rows are upserted by code.

use anyhow::{bail, Context};
use app::domain::region::{RegencyKind, RegionCode, RegionLevel, VillageKind, PROVINCE_CODE};
use app::ssr::repo::regions::{self, RegionCounts};
use serde::Deserialize;
use sqlx::AnyPool;
use std::path::Path;

#[derive(Deserialize)]
struct RegencyRow {
    code: String,
    province_code: String,
    name: String,
}

#[derive(Deserialize)]
struct DistrictRow {
    code: String,
    regency_code: String,
    name: String,
}

#[derive(Deserialize)]
struct VillageRow {
    code: String,
    district_code: String,
    name: String,
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, file: &str) -> anyhow::Result<Vec<T>> {
    let path = dir.join(file);
    let mut reader = csv::Reader::from_path(&path)
        .with_context(|| format!("cannot read {} (run `npm ci` in the repository root)", path.display()))?;
    reader.deserialize().collect::<Result<Vec<T>, _>>().with_context(|| format!("malformed row in {}", path.display()))
}

fn code(value: &str, level: RegionLevel) -> anyhow::Result<RegionCode> {
    match RegionCode::parse(value) {
        Some(code) if code.level() == level && code.is_in_province(PROVINCE_CODE) => Ok(code),
        _ => bail!("unexpected {level:?} code {value:?}"),
    }
}

/// Imports the province's regencies, districts and villages and returns the registry's counts.
pub async fn import(pool: &AnyPool, dir: &Path) -> anyhow::Result<RegionCounts> {
    let in_province = |c: &str| c.split('.').next() == Some(PROVINCE_CODE);
    let regencies: Vec<RegencyRow> =
        read::<RegencyRow>(dir, "regencies.csv")?.into_iter().filter(|r| r.province_code == PROVINCE_CODE).collect();
    let districts: Vec<DistrictRow> =
        read::<DistrictRow>(dir, "districts.csv")?.into_iter().filter(|d| in_province(&d.regency_code)).collect();
    let villages: Vec<VillageRow> =
        read::<VillageRow>(dir, "villages.csv")?.into_iter().filter(|v| in_province(&v.district_code)).collect();
    if regencies.is_empty() {
        bail!("no regency of province {PROVINCE_CODE} in {}", dir.display());
    }

    let mut tx = pool.begin().await?;
    for row in &regencies {
        let code = code(&row.code, RegionLevel::Regency)?;
        let (kind, name) = RegencyKind::split_name(&code, &row.name);
        regions::upsert_regency(&mut tx, code.as_str(), name, kind).await?;
    }
    for row in &districts {
        let code = code(&row.code, RegionLevel::District)?;
        regions::upsert_district(&mut tx, code.as_str(), &row.regency_code, row.name.trim()).await?;
    }
    for row in &villages {
        let code = code(&row.code, RegionLevel::Village)?;
        let kind =
            VillageKind::from_code(&code).with_context(|| format!("cannot tell desa from kelurahan: {}", row.code))?;
        regions::upsert_village(&mut tx, code.as_str(), &row.district_code, row.name.trim(), kind).await?;
    }
    tx.commit().await?;
    Ok(regions::counts(pool).await?)
}
