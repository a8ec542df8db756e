//! The workspace's charts, drawn with plotters on canvases: lines (loss, accuracy, activations, a
//! fitted curve), a plane (a heat map image under points and an optional path), and bars (the
//! pre-activation histograms). Each takes plain data and a palette; none computes model values.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::plots::heatmap::context;
use crate::plots::palette::Palette;

/// A drawing area on a canvas.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// One line of a line chart.
pub struct Line {
    /// Its name in the legend (empty: no legend entry).
    pub label: String,
    /// Its points; non-finite ones are skipped.
    pub points: Vec<(f64, f64)>,
    /// Its colour.
    pub colour: RGBColor,
    /// Dashed (the test set, the second run).
    pub dashed: bool,
    /// Drawn as dots rather than a line (data).
    pub dots: bool,
}

fn font(p: &Palette, size: f64) -> TextStyle<'static> {
    ("sans-serif", size * p.scale).into_font().color(&p.text)
}

/// Values beyond this are drawn at it: a chart's axis must span a finite width, and plotters
/// loops for ever finding ticks over an infinite one (a diverged run's loss is 1e308 or more).
const LARGEST: f64 = 1e300;

/// The finite range of `values`, padded, never empty, its width finite and wide enough to tell
/// its ends apart.
pub fn range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-LARGEST, LARGEST))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    let margin = ((hi - lo) * pad)
        .max(1e-9)
        .max(lo.abs().max(hi.abs()) * 1e-9);
    (lo - margin, hi + margin)
}

/// A line chart's axes and legend.
pub struct Axes<'a> {
    /// The x axis's name.
    pub x: &'a str,
    /// The y axis's name.
    pub y: &'a str,
    /// A log scale for y.
    pub log_y: bool,
    /// A fixed y range (else the data's).
    pub y_fixed: Option<(f64, f64)>,
    /// Where the legend goes.
    pub legend: SeriesLabelPosition,
}

/// A line chart. With `log_y` the y values are drawn on a log scale (non-positive ones skipped);
/// the legend goes where the lines are not expected to be.
pub fn lines(area: &Area, p: &Palette, axes: Axes, lines: &[Line]) {
    let Axes {
        x: x_label,
        y: y_label,
        log_y,
        y_fixed,
        legend,
    } = axes;
    let transform = |y: f64| if log_y { y.log10() } else { y };
    let mut xs = range(lines.iter().flat_map(|l| l.points.iter().map(|q| q.0)), 0.0);
    if xs.1 - xs.0 < 1e-6 {
        xs = (xs.0 - 1.0, xs.1 + 1.0);
    }
    let ys = y_fixed.unwrap_or_else(|| {
        range(
            lines
                .iter()
                .flat_map(|l| l.points.iter().map(|q| transform(q.1))),
            0.06,
        )
    });
    let s = p.scale;
    let Ok(mut chart) = ChartBuilder::on(area)
        .margin((8.0 * s) as i32)
        .x_label_area_size((30.0 * s) as i32)
        .y_label_area_size((58.0 * s) as i32)
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
    else {
        return;
    };
    let y_format = |v: &f64| {
        let v = if log_y { 10f64.powf(*v) } else { *v };
        chainrule::render::number::plain(v, 3)
    };
    let _ = chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(5)
        .y_labels(5)
        .y_label_formatter(&y_format)
        .x_label_formatter(&|v| chainrule::render::number::plain(*v, 3))
        .label_style(font(p, 11.0))
        .axis_desc_style(font(p, 12.0))
        .light_line_style(p.grid.mix(0.0))
        .bold_line_style(p.grid.mix(0.7))
        .axis_style(p.text.stroke_width(s as u32))
        .draw();
    for line in lines {
        let points: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|&(x, y)| (x, transform(y)))
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        let style = line.colour.stroke_width((2.0 * s).round() as u32);
        let drawn = if line.dots {
            chart.draw_series(
                points
                    .iter()
                    .map(|&q| Circle::new(q, (2.5 * s) as i32, line.colour.filled())),
            )
        } else if line.dashed {
            chart.draw_series(DashedLineSeries::new(
                points,
                (6.0 * s) as i32,
                (4.0 * s) as i32,
                style,
            ))
        } else {
            chart.draw_series(LineSeries::new(points, style))
        };
        if let (Ok(series), false) = (drawn, line.label.is_empty()) {
            let colour = line.colour;
            series.label(line.label.clone()).legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + (16.0 * s) as i32, y)],
                    colour.stroke_width((2.0 * s) as u32),
                )
            });
        }
    }
    if lines.iter().any(|l| !l.label.is_empty()) {
        let _ = chart
            .configure_series_labels()
            .position(legend)
            .label_font(font(p, 11.0))
            .background_style(p.surface.mix(0.85))
            .border_style(p.grid)
            .draw();
    }
}

