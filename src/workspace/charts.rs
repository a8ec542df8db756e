//! The workspace's charts, drawn with plotters on canvases: lines (loss, accuracy, activations, a
//! fitted curve), a plane (a heat map image under points and an optional path), and bars (the
//! pre-activation histograms). Each takes plain data and a palette; none computes model values.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

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

/// A y range a reader can take in: at least a hundredth of its size wide (or 0.01 near zero), so
/// a flat line (the loss at epoch 0) sits in the middle of a few distinct ticks rather than on a
/// column of equal ones.
pub fn readable(range: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = range;
    let least = (lo.abs().max(hi.abs()) * 0.02).max(0.02);
    if hi - lo >= least {
        return range;
    }
    let middle = lo / 2.0 + hi / 2.0;
    (middle - least / 2.0, middle + least / 2.0)
}

/// The x range of a chart over epochs: from 0 to the last epoch, at least 5 wide so the first
/// epochs read as whole numbers.
pub fn epochs(last: f64) -> (f64, f64) {
    (0.0, if last.is_finite() { last.max(5.0) } else { 5.0 })
}

/// Tick labels for a range about `labels` ticks wide: as many decimals as the ticks' spacing
/// needs to tell neighbours apart, and no more.
pub fn tick_label(value: f64, (lo, hi): (f64, f64), labels: usize) -> String {
    spaced_label(
        value,
        (hi - lo) / labels.max(1) as f64,
        lo.abs().max(hi.abs()),
    )
}

/// `value` written with the decimals a tick spacing of `step` needs (on an axis reaching
/// `largest`).
fn spaced_label(value: f64, step: f64, largest: f64) -> String {
    if step.is_nan() || step <= 0.0 || largest >= 1e6 || step < 1e-6 {
        return chainrule::render::number::plain(value, 4);
    }
    let decimals = (-step.log10()).ceil().clamp(0.0, 8.0) as usize;
    let text = format!("{value:.decimals$}");
    // "-0.00" and "0.00" are 0.
    if text.chars().all(|c| matches!(c, '-' | '0' | '.')) {
        "0".to_string()
    } else {
        text
    }
}

/// Round ticks inside [lo, hi]: the finest spacing of 1, 2, 2.5 or 5 times a power of ten that
/// gives at most `most` of them; where that leaves a single tick (a short axis around 0), the
/// next finer spacing, one tick over, so an axis always reads as a scale.
pub fn nice_ticks((lo, hi): (f64, f64), most: usize) -> Vec<f64> {
    let width = hi - lo;
    if width.is_nan() || width <= 0.0 || !width.is_finite() {
        return vec![lo];
    }
    let most = most.max(2);
    let ticks = |step: f64| {
        let first = (lo / step).ceil();
        let count = ((hi / step).floor() - first) as i64 + 1;
        (0..count.max(0))
            .map(|k| (first + k as f64) * step)
            .collect::<Vec<f64>>()
    };
    let mut power = 10f64.powf((width / most as f64).log10().floor() - 1.0);
    let mut finer: Option<Vec<f64>> = None;
    loop {
        for factor in [1.0, 2.0, 2.5, 5.0] {
            let found = ticks(factor * power);
            if found.len() <= most {
                return match finer {
                    Some(finer) if found.len() < 2 && finer.len() >= 2 => finer,
                    _ => found,
                };
            }
            finer = Some(found);
        }
        power *= 10.0;
    }
}

/// A line chart's axes.
pub struct Axes<'a> {
    /// The x axis's name.
    pub x: &'a str,
    /// The y axis's name.
    pub y: &'a str,
    /// A log scale for y.
    pub log_y: bool,
    /// A fixed x range (else the data's).
    pub x_fixed: Option<(f64, f64)>,
    /// A fixed y range (else the data's).
    pub y_fixed: Option<(f64, f64)>,
}

/// How many labels each axis gets.
const LABELS: usize = 5;

/// What a line chart drew: its ranges (y as drawn, its logarithm on a log scale) and where its
/// plot lies on the canvas, in the backend's pixels (left, top, right, bottom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawn {
    /// The x range.
    pub xs: (f64, f64),
    /// The y range.
    pub ys: (f64, f64),
    /// The plot's pixels.
    pub plot: [i32; 4],
}

