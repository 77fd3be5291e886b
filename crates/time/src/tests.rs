use super::*;

fn tag(text: &str) -> Vec<Timex> {
    Tagger::new().tag(text, &TimexContext::default())
}

fn values(text: &str) -> Vec<(String, String)> {
    tag(text).into_iter().map(|t| (t.text, t.value)).collect()
}

#[test]
fn rules_load() {
    assert!(Tagger::new().rule_count() > 50);
}

#[test]
fn smoke() {
    let v =
        values("Leon Trotsky died on August 21st, 1940, in Coyoacán. The next day he was buried.");
    eprintln!("{v:?}");
    assert_eq!(v[0].1, "1940-08-21");
    assert_eq!(v[1].1, "1940-08-22");
}
