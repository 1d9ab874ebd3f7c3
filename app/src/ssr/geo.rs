//! The outlines of the province's regencies and the points of its villages, drawn once
//! from the map data compiled into the server (`app/data/wilayah-kaltim/`, see its README
//! for provenance and licence). A region of the registry without map data is simply not
//! drawn; nothing here ever reaches the WASM.

use crate::domain::geo::Frame;
use crate::wire::stats::{MapOutlines, RegionOutline, VillagePoint};
use serde::Deserialize;
use std::sync::LazyLock;

const REGENCIES: &str = include_str!("../../data/wilayah-kaltim/regencies.geojson");
const VILLAGES: &str = include_str!("../../data/wilayah-kaltim/villages.csv");

/// The drawing's width in its own units: at about 190 units a degree, one unit is ~0.6 km.
const WIDTH: f64 = 1000.0;
/// Points closer than this (in x + y units) to the one before are left out.
const TOLERANCE: i64 = 2;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

/// A `MultiPolygon`: polygons of rings of `[lng, lat]`.
#[derive(Deserialize)]
struct Geometry {
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

static OUTLINES: LazyLock<MapOutlines> = LazyLock::new(|| draw(REGENCIES, VILLAGES));

/// The map's outlines (drawn on first use, then shared).
pub fn outlines() -> &'static MapOutlines {
    &OUTLINES
}

/// Draws regencies (GeoJSON) and villages (`code,lat,lng` CSV) in one frame that holds the
/// regencies. Data that does not read is a build mistake of this repository: it panics at
/// the first map drawn, which the tests do.
fn draw(regencies: &str, villages: &str) -> MapOutlines {
    let collection: Collection = serde_json::from_str(regencies).expect("the regency outlines are GeoJSON");
    let points = collection
        .features
        .iter()
        .flat_map(|f| f.geometry.coordinates.iter().flatten().flatten())
        .map(|[lng, lat]| (*lng, *lat));
    let Some(frame) = Frame::fitting(points, WIDTH) else { return MapOutlines::default() };
    let regencies = collection
        .features
        .iter()
        .map(|feature| {
            let path: String = feature
                .geometry
                .coordinates
                .iter()
                .flatten()
                .filter_map(|ring| {
                    let ring: Vec<(f64, f64)> = ring.iter().map(|[lng, lat]| (*lng, *lat)).collect();
                    frame.ring_path(&ring, TOLERANCE)
                })
                .collect();
            RegionOutline { code: feature.properties.code.clone(), path }
        })
        .filter(|outline| !outline.path.is_empty())
        .collect();
    let villages = villages
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let code = fields.next()?;
            let lat: f64 = fields.next()?.parse().ok()?;
            let lng: f64 = fields.next()?.parse().ok()?;
            let (x, y) = frame.project(lng, lat);
            Some(VillagePoint { code: code.to_owned(), x, y })
        })
        .collect();
    MapOutlines { width: frame.width as i64, height: frame.height as i64, regencies, villages }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_regency_and_village_of_the_province_is_drawn_inside_the_frame() {
        let map = outlines();
        assert_eq!((map.width, map.height), (1000, 957));
        let codes: Vec<&str> = map.regencies.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11", "64.71", "64.72", "64.74"]);
        assert!(map.regencies.iter().all(|r| r.path.starts_with('M') && r.path.ends_with('z')));
        assert_eq!(map.villages.len(), 1038);
        assert!(map.villages.iter().all(|v| (0..=map.width).contains(&v.x) && (0..=map.height).contains(&v.y)));
        let paths: usize = map.regencies.iter().map(|r| r.path.len()).sum();
        assert!(paths < 30_000, "the outlines stay light: {paths} bytes");
    }
}