/// A line chart: a legend in a row above the plot (never over the data), then the axes and the
/// lines. With `log_y` the y values are drawn on a log scale (non-positive ones skipped).
pub fn lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    p: &Palette,
    axes: Axes,
    lines: &[Line],
) -> Drawn {
    let Axes {
        x: x_label,
        y: y_label,
        log_y,
        x_fixed,
        y_fixed,
    } = axes;
    let s = p.scale;
    let size = p.font;
    let transform = |y: f64| if log_y { y.log10() } else { y };
    let xs = x_fixed.unwrap_or_else(|| {
        let xs = range(lines.iter().flat_map(|l| l.points.iter().map(|q| q.0)), 0.0);
        if xs.1 - xs.0 < 1e-6 {
            (xs.0 - 1.0, xs.1 + 1.0)
        } else {
            xs
        }
    });
    let ys = y_fixed.unwrap_or_else(|| {
        let ys = range(
            lines
                .iter()
                .flat_map(|l| l.points.iter().map(|q| transform(q.1))),
            0.06,
        );
        if log_y {
            ys
        } else {
            readable(ys)
        }
    });
    let labelled: Vec<&Line> = lines.iter().filter(|l| !l.label.is_empty()).collect();
    let rows = legend_layout(area, p, &labelled)
        .last()
        .map_or(0, |&(_, row)| row + 1);
    let band = (f64::from(rows) * size * 1.6 * s) as u32;
    let (head, body) = area.split_vertically(band);
    legend(&head, p, &labelled);
    // As many y labels as fit a short chart with room between them.
    let plot_height = f64::from(body.dim_in_pixel().1) - size * 3.2 * s;
    let y_labels = ((plot_height / (size * 2.2 * s)) as usize).clamp(2, LABELS);
    let y_ticks = nice_ticks(ys, y_labels);
    let Ok(mut chart) = ChartBuilder::on(&body)
        .margin_top((4.0 * s) as i32)
        .margin_right((10.0 * s) as i32)
        .margin_left((4.0 * s) as i32)
        .margin_bottom((2.0 * s) as i32)
        .x_label_area_size((size * 2.9 * s) as i32)
        .y_label_area_size((size * 4.6 * s) as i32)
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
    else {
        return Drawn {
            xs,
            ys,
            plot: [0; 4],
        };
    };
    let (px, py) = chart.plotting_area().get_pixel_range();
    let drawn = Drawn {
        xs,
        ys,
        plot: [px.start, py.start, px.end, py.end],
    };
    let y_step = y_ticks
        .windows(2)
        .map(|w| w[1] - w[0])
        .next()
        .unwrap_or(ys.1 - ys.0);
    let y_format = |v: &f64| {
        if log_y {
            // Ticks a fraction of a decade apart need more significant digits.
            let digits = 2 + (-y_step.log10()).ceil().clamp(0.0, 6.0) as usize;
            chainrule::render::number::plain(10f64.powf(*v), digits)
        } else {
            spaced_label(*v, y_step, ys.0.abs().max(ys.1.abs()))
        }
    };
    // The y ticks are ours (plotters' own may leave a short chart a single one): their grid
    // lines in the plot, their labels right-aligned left of it.
    let _ = chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_labels(LABELS)
        .y_labels(0)
        .x_label_formatter(&|v| tick_label(*v, xs, LABELS))
        .label_style(font(p, size))
        .axis_desc_style(font(p, size))
        .light_line_style(p.grid.mix(0.0))
        .bold_line_style(p.grid.mix(0.7))
        .axis_style(p.text.stroke_width(s as u32))
        .draw();
    let _ = chart.draw_series(
        y_ticks
            .iter()
            .map(|&t| PathElement::new(vec![(xs.0, t), (xs.1, t)], p.grid.mix(0.7))),
    );
    let (origin_x, origin_y) = body.get_base_pixel();
    let right = font(p, size).pos(Pos::new(HPos::Right, VPos::Center));
    for &t in &y_ticks {
        let (x, y) = chart.backend_coord(&(xs.0, t));
        let _ = body.draw(&Text::new(
            y_format(&t),
            (x - origin_x - (6.0 * s) as i32, y - origin_y),
            right.clone(),
        ));
    }
    for line in lines {
        let points: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|&(x, y)| (x, transform(y)))
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        let style = line.colour.stroke_width((2.0 * s).round() as u32);
        // A line of one point (epoch 0) is a dot, so the chart is not empty.
        let _ = if line.dots || points.len() == 1 {
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
    }
    drawn
}

/// The legend's entries laid out left to right, wrapping to a new row where the width runs out:
/// each entry's left and its row.
fn legend_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    p: &Palette,
    lines: &[&Line],
) -> Vec<(i32, i32)> {
    let s = p.scale;
    let style = font(p, p.font);
    let width = area.dim_in_pixel().0 as i32;
    let (left, sample, gap) = ((8.0 * s) as i32, (22.0 * s) as i32, (14.0 * s) as i32);
    let mut places = Vec::with_capacity(lines.len());
    let (mut x, mut row) = (left, 0);
    for line in lines {
        let text = area
            .estimate_text_size(&line.label, &style)
            .map_or(0, |(w, _)| w as i32);
        let entry = sample + (6.0 * s) as i32 + text;
        if x > left && x + entry > width {
            x = left;
            row += 1;
        }
        places.push((x, row));
        x += entry + gap;
    }
    places
}

