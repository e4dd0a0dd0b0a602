//! Cubic Bézier curves as quadratic splines, for TrueType outlines.
//!
//! The method of cu2qu (Google's fonttools): try one quadratic, then splines of 2, 3 …
//! quadratics, until one stays within the tolerance of the cubic. A spline of `n`
//! quadratics comes from cutting the cubic into `n` equal pieces of its parameter; the
//! control point of piece `i` lies on the line between the two points where the cubic's
//! end tangents, extended by half, meet the piece's ends, at `i / (n - 1)` of the way, so
//! that the on-curve points a TrueType spline implies (the midpoints of neighbouring
//! controls) fall near the cubic. The error of each piece is the cubic that is the
//! difference between the piece and its quadratic raised to degree three; it is bounded by
//! subdividing it until its control points lie within the tolerance.

/// A point or vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct P(pub f64, pub f64);

impl P {
    fn add(self, o: P) -> P {
        P(self.0 + o.0, self.1 + o.1)
    }
    fn sub(self, o: P) -> P {
        P(self.0 - o.0, self.1 - o.1)
    }
    fn mul(self, k: f64) -> P {
        P(self.0 * k, self.1 * k)
    }
    fn len(self) -> f64 {
        self.0.hypot(self.1)
    }
    /// Whether the vector is no longer than `r` (without a square root).
    fn within(self, r: f64) -> bool {
        self.0 * self.0 + self.1 * self.1 <= r * r
    }
}

/// The most quadratics one cubic becomes; beyond this the cubic is cut in halves.
const MAX_PIECES: usize = 16;

/// Appends to `out` the off-curve points of a quadratic spline from `c[0]` to `c[3]` that
/// stays within `tolerance` of the cubic `c`, then the end point `c[3]`. Consecutive
/// off-curve points imply the on-curve point midway between them, as in TrueType. A
/// spline that does not fit is taken back off `out`, so nothing is allocated on the way.
pub(crate) fn cubic_to_quadratics(c: [P; 4], tolerance: f64, out: &mut Vec<(P, bool)>) {
    let start = out.len();
    for n in 1..=MAX_PIECES {
        if spline(c, n, tolerance, out) {
            out.push((c[3], true));
            return;
        }
        out.truncate(start);
    }
    // A cubic no spline of MAX_PIECES fits (a cusp, a tiny loop): halve it.
    let (a, b) = split(c, 0.5);
    cubic_to_quadratics(a, tolerance, out);
    cubic_to_quadratics(b, tolerance, out);
}

/// Whether a spline of `n` quadratics, whose control points it appends to `out`, stays
/// within `tolerance` of `c`. The pieces are cut off the cubic one after another; piece
/// `i` is checked once the control of piece `i + 1` is known, since the spline's
/// on-curve point between them lies midway between the two controls.
fn spline(c: [P; 4], n: usize, tolerance: f64, out: &mut Vec<(P, bool)>) -> bool {
    if n == 1 {
        // One quadratic: its control is where the end tangents meet.
        let Some(q1) = intersect(c) else { return false };
        out.push((q1, false));
        return fits_inside(
            P(0.0, 0.0),
            c[0].add(q1.sub(c[0]).mul(2.0 / 3.0)).sub(c[1]),
            c[3].add(q1.sub(c[3]).mul(2.0 / 3.0)).sub(c[2]),
            P(0.0, 0.0),
            tolerance,
        );
    }
    // The piece being checked, its control, and what is left of the cubic.
    let (mut piece, mut rest) = cut(c, n, 0);
    let mut q1 = approx_control(0.0, &piece);
    out.push((q1, false));
    // d0: how far the spline's start of the piece is from the cubic's.
    let mut d0 = P(0.0, 0.0);
    let mut q0 = c[0];
    for i in 0..n {
        let (q2, next) = if i + 1 < n {
            let (next, after) = cut(rest, n, i + 1);
            rest = after;
            let q = approx_control((i + 1) as f64 / (n - 1) as f64, &next);
            out.push((q, false));
            (q1.add(q).mul(0.5), Some((next, q)))
        } else {
            (c[3], None)
        };
        let d1 = q2.sub(piece[3]);
        if !d1.within(tolerance)
            || !fits_inside(
                d0,
                q0.add(q1.sub(q0).mul(2.0 / 3.0)).sub(piece[1]),
                q2.add(q1.sub(q2).mul(2.0 / 3.0)).sub(piece[2]),
                d1,
                tolerance,
            )
        {
            return false;
        }
        d0 = d1;
        q0 = q2;
        if let Some((next, q)) = next {
            (piece, q1) = (next, q);
        }
    }
    true
}

