//! The report's chart: for each workload, dynox's throughput and CPU per
//! operation as ratios of the raw SDK's, with the targets marked. Plain SVG,
//! written by hand: a few rectangles and labels need no plotting library.

use std::fmt::Write;

/// One bar pair: a label, throughput ratio and CPU ratio.
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) throughput: f64,
    pub(crate) cpu: f64,
}

const LEFT: f64 = 330.0;
const WIDTH: f64 = 460.0;
const ROW: f64 = 34.0;
const TOP: f64 = 60.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) fn svg(title: &str, bars: &[Bar]) -> String {
    let max = bars
        .iter()
        .flat_map(|b| [b.throughput, b.cpu])
        .fold(1.5f64, f64::max)
        .ceil();
    let x = |ratio: f64| LEFT + WIDTH * (ratio / max);
    let height = TOP + ROW * bars.len() as f64 + 50.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="20" font-size="15" font-weight="bold">{title}</text>
<rect x="10" y="30" width="12" height="12" fill="#3366cc"/><text x="27" y="41">throughput ÷ raw SDK (target ≥ 0.97)</text>
<rect x="290" y="30" width="12" height="12" fill="#ee8833"/><text x="307" y="41">CPU per op ÷ raw SDK (target ≤ 1.10)</text>
"##,
        w = LEFT + WIDTH + 30.0,
        title = escape(title),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{ty}" text-anchor="end">{label}</text>
<rect x="{LEFT}" y="{y1}" width="{w1:.1}" height="12" fill="#3366cc"/><text x="{t1:.1}" y="{ty1}">{tp:.2}</text>
<rect x="{LEFT}" y="{y2}" width="{w2:.1}" height="12" fill="#ee8833"/><text x="{t2:.1}" y="{ty2}">{cpu:.2}</text>
"##,
            lx = LEFT - 8.0,
            ty = y + 17.0,
            label = escape(&b.label),
            y1 = y + 2.0,
            w1 = x(b.throughput) - LEFT,
            t1 = x(b.throughput) + 4.0,
            ty1 = y + 12.0,
            tp = b.throughput,
            y2 = y + 15.0,
            w2 = x(b.cpu) - LEFT,
            t2 = x(b.cpu) + 4.0,
            ty2 = y + 25.0,
            cpu = b.cpu,
        );
    }
    let bottom = TOP + ROW * bars.len() as f64;
    for (ratio, color, dash) in [
        (0.97, "#3366cc", "4 3"),
        (1.0, "#666666", ""),
        (1.10, "#ee8833", "4 3"),
    ] {
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{bottom}" stroke="{color}" stroke-dasharray="{dash}"/>"##,
            x = x(ratio)
        );
    }
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = writeln!(
            s,
            r##"<text x="{x:.1}" y="{y}" text-anchor="middle" fill="#444">{tick:.1}</text>"##,
            x = x(tick),
            y = bottom + 16.0
        );
        tick += 0.5;
    }
    s.push_str("</svg>\n");
    s
}
