fn main() {
    let t = std::env::args().nth(1).unwrap();
    for s in spanmark_core::suggest::suggest(&t, &[spanmark_core::suggest::SuggestionKind::Figure, spanmark_core::suggest::SuggestionKind::Quote]) {
        let x: String = t.chars().skip(s.start.0).take(s.end.0 - s.start.0).collect();
        println!("{:?} {:?} {:?} {:?} {:?} {:?}", s.kind, x, s.value, s.unit, s.qualifier, s.speaker);
    }
}
