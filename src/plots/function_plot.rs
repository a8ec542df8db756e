//! f and ∂f/∂x along one variable, with the current point and the tangent line there.

use chainrule::render::number::plain;
use chainrule::slice::SlicePoint;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colours and sizes for a chart, read from the page's theme by the caller.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Axis and label colour.
    pub text: RGBColor,
    /// Grid colour.
    pub grid: RGBColor,
    /// f's curve.
    pub value: RGBColor,
    /// The derivative's curve.
    pub slope: RGBColor,
    /// The tangent line and the current point.
    pub tangent: RGBColor,
    /// Device pixels per CSS pixel: fonts, strokes and margins scale by it.
    pub scale: f64,
}

/// What one function plot shows.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionPlot {
    /// The variable's name, for the axis.
    pub variable: String,
    /// f's name.
    pub function: String,
    /// The sampled slice.
    pub points: Vec<SlicePoint>,
    /// The current point: the variable's value, f and ∂f/∂variable there.
    pub current: SlicePoint,
}

/// The y range for one curve: the middle 90% of its finite values, so that one explosive stretch
/// (exp of a square) does not flatten the rest, always including the current point and staying
/// within a few times its magnitude; padded, never empty, always finite.
pub fn y_range(values: impl Iterator<Item = f64>, here: f64) -> (f64, f64) {
    let mut ys: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    if ys.is_empty() {
        return (-1.0, 1.0);
    }
    chainrule::sort::sort_floats(&mut ys);
    let quantile = |q: f64| ys[((ys.len() - 1) as f64 * q).round() as usize];
    let (mut low, mut high) = (quantile(0.05), quantile(0.95));
    if here.is_finite() {
        let reach = 4.0 * here.abs().max(1.0);
        low = low.max(here - reach).min(here);
        high = high.min(here + reach).max(here);
    }
    // Within ±1e300, so that the span and every tick step stay finite even for ±1e308.
    const LIMIT: f64 = 1e300;
    let (low, high) = (low.clamp(-LIMIT, LIMIT), high.clamp(-LIMIT, LIMIT));
    let pad = ((high - low) * 0.12)
        .max(1e-9 * high.abs().max(low.abs()))
        .max(1e-300);
    ((low - pad).max(-2.0 * LIMIT), (high + pad).min(2.0 * LIMIT))
}

/// Significant digits that keep `ticks` evenly spaced labels over [low, high] apart: enough for
/// the spacing's first digit, at the magnitude of the largest label.
pub fn tick_digits(low: f64, high: f64, ticks: usize) -> usize {
    let step = (high - low).abs() / ticks.max(1) as f64;
    let largest = low.abs().max(high.abs());
    if !(step > 0.0 && step.is_finite() && largest.is_finite()) {
        return 3;
    }
    let digits = (largest.log10().floor() - step.log10().floor()) as i64 + 2;
    digits.clamp(2, 15) as usize
}

