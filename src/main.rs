fn main() {
    chainrule_web::start();
}
