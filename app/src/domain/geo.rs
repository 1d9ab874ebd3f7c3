//! Drawing places on a flat map: longitude and latitude projected into an SVG drawing
//! (equirectangular — the province straddles the equator, where it barely distorts),
//! outlines written as compact paths, and the shade of an area by its figure.

/// Where a longitude/latitude falls in a drawing `width` units wide that holds a
/// bounding box: x grows eastwards, y southwards, from the box's north-west corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    west: f64,
    north: f64,
    scale: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The frame of `width` units that holds every `(lng, lat)` given (`None` for none, or
    /// for points that are all on one meridian or parallel).
    pub fn fitting(points: impl IntoIterator<Item = (f64, f64)>, width: f64) -> Option<Frame> {
        let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lng, lat) in points {
            west = west.min(lng);
            east = east.max(lng);
            south = south.min(lat);
            north = north.max(lat);
        }
        let (span_x, span_y) = (east - west, north - south);
        if !(span_x > 0.0 && span_y > 0.0) {
            return None;
        }
        let scale = width / span_x;
        Some(Frame { west, north, scale, width, height: (span_y * scale).ceil() })
    }

    /// The drawing's point of `(lng, lat)`, rounded to whole units.
    pub fn project(&self, lng: f64, lat: f64) -> (i64, i64) {
        (((lng - self.west) * self.scale).round() as i64, ((self.north - lat) * self.scale).round() as i64)
    }

    /// One closed ring as an SVG path (`M x y l dx dy … z`, relative steps), leaving out
    /// points less than `tolerance` units (in x + y) from the last one kept. `None` when
    /// too little is left to enclose anything (a speck at this scale).
    pub fn ring_path(&self, ring: &[(f64, f64)], tolerance: i64) -> Option<String> {
        let mut kept: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
        for &(lng, lat) in ring {
            let point = self.project(lng, lat);
            match kept.last() {
                Some(last) if (point.0 - last.0).abs() + (point.1 - last.1).abs() < tolerance => {}
                _ => kept.push(point),
            }
        }
        // The ring's last point repeats its first.
        if kept.len() > 1 && kept.first() == kept.last() {
            kept.pop();
        }
        if kept.len() < 3 {
            return None;
        }
        let mut path = format!("M{} {}", kept[0].0, kept[0].1);
        let mut previous = kept[0];
        for (i, point) in kept.iter().enumerate().skip(1) {
            let (dx, dy) = (point.0 - previous.0, point.1 - previous.1);
            path.push_str(if i == 1 { "l" } else { " " });
            path.push_str(&format!("{dx} {dy}"));
            previous = *point;
        }
        path.push('z');
        Some(path)
    }
}

/// How many shades an area can take beside "none" (0).
pub const SHADES: i64 = 4;

/// The shade of an area whose figure is `value` when the greatest is `max`: 0 for none,
/// otherwise 1 to [`SHADES`], in equal steps of the greatest.
pub fn shade(value: i64, max: i64) -> i64 {
    if value <= 0 || max <= 0 {
        0
    } else {
        ((value * SHADES + max - 1) / max).clamp(1, SHADES)
    }
}

/// The values each shade stands for when the greatest is `max`, for a legend:
/// `(shade, lowest, highest)`, leaving out the shades no whole number falls in.
pub fn shade_ranges(max: i64) -> Vec<(i64, i64, i64)> {
    (1..=SHADES)
        .map(|k| (k, (k - 1) * max / SHADES + 1, k * max / SHADES))
        .filter(|(_, lowest, highest)| lowest <= highest)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Frame {
        Frame::fitting([(110.0, -2.0), (112.0, 2.0)], 100.0).unwrap()
    }

    #[test]
    fn the_frame_keeps_the_proportions_and_puts_north_on_top() {
        let frame = square();
        assert_eq!(frame.height, 200.0);
        assert_eq!(frame.project(110.0, 2.0), (0, 0));
        assert_eq!(frame.project(112.0, -2.0), (100, 200));
        assert_eq!(frame.project(111.0, 0.0), (50, 100));
        assert!(Frame::fitting([(110.0, 1.0), (112.0, 1.0)], 100.0).is_none());
        assert!(Frame::fitting([], 100.0).is_none());
    }

    #[test]
    fn rings_are_relative_paths_without_the_points_too_close_to_draw() {
        let frame = square();
        let ring = [(110.0, 2.0), (111.0, 2.0), (111.001, 2.0), (111.0, 1.0), (110.0, 2.0)];
        assert_eq!(frame.ring_path(&ring, 2).as_deref(), Some("M0 0l50 0 0 50z"));
        // Smaller than the tolerance everywhere: nothing to draw.
        assert_eq!(frame.ring_path(&[(110.0, 2.0), (110.001, 2.0), (110.0, 1.999), (110.0, 2.0)], 2), None);
    }

    #[test]
    fn shades_rise_in_equal_steps_of_the_greatest() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(5, 0), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(3, 10), 2);
        assert_eq!(shade(10, 10), 4);
        assert_eq!(shade(11, 10), 4);
        assert_eq!(shade_ranges(100), vec![(1, 1, 25), (2, 26, 50), (3, 51, 75), (4, 76, 100)]);
        assert_eq!(shade_ranges(2), vec![(2, 1, 1), (4, 2, 2)]);
        assert_eq!(shade_ranges(0), vec![]);
        for max in 1..40 {
            for value in 1..=max {
                let (k, _, _) = shade_ranges(max).into_iter().find(|(_, lo, hi)| (*lo..=*hi).contains(&value)).unwrap();
                assert_eq!(shade(value, max), k);
            }
        }
    }
}