/// The legend: one sample and name per line, each sample drawn as its line is (dashed, solid or
/// a dot), in rows of [`legend_layout`].
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &Palette, lines: &[&Line]) {
    let s = p.scale;
    let style = font(p, p.font);
    let sample = (22.0 * s) as i32;
    let row_height = (p.font * 1.6 * s) as i32;
    for (line, (x, row)) in lines.iter().zip(legend_layout(area, p, lines)) {
        let y = row * row_height + (p.font * 0.8 * s) as i32;
        let stroke = line.colour.stroke_width((2.0 * s).round() as u32);
        if line.dots {
            let _ = area.draw(&Circle::new(
                (x + sample / 2, y),
                (3.0 * s) as i32,
                line.colour.filled(),
            ));
        } else if line.dashed {
            let (dash, gap) = ((6.0 * s) as i32, (4.0 * s) as i32);
            let mut from = x;
            while from < x + sample {
                let to = (from + dash).min(x + sample);
                let _ = area.draw(&PathElement::new(vec![(from, y), (to, y)], stroke));
                from = to + gap;
            }
        } else {
            let _ = area.draw(&PathElement::new(vec![(x, y), (x + sample, y)], stroke));
        }
        let _ = area.draw(&Text::new(
            line.label.clone(),
            (
                x + sample + (6.0 * s) as i32,
                y - (p.font * 0.55 * s) as i32,
            ),
            style.clone(),
        ));
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
        .x_label_area_size((p.font * 2.9 * s) as i32)
        .y_label_area_size((p.font * 3.4 * s) as i32)
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
        .label_style(font(p, p.font))
        .axis_desc_style(font(p, p.font))
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
    if let Some(ctx) = context(canvas) {
        let at: Vec<(f64, f64)> = dots
            .iter()
            .map(|d| {
                let (x, y) = chart.backend_coord(&d.at);
                (f64::from(x), f64::from(y))
            })
            .collect();
        draw_dots(&ctx, p, dots, &at);
    }
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

/// Draws `dots` at pixel positions `at`: the points of one colour and ring as one path, filled
/// once and ringed once. (A circle element per dot was two arcs and two draws each, and the
/// browser rasterised them one by one: a third of a frame with a few hundred points.)
fn draw_dots(ctx: &CanvasRenderingContext2d, p: &Palette, dots: &[Dot], at: &[(f64, f64)]) {
    let s = p.scale;
    let radius = (3.5 * s).round();
    let light = RGBColor(255, 255, 255);
    let mut styles: Vec<(RGBColor, RGBColor)> = Vec::new();
    for d in dots {
        let style = (d.colour, if d.test { p.text } else { light });
        if !styles.contains(&style) {
            styles.push(style);
        }
    }
    let css = |c: RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    ctx.set_line_width(s.max(1.0).floor());
    for (fill, ring) in styles {
        ctx.begin_path();
        for (d, &(x, y)) in dots.iter().zip(at) {
            let ringed = if d.test { p.text } else { light };
            if d.colour == fill && ringed == ring {
                ctx.move_to(x + radius, y);
                let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
            }
        }
        ctx.set_fill_style_str(&css(fill));
        ctx.fill();
        ctx.set_stroke_style_str(&css(ring));
        ctx.stroke();
    }
}

/// A histogram of `values` in `bins` bins over their range, with the range written under it.
pub fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    p: &Palette,
    values: &[f64],
    bins: usize,
    colour: RGBColor,
) {
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
        .x_label_area_size((p.font * 1.3 * s) as i32)
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
        .label_style(font(p, p.font))
        .axis_style(p.grid.stroke_width(s as u32))
        .draw();
    let _ = chart.draw_series(counts.iter().enumerate().map(|(k, &c)| {
        let x0 = lo + k as f64 * width;
        Rectangle::new([(x0, 0.0), (x0 + width * 0.9, c as f64)], colour.filled())
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette() -> Palette {
        Palette {
            text: RGBColor(0, 0, 0),
            grid: RGBColor(200, 200, 200),
            surface: RGBColor(255, 255, 255),
            positive: RGBColor(0, 0, 255),
            negative: RGBColor(255, 128, 0),
            adjoint: RGBColor(255, 0, 255),
            scale: 1.0,
            font: 13.0,
        }
    }

    /// Every `<text>` of an SVG: its content and its y.
    fn texts(svg: &str) -> Vec<(String, f64)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let y = t.split("y=\"").nth(1)?.split('"').next()?.parse().ok()?;
                let content = t.split('>').nth(1)?.split('<').next()?.trim().to_string();
                Some((content, y))
            })
            .collect()
    }

    /// A loss chart of one run as the workspace draws it, with the train and test losses given.
    fn loss_chart(train: &[(f64, f64)], test: &[(f64, f64)]) -> String {
        let p = palette();
        let line = |label: &str, points: &[(f64, f64)], dashed| Line {
            label: label.into(),
            points: points.to_vec(),
            colour: p.positive,
            dashed,
            dots: false,
        };
        let last = train.last().map_or(0.0, |q| q.0);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (360, 200)).into_drawing_area();
            let axes = Axes {
                x: "epoch",
                y: "loss",
                log_y: false,
                x_fixed: Some(epochs(last)),
                y_fixed: None,
            };
            lines(
                &area,
                &p,
                axes,
                &[line("train", train, false), line("test", test, true)],
            );
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn a_loss_chart_at_epoch_0_starts_at_0_with_distinct_ticks_and_the_legend_above() {
        let svg = loss_chart(&[(0.0, 0.5572)], &[(0.0, 0.5356)]);
        let texts = texts(&svg);
        let numbers: Vec<&(String, f64)> = texts
            .iter()
            .filter(|(t, _)| t.parse::<f64>().is_ok())
            .collect();
        let values: Vec<f64> = numbers.iter().map(|(t, _)| t.parse().unwrap()).collect();
        assert!(values.contains(&0.0), "{texts:?}");
        assert!(
            values.iter().all(|v| *v >= 0.0),
            "no negative epoch: {texts:?}"
        );
        // 0 may be on both axes; no other label repeats.
        let mut labels: Vec<&str> = numbers
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| *t != "0")
            .collect();
        let count = labels.len();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), count, "{texts:?}");
        let top_tick = numbers
            .iter()
            .map(|(_, y)| *y)
            .fold(f64::INFINITY, f64::min);
        for name in ["train", "test"] {
            let (_, y) = texts.iter().find(|(t, _)| t == name).expect(name);
            assert!(
                *y < top_tick,
                "the legend's {name} is above the plot: {texts:?}"
            );
        }
    }

    #[test]
    fn dashed_lines_have_dashed_samples() {
        let svg = loss_chart(&[(0.0, 1.0), (9.0, 0.5)], &[(0.0, 1.1), (9.0, 0.6)]);
        // The legend is the first drawing: its solid sample is one segment, its dashed one several.
        let legend_segments = svg
            .split("<polyline")
            .skip(1)
            .take_while(|e| !e.contains("stroke=\"#000000\""))
            .count();
        assert!(legend_segments >= 3, "{svg}");
    }

    #[test]
    fn tick_labels_tell_neighbours_apart() {
        for (lo, hi) in [
            (0.5571, 0.5573),
            (0.0, 101.0),
            (1e-5, 3e-5),
            (-2.0, 2.0),
            (100.0, 1e5),
            (0.0, 5.0),
        ] {
            let labels: Vec<String> = (0..=LABELS)
                .map(|k| tick_label(lo + (hi - lo) * k as f64 / LABELS as f64, (lo, hi), LABELS))
                .collect();
            let mut distinct = labels.clone();
            distinct.dedup();
            assert_eq!(distinct, labels, "{lo}..{hi}");
        }
        assert_eq!(tick_label(-0.0001, (-1.0, 1.0), LABELS), "0");
        assert_eq!(tick_label(3.0, (0.0, 5.0), LABELS), "3");
    }

    #[test]
    fn ticks_are_round_inside_the_range_and_never_one_alone_where_two_fit() {
        assert_eq!(nice_ticks((-4.48, 4.48), 3), vec![-2.5, 0.0, 2.5]);
        assert_eq!(
            nice_ticks((0.0, 101.0), 5),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        assert_eq!(nice_ticks((0.535, 0.561), 2), vec![0.54, 0.56]);
        for (range, most) in [((-1.06, 1.06), 2), ((0.0, 1e-7), 4), ((-3e5, 2e5), 3)] {
            let ticks = nice_ticks(range, most);
            assert!(
                (2..=most + 1).contains(&ticks.len()),
                "{range:?}: {ticks:?}"
            );
            assert!(
                ticks.iter().all(|t| (range.0..=range.1).contains(t)),
                "{range:?}: {ticks:?}"
            );
        }
    }

    #[test]
    fn a_flat_line_gets_a_readable_range() {
        let (lo, hi) = readable(range([0.5572].into_iter(), 0.06));
        assert!(lo < 0.5572 && 0.5572 < hi && hi - lo >= 0.011, "{lo}..{hi}");
        assert_eq!(readable((0.0, 101.0)), (0.0, 101.0));
        assert_eq!(epochs(0.0), (0.0, 5.0));
        assert_eq!(epochs(120.0), (0.0, 120.0));
    }

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