/// Piece `i` of `n` equal pieces of a cubic's parameter, cut off `rest` (what is left of
/// the cubic after the first `i` pieces), and what is left after it.
fn cut(rest: [P; 4], n: usize, i: usize) -> ([P; 4], [P; 4]) {
    if i + 1 == n { (rest, rest) } else { split(rest, 1.0 / (n - i) as f64) }
}

/// The control point for a piece: on the line between its tangents extended by half from
/// either end, at `t`.
fn approx_control(t: f64, p: &[P; 4]) -> P {
    let a = p[0].add(p[1].sub(p[0]).mul(1.5));
    let b = p[3].add(p[2].sub(p[3]).mul(1.5));
    a.add(b.sub(a).mul(t))
}

/// Where the tangent lines at the ends of `c` meet, if they do.
fn intersect(c: [P; 4]) -> Option<P> {
    let ab = c[1].sub(c[0]);
    let cd = c[3].sub(c[2]);
    let denom = ab.0 * cd.1 - ab.1 * cd.0;
    if denom.abs() < 1e-12 {
        // Parallel tangents: only a straight line, whose control may be its middle.
        let straight = ab.len() < 1e-9 && cd.len() < 1e-9;
        return straight.then(|| c[0].add(c[3]).mul(0.5));
    }
    let ac = c[2].sub(c[0]);
    let h = (ac.0 * cd.1 - ac.1 * cd.0) / denom;
    let p = c[0].add(ab.mul(h));
    (p.0.is_finite() && p.1.is_finite()).then_some(p)
}

/// Whether the cubic `p0..p3` stays within `tolerance` of the origin. Its control points
/// within the tolerance suffice, since a Bézier lies in the hull of its points;
/// otherwise its middle must be, and both halves are checked the same way.
fn fits_inside(p0: P, p1: P, p2: P, p3: P, tolerance: f64) -> bool {
    if p1.within(tolerance) && p2.within(tolerance) {
        return true;
    }
    let mid = p0.add(p1.add(p2).mul(3.0)).add(p3).mul(0.125);
    if !mid.within(tolerance) {
        return false;
    }
    let d3 = p3.add(p2).sub(p1).sub(p0).mul(0.125);
    fits_inside(p0, p0.add(p1).mul(0.5), mid.sub(d3), mid, tolerance)
        && fits_inside(mid, mid.add(d3), p2.add(p3).mul(0.5), p3, tolerance)
}

