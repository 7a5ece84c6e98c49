//! Spanmark, the browser app: mounts the root component.

fn main() {
    console_error_panic_hook::set_once();
    spanmark::dom::perf::milestone("spanmark-wasm-start");
    leptos::mount::mount_to_body(spanmark::app::App);
    spanmark::dom::perf::milestone("spanmark-mounted");
}
