//! The `chainrule` command-line tool: trace an expression and print the lecture's lists.

use std::process::ExitCode;

use chainrule::render::{self, json, Format};
use chainrule::{Bindings, Graph, Sharing, Trace};
use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "chainrule",
    version,
    about = "See backpropagation happen, step by step"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an expression's graph, run the forward and backward passes, and print every step.
    Trace {
        /// The expression, such as 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))'.
        expression: String,
        /// Values for the variables: x=2,y=-1 (a value may be any constant expression: t=pi/4).
        #[arg(long, default_value = "")]
        at: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// Do not merge identical subexpressions: draw the expression's tree.
        #[arg(long)]
        tree: bool,
        /// Significant digits for numbers in the table, Markdown and LaTeX.
        #[arg(long, default_value_t = render::number::DEFAULT_DIGITS, value_parser = clap::value_parser!(u8).range(1..=17).map(usize::from))]
        digits: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Table,
    Json,
    Markdown,
    Latex,
    Mathml,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Trace {
            expression,
            at,
            format,
            tree,
            digits,
        } => {
            let sharing = if tree { Sharing::Tree } else { Sharing::Merged };
            let graph = Graph::parse(&expression, sharing).map_err(|e| e.render(&expression))?;
            let bindings = Bindings::parse(&at).map_err(|e| format!("--at: {e}"))?;
            let trace = Trace::compute(&graph, &bindings).map_err(|e| e.to_string())?;
            Ok(match format {
                OutputFormat::Json => format!("{:#}\n", json::trace_json(&graph, &trace)),
                OutputFormat::Table => {
                    let document = render::document(&graph, &trace, Format::Text, digits);
                    format!(
                        "{} = {}\n\n{document}",
                        render::derivation::function_symbol(&graph),
                        expression.trim()
                    )
                }
                OutputFormat::Markdown => {
                    render::document(&graph, &trace, Format::Markdown, digits)
                }
                OutputFormat::Latex => render::document(&graph, &trace, Format::Latex, digits),
                OutputFormat::Mathml => render::document(&graph, &trace, Format::MathMl, digits),
            })
        }
    }
}