/// `c` cut at parameter `t` (de Casteljau).
fn split(c: [P; 4], t: f64) -> ([P; 4], [P; 4]) {
    let lerp = |a: P, b: P| a.add(b.sub(a).mul(t));
    let (ab, bc, cd) = (lerp(c[0], c[1]), lerp(c[1], c[2]), lerp(c[2], c[3]));
    let (abc, bcd) = (lerp(ab, bc), lerp(bc, cd));
    let m = lerp(abc, bcd);
    ([c[0], ab, abc, m], [m, bcd, cd, c[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cubic_at(c: &[P; 4], t: f64) -> P {
        let u = 1.0 - t;
        c[0].mul(u * u * u)
            .add(c[1].mul(3.0 * u * u * t))
            .add(c[2].mul(3.0 * u * t * t))
            .add(c[3].mul(t * t * t))
    }

    /// Samples of the spline as TrueType draws it: each quadratic from an on-curve (or
    /// implied) point through its control to the next.
    fn spline_points(start: P, points: &[(P, bool)], per_piece: usize) -> Vec<P> {
        let mut out = vec![start];
        let mut from = start;
        for (i, &(p, on)) in points.iter().enumerate() {
            if on {
                continue;
            }
            let to = match points.get(i + 1) {
                Some(&(next, true)) => next,
                Some(&(next, false)) => p.add(next).mul(0.5),
                None => unreachable!("a spline ends on the curve"),
            };
            for k in 1..=per_piece {
                let t = k as f64 / per_piece as f64;
                let u = 1.0 - t;
                out.push(from.mul(u * u).add(p.mul(2.0 * u * t)).add(to.mul(t * t)));
            }
            from = to;
        }
        out
    }

    fn to_segment(p: P, a: P, b: P) -> f64 {
        let ab = b.sub(a);
        let t = ((p.0 - a.0) * ab.0 + (p.1 - a.1) * ab.1) / (ab.0 * ab.0 + ab.1 * ab.1).max(1e-12);
        a.add(ab.mul(t.clamp(0.0, 1.0))).sub(p).len()
    }

    /// The largest distance from a sample of the cubic to the spline (as a fine polyline).
    fn error(c: &[P; 4], tolerance: f64) -> (f64, usize) {
        let mut out = Vec::new();
        cubic_to_quadratics(*c, tolerance, &mut out);
        let spline = spline_points(c[0], &out, 64);
        let worst = (0..=200)
            .map(|k| cubic_at(c, k as f64 / 200.0))
            .map(|p| {
                spline.windows(2).map(|s| to_segment(p, s[0], s[1])).fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max);
        (worst, out.iter().filter(|(_, on)| !on).count())
    }

    /// A small deterministic generator, so the test sees the same curves every run.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> f64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64 * 1000.0
        }
    }

    #[test]
    fn every_spline_stays_within_the_tolerance() {
        let mut rng = Lcg(7);
        for tolerance in [0.5, 1.0, 4.0] {
            for _ in 0..100 {
                let c = [
                    P(rng.next(), rng.next()),
                    P(rng.next(), rng.next()),
                    P(rng.next(), rng.next()),
                    P(rng.next(), rng.next()),
                ];
                let (err, _) = error(&c, tolerance);
                // The polyline stands within a few hundredths of a unit of the spline.
                assert!(err <= tolerance + 0.05, "{c:?} at {tolerance}: {err}");
            }
        }
    }

    #[test]
    fn gentle_curves_need_few_quadratics() {
        // A quarter circle of radius 500 (the usual cubic) takes a handful at 1 unit.
        let k = 0.552_284_75 * 500.0;
        let c = [P(0.0, 500.0), P(k, 500.0), P(500.0, k), P(500.0, 0.0)];
        let (err, n) = error(&c, 1.0);
        assert!(err <= 1.05 && (2..=4).contains(&n), "{err} with {n}");
        // An exact quadratic raised to a cubic comes back as one quadratic.
        let q = [P(0.0, 0.0), P(100.0, 200.0), P(200.0, 0.0)];
        let lift = |a: P, b: P| a.add(b.sub(a).mul(2.0 / 3.0));
        let c = [q[0], lift(q[0], q[1]), lift(q[2], q[1]), q[2]];
        let mut out = Vec::new();
        cubic_to_quadratics(c, 0.1, &mut out);
        assert_eq!(out.len(), 2);
        assert!(out[0].0.sub(q[1]).len() < 1e-9);
        // A straight cubic is one piece too.
        let mut out = Vec::new();
        cubic_to_quadratics([P(0.0, 0.0), P(0.0, 0.0), P(9.0, 9.0), P(9.0, 9.0)], 0.5, &mut out);
        assert!(out.len() <= 3, "{out:?}");
    }
}
