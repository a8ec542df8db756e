use chainrule::expr::{parse, random_expression};
use chainrule::{Graph, Sharing, Trace};
use std::time::{Duration, Instant};
fn main() {
    let s = random_expression(100_000, 42);
    let mut t = [Duration::ZERO; 3];
    for _ in 0..30 {
        let a = Instant::now();
        let ast = parse(&s).unwrap();
        let b = Instant::now();
        let g = Graph::from_ast(&ast, Sharing::Merged);
        let c = Instant::now();
        let tr = Trace::with_inputs(&g, &[0.5, 0.6, 0.7]);
        let d = Instant::now();
        std::hint::black_box(tr);
        t[0] += b - a;
        t[1] += c - b;
        t[2] += d - c;
    }
    println!(
        "parse {:?} build {:?} trace {:?}",
        t[0] / 30,
        t[1] / 30,
        t[2] / 30
    );
}
