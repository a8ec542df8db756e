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

/// The y range for both curves: the middle 90% of their finite values, so that one explosive
/// stretch (exp of a square) does not flatten the rest, always including the current point;
/// padded, never empty.
fn y_range(points: &[SlicePoint], current: SlicePoint) -> (f64, f64) {
    let mut ys: Vec<f64> = points
        .iter()
        .flat_map(|p| [p.value, p.slope])
        .filter(|v| v.is_finite())
        .collect();
    if ys.is_empty() {
        return (-1.0, 1.0);
    }
    ys.sort_by(f64::total_cmp);
    let quantile = |q: f64| ys[((ys.len() - 1) as f64 * q).round() as usize];
    let (mut low, mut high) = (quantile(0.05), quantile(0.95));
    let here: Vec<f64> = [current.value, current.slope]
        .into_iter()
        .filter(|v| v.is_finite())
        .collect();
    if !here.is_empty() {
        // Stay within a few times the current magnitudes, so an explosive stretch elsewhere
        // (exp of a square) cannot squash the neighbourhood of the point being studied.
        let reach = 4.0 * here.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        let near_low = here.iter().copied().fold(f64::INFINITY, f64::min);
        let near_high = here.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        low = low.max(near_low - reach).min(near_low);
        high = high.min(near_high + reach).max(near_high);
    }
    let pad = ((high - low) * 0.12).max(1e-6);
    (low - pad, high + pad)
}

/// Draws `plot` on `area`.
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
    let (y_low, y_high) = y_range(&plot.points, plot.current);
    let mut chart = ChartBuilder::on(area)
        .margin((10.0 * s) as u32)
        .x_label_area_size((30.0 * s) as u32)
        .y_label_area_size((62.0 * s) as u32)
        .build_cartesian_2d(first.at..last.at, y_low..y_high)?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(5)
        .light_line_style(style.grid.mix(0.0))
        .bold_line_style(style.grid.mix(0.6))
        .axis_style(style.text.stroke_width(s as u32))
        .label_style(font(12.0))
        .x_label_formatter(&|v| plain(*v, 3))
        .y_label_formatter(&|v| plain(*v, 3))
        .x_desc(plot.variable.clone())
        .axis_desc_style(font(13.0))
        .draw()?;
    // Curves leave the window where they grow too steep: each stretch of finite values is drawn
    // clamped just outside the window (which clips it) and NaN or ∞ breaks the line.
    let margin = y_high - y_low;
    let stretches = |f: fn(&SlicePoint) -> f64| {
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for p in &plot.points {
            let y = f(p);
            if y.is_finite() {
                if let Some(run) = runs.last_mut() {
                    run.push((p.at, y.clamp(y_low - margin, y_high + margin)));
                }
            } else if runs.last().is_some_and(|run| !run.is_empty()) {
                runs.push(Vec::new());
            }
        }
        runs
    };
    let stroke = (2.5 * s) as u32;
    // The legend is the page's (HTML, beside the canvas), so it never covers a curve.
    for (f, colour) in [
        (value_of as fn(&SlicePoint) -> f64, &style.value),
        (slope_of, &style.slope),
    ] {
        for run in stretches(f) {
            chart.draw_series(LineSeries::new(run, colour.stroke_width(stroke)))?;
        }
    }
    let c = plot.current;
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

fn value_of(p: &SlicePoint) -> f64 {
    p.value
}

fn slope_of(p: &SlicePoint) -> f64 {
    p.slope
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_y_range_covers_both_curves_and_ignores_non_finite_values() {
        let points = [
            SlicePoint {
                at: 0.0,
                value: 1.0,
                slope: -2.0,
            },
            SlicePoint {
                at: 1.0,
                value: f64::NAN,
                slope: 3.0,
            },
            SlicePoint {
                at: 2.0,
                value: f64::INFINITY,
                slope: 0.0,
            },
        ];
        let here = points[0];
        let (low, high) = y_range(&points, here);
        assert!(low < -2.0 && high > 3.0 && high < 4.0);
        assert_eq!(y_range(&[], here), (-1.0, 1.0));
    }
}