/// Draws `plot` on `area`: a legend above the chart, f against the left axis and ∂f/∂variable
/// against the right one (each scaled to its own values, so both read), the tangent at the
/// current point.
pub fn draw<DB: DrawingBackend>(
    plot: &FunctionPlot,
    style: &Style,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = style.scale;
    let font = |size: f64| ("sans-serif", size * s).into_font().color(&style.text);
    let Some((first, last)) = plot.points.first().zip(plot.points.last()) else {
        return Ok(());
    };
    let (legend, body) = area.split_vertically((26.0 * s) as u32);
    let c = plot.current;
    let f = &plot.function;
    let x = &plot.variable;
    let entries = [
        (format!("{f} (left)"), style.value, false),
        (format!("∂{f}/∂{x} (right)"), style.slope, false),
        (
            format!("tangent at {x} = {}", plain(c.at, 5)),
            style.tangent,
            true,
        ),
    ];
    let mut left = (8.0 * s) as i32;
    let middle = (13.0 * s) as i32;
    for (text, colour, thin) in entries {
        let stroke = if thin { 1.5 } else { 3.0 };
        legend.draw(&PathElement::new(
            [(left, middle), (left + (22.0 * s) as i32, middle)],
            colour.stroke_width((stroke * s) as u32),
        ))?;
        left += (28.0 * s) as i32;
        let label = font(13.0);
        let (w, _) = legend.estimate_text_size(&text, &label)?;
        legend.draw(&Text::new(text, (left, middle - (7.0 * s) as i32), label))?;
        left += w as i32 + (16.0 * s) as i32;
    }

    let (f_low, f_high) = y_range(plot.points.iter().map(|p| p.value), c.value);
    let (d_low, d_high) = y_range(plot.points.iter().map(|p| p.slope), c.slope);
    let mut chart = ChartBuilder::on(&body)
        .margin((8.0 * s) as u32)
        .x_label_area_size((40.0 * s) as u32)
        .y_label_area_size((56.0 * s) as u32)
        .right_y_label_area_size((56.0 * s) as u32)
        .build_cartesian_2d(first.at..last.at, f_low..f_high)?
        .set_secondary_coord(first.at..last.at, d_low..d_high);
    let (x_digits, f_digits, d_digits) = (
        tick_digits(first.at, last.at, 4),
        tick_digits(f_low, f_high, 4),
        tick_digits(d_low, d_high, 4),
    );
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(5)
        .light_line_style(style.grid.mix(0.0))
        .bold_line_style(style.grid.mix(0.6))
        .axis_style(style.text.stroke_width(s as u32))
        .label_style(font(12.0))
        .x_label_formatter(&|v| plain(*v, x_digits))
        .y_label_formatter(&|v| plain(*v, f_digits))
        .x_desc(x.clone())
        .axis_desc_style(font(13.0))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_labels(5)
        .axis_style(style.slope.stroke_width(s as u32))
        .label_style(font(12.0))
        .y_label_formatter(&|v| plain(*v, d_digits))
        .draw()?;
    let stroke = (2.5 * s) as u32;
    for run in stretches(&plot.points, |p| p.value, (f_low, f_high)) {
        chart.draw_series(LineSeries::new(run, style.value.stroke_width(stroke)))?;
    }
    for run in stretches(&plot.points, |p| p.slope, (d_low, d_high)) {
        chart.draw_secondary_series(LineSeries::new(run, style.slope.stroke_width(stroke)))?;
    }
    if c.value.is_finite() && c.slope.is_finite() {
        let tangent = [first.at, last.at].map(|x| (x, c.value + c.slope * (x - c.at)));
        chart.draw_series(LineSeries::new(
            tangent,
            style.tangent.stroke_width((1.5 * s) as u32),
        ))?;
        chart.draw_series(std::iter::once(Circle::new(
            (c.at, c.value),
            (5.0 * s) as i32,
            style.tangent.filled(),
        )))?;
    }
    Ok(())
}

