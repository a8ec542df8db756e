//! The Web Worker that trains networks for the page ([`chainrule_web::worker`]).

fn main() {
    chainrule_web::worker::serve();
}
