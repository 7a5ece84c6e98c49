//! User Timing marks (`performance.measure`) around the app's costly steps, so benchmarks read
//! the app's own script time: `spanmark-open` (draw a whole document), `spanmark-apply` (apply an
//! edit to the model), `spanmark-redraw` (redraw the paragraphs an edit touched).

/// Runs `f`, recording its duration as a `performance.measure` named `name`.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let performance = web_sys::window().and_then(|w| w.performance());
    let (start, end) = (format!("{name}-start"), format!("{name}-end"));
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let result = f();
    if let Some(p) = &performance {
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
        p.clear_marks_with_mark_name(&start);
        p.clear_marks_with_mark_name(&end);
    }
    result
}