/// A point on a plane chart.
pub struct Dot {
    /// Where.
    pub at: (f64, f64),
    /// Its fill.
    pub colour: RGBColor,
    /// Test points are drawn with a ring in the text colour, training points with a light one.
    pub test: bool,
}

/// A square plane [-extent, extent]² (or `x`×`y` ranges) with `image` stretched over it, dots on
/// top, and an optional path (the landscape's trajectory). Returns the plotting area's pixel
/// rectangle (left, top, right, bottom), so clicks can be mapped back to the plane.
#[allow(clippy::too_many_arguments)]
pub fn plane(
    area: &Area,
    canvas: &HtmlCanvasElement,
    p: &Palette,
    x: (f64, f64),
    y: (f64, f64),
    labels: (&str, &str),
    image: Option<&HtmlCanvasElement>,
    dots: &[Dot],
    path: &[(f64, f64)],
) -> Option<[i32; 4]> {
    let s = p.scale;
    let Ok(mut chart) = ChartBuilder::on(area)
        .margin((6.0 * s) as i32)
        .x_label_area_size((36.0 * s) as i32)
        .y_label_area_size((40.0 * s) as i32)
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
    else {
        return None;
    };
    let _ = chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(labels.0)
        .y_desc(labels.1)
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| chainrule::render::number::plain(*v, 2))
        .y_label_formatter(&|v| chainrule::render::number::plain(*v, 2))
        .label_style(font(p, 11.0))
        .axis_desc_style(font(p, 12.0))
        .axis_style(p.text.stroke_width(s as u32))
        .draw();
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    if let (Some(image), Some(ctx)) = (image, context(canvas)) {
        ctx.set_image_smoothing_enabled(true);
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            image,
            f64::from(xr.start),
            f64::from(yr.start),
            f64::from(xr.end - xr.start),
            f64::from(yr.end - yr.start),
        );
    }
    let light = RGBColor(255, 255, 255);
    let _ = chart.draw_series(dots.iter().map(|d| {
        let ring = if d.test { p.text } else { light };
        EmptyElement::at(d.at)
            + Circle::new((0, 0), (3.5 * s) as i32, d.colour.filled())
            + Circle::new(
                (0, 0),
                (3.5 * s) as i32,
                ring.stroke_width(s.max(1.0) as u32),
            )
    }));
    if path.len() > 1 {
        let _ = chart.draw_series(LineSeries::new(
            path.iter().copied(),
            p.text.stroke_width((2.0 * s) as u32),
        ));
        if let Some(&last) = path.last() {
            let _ = chart.draw_series(std::iter::once(Circle::new(
                last,
                (5.0 * s) as i32,
                p.adjoint.filled(),
            )));
        }
    }
    Some([xr.start, yr.start, xr.end, yr.end])
}

/// A histogram of `values` in `bins` bins over their range, with the range written under it.
pub fn bars(area: &Area, p: &Palette, values: &[f64], bins: usize, colour: RGBColor) {
    let (lo, hi) = range(values.iter().copied(), 0.0);
    let width = (hi - lo) / bins as f64;
    let mut counts = vec![0usize; bins];
    for &v in values.iter().filter(|v| v.is_finite()) {
        let k = (((v.clamp(lo, hi) - lo) / width) as usize).min(bins - 1);
        counts[k] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    let s = p.scale;
    let Ok(mut chart) = ChartBuilder::on(area)
        .margin((2.0 * s) as i32)
        .x_label_area_size((14.0 * s) as i32)
        .build_cartesian_2d(lo..hi, 0.0..top as f64)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .disable_mesh()
        .disable_y_axis()
        .x_labels(2)
        .x_label_formatter(&|v| chainrule::render::number::plain(*v, 2))
        .label_style(font(p, 9.0))
        .axis_style(p.grid.stroke_width(s as u32))
        .draw();
    let _ = chart.draw_series(counts.iter().enumerate().map(|(k, &c)| {
        let x0 = lo + k as f64 * width;
        Rectangle::new([(x0, 0.0), (x0 + width * 0.9, c as f64)], colour.filled())
    }));
}

#[cfg(test)]
mod tests {
    use super::range;

    #[test]
    fn a_range_is_finite_and_wide_whatever_the_values() {
        let cases: [&[f64]; 6] = [
            &[],
            &[f64::NAN, f64::INFINITY],
            &[-f64::MAX, f64::MAX],
            &[1e308, 1e308],
            &[1e300 + 1.0, 1e300],
            &[0.5, 0.5],
        ];
        for values in cases {
            let (lo, hi) = range(values.iter().copied(), 0.06);
            assert!(lo.is_finite() && hi.is_finite(), "{values:?}: {lo}..{hi}");
            assert!(
                hi - lo > 0.0 && (hi - lo).is_finite(),
                "{values:?}: {lo}..{hi}"
            );
            assert!(
                hi - lo >= hi.abs().max(lo.abs()) * 1e-9,
                "{values:?}: {lo}..{hi}"
            );
        }
    }
}
