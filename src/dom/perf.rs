//! User Timing marks (`performance.measure`) around the app's costly steps, so benchmarks read
//! the app's own script time: `spanmark-open` (draw a whole document), `spanmark-apply` (apply an
//! edit to the model), `spanmark-redraw` (redraw the paragraphs an edit touched),
//! `spanmark-suggest` (suggestions asked for and back), `spanmark-warm-up` (the formats module's
//! warm-up).

/// Runs `f`, recording its duration as a `performance.measure` named `name`.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let measure = Measure::start(name);
    let result = f();
    measure.end();
    result
}

/// A `performance.measure` of work that awaits: from [`Measure::start`] to [`Measure::end`].
pub struct Measure {
    name: String,
}

impl Measure {
    /// Starts measuring `name`.
    pub fn start(name: &str) -> Self {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(&format!("{name}-start"));
        }
        Measure {
            name: name.to_string(),
        }
    }

    /// Records the measure, from the start to now.
    pub fn end(self) {
        let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
            return;
        };
        let (start, end) = (format!("{}-start", self.name), format!("{}-end", self.name));
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(&self.name, &start, &end);
        p.clear_marks_with_mark_name(&start);
        p.clear_marks_with_mark_name(&end);
    }
}

/// Records a `performance.measure` named `name` from navigation start to now (a milestone of
/// start-up, read by the benchmark's profiles).
pub fn milestone(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure(name);
    }
}

/// Resolves after the browser has painted the current frame and has time to spare (a rAF, then
/// an idle callback due within 250 ms), so deferred work such as saving never delays the paint of
/// an edit, nor the frame after it.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let when_idle = wasm_bindgen::closure::Closure::once_into_js(move || {
            let Some(w) = web_sys::window() else { return };
            let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
                .ok()
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
            match idle {
                Some(idle) => {
                    let options = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &250.into());
                    let _ = idle.call2(&w, &resolve, &options);
                }
                None => {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        wasm_bindgen::JsCast::unchecked_ref(&resolve),
                        0,
                    );
                }
            }
        });
        let _ = window.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&when_idle));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in the next animation frame, before the browser lays it out: reading positions there
/// costs no layout of its own (the frame lays out anyway), unlike reading them in the task that
/// changed the page, which forces one before the paint.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(w) => {
            let _ = w.request_animation_frame(&resolve);
        }
        None => {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves after `ms` milliseconds (a timeout).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a new task (a zero-delay timeout), so the browser can handle input and paint
/// between two slices of long work.
pub async fn yield_to_browser() {
    sleep(0).await;
}
