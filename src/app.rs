//! The page: the expression, its variables, and the derivation.

use yew::prelude::*;

use crate::components::derivation_table::DerivationTable;
use crate::components::expression_field::ExpressionField;
use crate::components::variables::Variables;
use crate::session::{Action, Session};

/// The whole app.
#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let on_edit = {
        let session = session.dispatcher();
        Callback::from(move |text: String| session.dispatch(Action::Edit(text)))
    };
    let on_value = {
        let session = session.dispatcher();
        Callback::from(move |(name, value): (String, f64)| {
            session.dispatch(Action::SetValue(name, value))
        })
    };
    let stale = session.problem.is_some();
    html! {
        <>
            <header class="masthead">
                <h1>{ "Chainrule" }</h1>
                <p class="tagline">{ "See backpropagation happen, one step of the chain rule at a time." }</p>
            </header>
            <main class="workspace">
                <section class="inputs" aria-label="Expression">
                    <ExpressionField source={session.source.clone()} problem={session.problem.clone()} {on_edit} />
                    <Variables variables={session.variables()} {on_value} />
                </section>
                if let Some(model) = &session.model {
                    <DerivationTable model={model.clone()} {stale} />
                }
            </main>
        </>
    }
}