/// A curve as stretches of finite values, each point clamped just outside the window (which
/// clips it) so that a steep curve leaves it; NaN or ∞ breaks the line.
fn stretches(
    points: &[SlicePoint],
    y: impl Fn(&SlicePoint) -> f64,
    (low, high): (f64, f64),
) -> Vec<Vec<(f64, f64)>> {
    let margin = high - low;
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for p in points {
        let v = y(p);
        if v.is_finite() {
            if let Some(run) = runs.last_mut() {
                run.push((p.at, v.clamp(low - margin, high + margin)));
            }
        } else if runs.last().is_some_and(|run| !run.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use chainrule::slice::{slice, window};
    use chainrule::{Graph, Sharing};

    #[test]
    fn the_y_range_covers_a_curve_and_ignores_non_finite_values() {
        let (low, high) = y_range([1.0, f64::NAN, 3.0, f64::INFINITY, -2.0].into_iter(), 1.0);
        assert!(low < -2.0 && high > 3.0 && high < 4.0);
        assert_eq!(y_range(std::iter::empty(), 0.0), (-1.0, 1.0));
        for extreme in [1e308, -1e308, f64::MAX, 5e-324] {
            let (low, high) = y_range([extreme, -extreme].into_iter(), extreme);
            assert!(
                low.is_finite() && high.is_finite() && low < high,
                "{extreme}"
            );
        }
    }

    #[test]
    fn tick_labels_stay_apart_however_narrow_the_range() {
        for (low, high) in [(1.98, 2.02), (-1.0, 5.0), (1e6, 1e6 + 3.0), (-0.001, 0.001)] {
            let digits = tick_digits(low, high, 4);
            let labels: Vec<String> = (0..=4)
                .map(|i| plain(low + (high - low) * i as f64 / 4.0, digits))
                .collect();
            let mut distinct = labels.clone();
            distinct.dedup();
            assert_eq!(distinct, labels, "{low}..{high}");
        }
    }

    /// The lecture's plot drawn as SVG, natively: its text and where it went.
    fn lecture_svg() -> String {
        let graph = Graph::parse(
            "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
            Sharing::Merged,
        )
        .unwrap();
        let input = graph.inputs()[0];
        let w = window(&graph, &[2.0], input, 2.0);
        let trace = chainrule::Trace::with_inputs(&graph, &[2.0]);
        let plot = FunctionPlot {
            variable: "x".into(),
            function: "f".into(),
            points: slice(&graph, &[2.0], input, w.low, w.high, 241),
            current: SlicePoint {
                at: 2.0,
                value: trace.output_value(),
                slope: trace.adjoint(input),
            },
        };
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 260)).into_drawing_area();
            draw(&plot, &test_style(), &area).unwrap();
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn extreme_values_draw_and_finish() {
        for (source, at) in [
            ("x^2", f64::MAX),
            ("x^2", -f64::MAX),
            ("x^2", 1e308),
            ("exp(x)", 5e-324),
            ("x", f64::NAN),
            ("log(x)", -0.0),
            ("x*1e308", 1e300),
        ] {
            let graph = Graph::parse(source, Sharing::Merged).unwrap();
            let input = graph.inputs()[0];
            let w = window(&graph, &[at], input, at);
            let trace = chainrule::Trace::with_inputs(&graph, &[at]);
            let plot = FunctionPlot {
                variable: "x".into(),
                function: "f".into(),
                points: slice(&graph, &[at], input, w.low, w.high, 241),
                current: SlicePoint {
                    at,
                    value: trace.output_value(),
                    slope: trace.adjoint(input),
                },
            };
            let mut svg = String::new();
            let area = SVGBackend::with_string(&mut svg, (400, 260)).into_drawing_area();
            let _ = draw(&plot, &test_style(), &area);
        }
    }

    fn test_style() -> Style {
        Style {
            text: RGBColor(0, 0, 0),
            grid: RGBColor(200, 200, 200),
            value: RGBColor(0, 0, 255),
            slope: RGBColor(255, 0, 255),
            tangent: RGBColor(255, 128, 0),
            scale: 1.0,
        }
    }

    /// The y of every `<text>` whose content is `content`.
    fn text_ys(svg: &str, content: &str) -> Vec<f64> {
        svg.split("<text")
            .skip(1)
            .filter(|t| {
                t.split('>')
                    .nth(1)
                    .is_some_and(|c| c.trim_start().starts_with(content))
            })
            .filter_map(|t| {
                let y = t.split("y=\"").nth(1)?.split('"').next()?;
                y.parse().ok()
            })
            .collect()
    }

    #[test]
    fn the_lectures_plot_has_its_legend_above_the_data_and_distinct_ticks() {
        let svg = lecture_svg();
        for entry in ["f (left)", "∂f/∂x (right)", "tangent at x = 2"] {
            let ys = text_ys(&svg, entry);
            assert_eq!(ys.len(), 1, "{entry} in the legend");
            assert!(ys[0] < 26.0, "{entry} sits in the band above the chart");
        }
        let ticks: Vec<String> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                t.split('>')
                    .nth(1)?
                    .split('<')
                    .next()
                    .map(|c| c.trim().to_string())
            })
            .filter(|t| t.parse::<f64>().is_ok())
            .collect();
        let mut distinct = ticks.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            ticks.len(),
            "no repeated tick label: {ticks:?}"
        );
    }
}
