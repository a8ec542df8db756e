//! Laws that hold for every expression, checked on random ones.

use chainrule::check::{finite_difference, forward_mode, relative_error};
use chainrule::expr::{parse, to_source};
use chainrule::render::{self, Format};
use chainrule::{Graph, Sharing, Trace};
use proptest::prelude::*;

/// Random expressions in x and y using every operation of the language.
fn any_expression() -> impl Strategy<Value = String> {
    expression(&[
        "exp",
        "log",
        "sqrt",
        "sin",
        "cos",
        "tan",
        "tanh",
        "sigmoid",
        "relu",
        "leaky_relu",
        "elu",
        "abs",
    ])
}

/// Random expressions built only from operations that are smooth everywhere.
fn smooth_expression() -> impl Strategy<Value = String> {
    expression(&["sin", "cos", "tanh", "sigmoid", "exp"])
}

fn expression(functions: &'static [&'static str]) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        (-3.0..3.0f64).prop_map(|v| format!("{v:.2}")),
        Just("pi".to_string()),
    ];
    leaf.prop_recursive(5, 32, 2, move |inner| {
        prop_oneof![
            (
                inner.clone(),
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*"])
            )
                .prop_map(|(a, b, op)| format!("({a}) {op} ({b})")),
            (inner.clone(), 2u32..4).prop_map(|(a, p)| format!("({a})^{p}")),
            (inner.clone(), prop::sample::select(functions)).prop_map(|(a, f)| format!("{f}({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("({a}) / (2 + ({b})^2)")),
        ]
    })
}

fn graph(source: &str, sharing: Sharing) -> Graph {
    Graph::parse(source, sharing).unwrap_or_else(|e| panic!("{}", e.render(source)))
}

/// A graph's shape: each node's operation key, arguments and name (not the source spans).
fn shape(graph: &Graph) -> Vec<((u8, u64), Vec<u32>, String)> {
    graph
        .ids()
        .map(|id| {
            let node = graph.node(id);
            (
                node.op.key(),
                graph.args(id).iter().map(|a| a.0).collect(),
                graph.name(id).to_string(),
            )
        })
        .collect()
}

fn inputs_for(graph: &Graph, x: f64, y: f64) -> Vec<f64> {
    graph
        .inputs()
        .iter()
        .map(|&id| if graph.name(id) == "x" { x } else { y })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn reverse_mode_equals_forward_mode(source in any_expression(), x in -2.0..2.0f64, y in -2.0..2.0f64) {
        let graph = graph(&source, Sharing::Merged);
        let inputs = inputs_for(&graph, x, y);
        let trace = Trace::with_inputs(&graph, &inputs);
        // Where a value or a derivative is NaN or infinite (sqrt at 0, log of a negative), the
        // two modes may meet different non-finite numbers: the law is about the finite case.
        prop_assume!(trace.values().iter().chain(trace.adjoints()).all(|v| v.is_finite()));
        for &input in graph.inputs() {
            let reverse = trace.adjoint(input);
            let forward = forward_mode(&graph, &inputs, input)[graph.output().index()];
            prop_assert!(relative_error(reverse, forward) < 1e-9, "{source}: {reverse} vs {forward}");
        }
    }

    #[test]
    fn both_modes_match_finite_differences_where_smooth(
        source in smooth_expression(), x in -1.0..1.0f64, y in -1.0..1.0f64,
    ) {
        let graph = graph(&source, Sharing::Merged);
        let inputs = inputs_for(&graph, x, y);
        let trace = Trace::with_inputs(&graph, &inputs);
        prop_assume!(trace.values().iter().all(|v| v.abs() < 1e3));
        for &input in graph.inputs() {
            let reverse = trace.adjoint(input);
            prop_assume!(reverse.abs() < 1e3);
            let numeric = finite_difference(&graph, &inputs, input);
            // A central difference is off by about h² times the third derivative, which fast
            // oscillations (sin of a cube) push to 1e-5.
            let error = (reverse - numeric).abs() / reverse.abs().max(1.0);
            prop_assert!(error < 1e-4, "{source} at x={x}, y={y}: backprop {reverse}, numeric {numeric}");
            let forward = forward_mode(&graph, &inputs, input)[graph.output().index()];
            prop_assert!(relative_error(reverse, forward) < 1e-9);
        }
    }

    #[test]
    fn printing_and_parsing_again_gives_the_same_graph(source in any_expression()) {
        let ast = parse(&source).unwrap();
        let printed = to_source(&ast);
        for sharing in [Sharing::Merged, Sharing::Tree] {
            prop_assert_eq!(shape(&graph(&source, sharing)), shape(&graph(&printed, sharing)), "{}", printed);
        }
    }

    #[test]
    fn the_tree_and_the_merged_graph_compute_the_same_gradient(source in any_expression(), x in -2.0..2.0f64) {
        let merged = graph(&source, Sharing::Merged);
        let tree = graph(&source, Sharing::Tree);
        prop_assert!(tree.len() >= merged.len());
        let a = Trace::with_inputs(&merged, &inputs_for(&merged, x, 0.5));
        let b = Trace::with_inputs(&tree, &inputs_for(&tree, x, 0.5));
        let same = |p: f64, q: f64| p == q || (p.is_nan() && q.is_nan()) || relative_error(p, q) < 1e-9;
        prop_assert!(same(a.output_value(), b.output_value()));
        for ((_, p), (_, q)) in a.gradient(&merged).into_iter().zip(b.gradient(&tree)) {
            prop_assert!(same(p, q), "{source}: {p} vs {q}");
        }
    }

    #[test]
    fn no_text_makes_the_engine_panic(source in "[-+*/^(),.xyeπ√σ0-9a-z ]{0,40}|\\PC{0,40}") {
        if let Ok(graph) = Graph::parse(&source, Sharing::Merged) {
            let inputs = vec![0.5; graph.inputs().len()];
            let trace = Trace::with_inputs(&graph, &inputs);
            for format in [Format::Text, Format::Markdown, Format::Latex, Format::MathMl] {
                render::document(&graph, &trace, format, 5);
            }
            chainrule::layout::layout(&graph, Default::default());
        } else if let Err(error) = parse(&source) {
            let message = error.render(&source);
            prop_assert!(message.starts_with("error at column"));
        }
    }
}
