//! A trace as JSON for other programs: value, gradient, and every node in topological order.
//! JSON has no NaN or infinity, so non-finite numbers are written as the strings "NaN", "inf", "-inf".

use serde_json::{json, Map, Value};

use super::derivation::formula;
use super::notation::render;
use super::text::Text;
use crate::graph::Graph;
use crate::trace::Trace;

/// A number, or its name when it is not finite.
pub fn number(v: f64) -> Value {
    if v.is_nan() {
        Value::from("NaN")
    } else if v == f64::INFINITY {
        Value::from("inf")
    } else if v == f64::NEG_INFINITY {
        Value::from("-inf")
    } else {
        Value::from(v)
    }
}

/// The trace as one JSON object: `value`, `gradient` (name -> ∂f/∂name) and `nodes`.
pub fn trace_json(graph: &Graph, trace: &Trace) -> Value {
    let gradient: Map<String, Value> = trace
        .gradient(graph)
        .into_iter()
        .map(|(name, d)| (name.to_string(), number(d)))
        .collect();
    let text = Text { digits: 17 };
    let nodes: Vec<Value> = graph
        .ids()
        .map(|id| {
            let node = graph.node(id);
            let mut object = json!({
                "name": graph.name(id),
                "op": node.op.name(),
                "inputs": graph.args(id).iter().map(|&a| graph.name(a)).collect::<Vec<_>>(),
                "value": number(trace.value(id)),
                "adjoint": number(trace.adjoint(id)),
            });
            if graph.is_operation(id) {
                object["formula"] = Value::from(render(&text, &formula(graph, id)));
            }
            if let Some(p) = node.op.parameter().filter(|_| graph.is_operation(id)) {
                object["parameter"] = number(p);
            }
            object
        })
        .collect();
    json!({
        "value": number(trace.output_value()),
        "gradient": gradient,
        "nodes": nodes,
    })
}
