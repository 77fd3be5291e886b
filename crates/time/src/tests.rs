use super::*;
use proptest::prelude::*;

fn tagger() -> &'static Tagger {
    static T: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    T.get_or_init(Tagger::new)
}

fn tag(text: &str) -> Vec<Timex> {
    tagger().tag(text, &TimexContext::default())
}

/// (text, value) of every timex.
fn values(text: &str) -> Vec<(String, String)> {
    tag(text).into_iter().map(|t| (t.text, t.value)).collect()
}

/// The value of the one timex whose text contains `needle`.
fn value_of(text: &str, needle: &str) -> String {
    let v = tag(text);
    v.iter()
        .find(|t| t.text.contains(needle))
        .unwrap_or_else(|| panic!("no timex with {needle:?} in {v:?}"))
        .value
        .clone()
}

#[test]
fn rules_load() {
    assert!(tagger().rule_count() > 50);
}

/// `JULIAN_DECL_HINT` must hold a word of every `JULIAN_DECL` match (the
/// search is skipped when the hint finds nothing).
#[test]
fn julian_hint_covers_declarations() {
    let rs = &tagger().rules;
    let hint = rs
        .julian_decl_hint
        .as_ref()
        .expect("JULIAN_DECL_HINT defined");
    for s in [
        "Until 1918 Russia used the JULIAN calendar.",
        "dates are Old  Style",
        "O.S.",
        "by the calendar the Russians were using",
        "The Calendar they was following",
        "old \u{17f}tyle",
    ] {
        for m in rs.julian_decl.find_iter(s) {
            assert!(hint.is_match(m.as_str()), "{s:?}: {:?}", m.as_str());
        }
        assert!(rs.julian_decl.is_match(s), "{s:?}");
    }
}

/// The shipped rules compile their regexes on first use: every one of them
/// must compile (loading from text compiles them all and reports errors).
#[test]
fn rules_compile() {
    let rs = rules::RuleSet::load().expect("rules load");
    rs.compile_all().expect("every rule regex compiles");
    assert!(rules::RuleSet::load_from(rules::RULES, rules::LEXICONS).is_ok());
    assert!(rules::RuleSet::load_from("[bad]\npattern = (\nvalue = X\n", rules::LEXICONS).is_err());
}

#[test]
fn absolute_dates() {
    for (s, v) in [
        ("He died on 21 August 1940.", "1940-08-21"),
        ("He died on Aug. 21, 1940.", "1940-08-21"),
        ("He died on August 21st, 1940.", "1940-08-21"),
        ("He died on 21.8.1940 in Mexico.", "1940-08-21"),
        ("He died on 1940-08-21 in Mexico.", "1940-08-21"),
        ("He was attacked on August, 20, 1936.", "1936-08-20"),
        ("In September 1938 it was founded.", "1938-09"),
        ("It was founded in 1929.", "1929"),
        ("Caesar died in 44 BC.", "BC0044"),
        ("Carthage fell in 146 B.C.", "BC0146"),
        ("The Ides of March, 44 BC, was fatal.", "BC0044-03-15"),
    ] {
        let got = values(s);
        assert_eq!(got.len(), 1, "{s}: {got:?}");
        assert_eq!(got[0].1, v, "{s}: {got:?}");
    }
}

#[test]
fn not_years() {
    for s in [
        "He scored 13 out of 15.",
        "She stayed in Room 1940 of the hotel.",
        "See page 1936 of the report.",
        "They lived at 1940 Main Street.",
        "She was arrested, of 1919 Eighth St., after a stop.",
        "He lives at 1909 Jolinda Drive in Columbus.",
        "He reached his rooming house at 1026 North Beckley.",
        "Read http://example.com/archive/1940/page.html now.",
        "The army had 1940 soldiers.",
        "The price was $1,940.",
        "Resolution 1936 was adopted by the Security Council.",
    ] {
        let years: Vec<_> = values(s)
            .into_iter()
            .filter(|(_, v)| v.starts_with("19"))
            .collect();
        assert!(years.is_empty(), "{s}: {years:?}");
    }
}

#[test]
fn decades_centuries() {
    assert_eq!(value_of("In the 1920s he rose.", "1920s"), "192X");
    let t = tag("In the late 1920s he fell.");
    assert_eq!(t[0].value, "192X");
    assert_eq!(t[0].tmod, Some(TimexMod::End));
    assert_eq!(value_of("It was common in the 1900s.", "1900s"), "19XX");
    let t = tag("It happened in the early twentieth century.");
    assert_eq!(t[0].value, "19XX");
    assert_eq!(t[0].tmod, Some(TimexMod::Start));
    let t = tag("during the first half of the 20th century");
    assert_eq!(t[0].value, "19XX");
    assert_eq!(t[0].tmod, Some(TimexMod::Start));
    assert_eq!(value_of("a 19th-century custom", "century"), "18XX");
    assert_eq!(
        value_of("During the 40s BC civil war raged.", "40s"),
        "BC004X"
    );
    let t = tag("in the late 490s BCE");
    assert_eq!(
        (t[0].value.as_str(), t[0].tmod),
        ("BC049X", Some(TimexMod::End))
    );
    // An age, not a decade.
    assert!(tag("men in their 40s").is_empty());
}

#[test]
fn clock_times_and_headers() {
    let t = tag("March 13, 2017 at 11:21 am");
    assert_eq!(t[0].value, "2017-03-13T11:21");
    assert_eq!(t[0].ttype, TimexType::Time);
    assert_eq!(value_of("Feb 11, 2017 at 17:02", "Feb"), "2017-02-11T17:02");
    assert_eq!(
        value_of("asked Mar 3, 2021 at 9:12", "Mar"),
        "2021-03-03T09:12"
    );
    // A user name's figures are no day: "fords_box_7 Apr 20, 2017".
    let v = values("Nice. – fords_box_7 Apr 20, 2017 at 18:44\nuser42 Apr 20, 2017\n");
    assert!(v.iter().all(|(t, _)| !t.starts_with('7')), "{v:?}");
    assert_eq!(v[0].1, "2017-04-20T18:44", "{v:?}");
    assert_eq!(value_of("posted Jul 4, 2020", "Jul"), "2020-07-04");
    // A dated comment header is the creation time of what follows.
    let v = values("December 2, 2019 at 11:03 am\nI will read it tonight.");
    assert_eq!(v[1].1, "2019-12-02TNI");
}

#[test]
fn relative_to_narrative() {
    let text = "Trotsky was attacked on August 20, 1940. He died the next day. \
                Two days later he was cremated. Thirteen months later a book came out. \
                A year earlier he had written his testament. That same year he moved.";
    assert_eq!(value_of(text, "next day"), "1940-08-21");
    assert_eq!(value_of(text, "Two days later"), "1940-08-23");
    assert_eq!(value_of(text, "Thirteen months later"), "1941-09");
    assert_eq!(value_of(text, "A year earlier"), "1940");
    let t = tag(text);
    let next = t.iter().find(|t| t.text.contains("next day")).unwrap();
    assert_eq!(next.anchor.as_deref(), Some("1940-08-20 (narrative)"));
    let v = values("Kirov was shot on 1 December 1934. The following spring many were deported.");
    assert_eq!(v[1].1, "1935-SP");
    let v = values("In 1904 he joined. That same year he was arrested.");
    assert_eq!(v[1].1, "1904");
    let v = values("He was arrested on 1 December 1934. On 6 December the trial began.");
    assert_eq!(v[1].1, "1934-12-06");
    let v = values("Lincoln was shot on April 14, 1865, and died at 7:22 the next morning.");
    assert_eq!(v[1].1, "1865-04-15T07:22");
    let v = values("He was hit on 5 May 1921 and died at 4 a.m. the following day.");
    assert_eq!(v[1].1, "1921-05-06T04:00");
    let v = values(
        "In 1894 Dreyfus was arrested. One hundred and twenty years later, the army apologised.",
    );
    assert_eq!(
        v[1],
        ("One hundred and twenty years later".into(), "2014".into())
    );
    // After a clause the offset is a duration; after a noun, a date.
    let v = values("On April 14, 1865, five days after Lee surrendered, Lincoln went out.");
    assert_eq!(v[1], ("five days".into(), "P5D".into()));
    let v =
        values("Lincoln was shot on April 14, 1865. Eleven days after his death, Booth was found.");
    assert_eq!(v[1].1, "1865-04-25");
    // A biography told in bare years after a birth date moves on.
    let v = values(
        "Caesar was born on 13 July 100 BC. In 84 BC he married Cornelia. In 75 BC he was captured. In 60 BC he formed an alliance. In the same year he married Calpurnia.",
    );
    assert_eq!(v[4].1, "BC0060", "{v:?}");
    let v = values("Lincoln was shot on April 14, 1865. He died at 7:22 a.m. on April 15. Johnson was sworn in as the 17th president later that morning.");
    assert_eq!(v[1].1, "1865-04-15T07:22", "{v:?}");
    assert!(v.iter().all(|(t, _)| t != "the 17th"), "{v:?}");
    let v = values(
        "Published 15 March 2024. Two thousand and sixty-seven years ago today, Caesar was killed.",
    );
    assert_eq!(
        v[1],
        (
            "Two thousand and sixty-seven years ago today".into(),
            "BC0044-03-15".into()
        )
    );
    // "N years on" is later only where "on" has no object.
    let v = values("Dreyfus was degraded in 1895. Five years on, he was free.");
    assert_eq!(v[1].1, "1900");
    let v = values("Dreyfus was degraded in 1895. He spent nearly five years on Devil's Island.");
    assert_eq!(v[1], ("nearly five years".into(), "P5Y".into()));
    // before any date of the story, it is the present, not years ahead
    let v = tagger()
        .tag_as(
            "Sixty years on, Howick remembers the arrest. In 1962 Mandela was arrested. Ten years on, he was on Robben Island.",
            &TimexContext {
                dct: Some("2022-08-05"),
                ..Default::default()
            },
            Style::Narrative,
        );
    assert_eq!(v[0].value, "2022", "{v:?}");
    assert_eq!(v[2].value, "1972", "{v:?}");
    let v = tag_news(
        "Seventy-five years ago this evening, Gandhi left his room.",
        "2023-01-30",
    );
    assert_eq!(v[0].1, "1948-01-30TEV", "{v:?}");
    let v = tag_news(
        "Seventy-five years ago this evening, Gandhi left his room. At 5:17 pm a man fired three shots.",
        "2023-01-30",
    );
    assert_eq!(v[1].1, "1948-01-30T17:17", "{v:?}");
    // a month inside a parenthesis is an aside: the story stays in 1948
    let v = tag_news(
        "Seventy-five years ago this evening, Gandhi was shot. It was not the first attempt on his life (a bomb had been hurled at a car in his motorcade in Poona in June 1934), nor even the first that month. Ten days earlier, on January 20, a bomb went off.",
        "2023-01-30",
    );
    assert!(
        v.iter().any(|(t, x)| t == "that month" && x == "1948-01"),
        "{v:?}"
    );
    assert!(
        v.iter()
            .any(|(t, x)| t == "January 20" && x == "1948-01-20"),
        "{v:?}"
    );
    let v = tag_news(
        "Three hundred and eighty years ago today, in Woolsthorpe, a boy was born. Then, in 1665, the plague closed Cambridge, and by the end of that year he had begun the calculus.",
        "2022-12-25",
    );
    assert_eq!(v[0].1, "1642-12-25", "{v:?}");
    assert_eq!(
        v[2],
        ("the end of that year".into(), "1665".into()),
        "{v:?}"
    );
    // "this winter" is the writer's, like "this year"
    let v = tagger().tag_as(
        "Three hundred and eighty years ago today a boy was born. I have been reading about him this winter.",
        &TimexContext {
            dct: Some("2023-02-15"),
            ..Default::default()
        },
        Style::Narrative,
    );
    assert_eq!(v[1].value, "2023-WI", "{v:?}");
}

#[test]
fn durations_and_sets() {
    assert_eq!(value_of("He ruled for 20 years.", "20"), "P20Y");
    assert_eq!(value_of("He ruled for eleven years.", "eleven"), "P11Y");
    assert_eq!(value_of("He ruled for 20years.", "20"), "P20Y");
    assert_eq!(value_of("It took years.", "years"), "PXY");
    let t = tag("He waited more than a year.");
    assert_eq!(t[0].value, "P1Y");
    assert_eq!(t[0].tmod, Some(TimexMod::MoreThan));
    assert_eq!(t[0].text, "more than a year");
    let t = tag("He prayed every morning.");
    assert_eq!(
        (t[0].ttype, t[0].value.as_str()),
        (TimexType::Set, "XXXX-XX-XXTMO")
    );
}

#[test]
fn ages() {
    for (s, v) in [
        ("He left home at the age of eight.", "P8Y"),
        ("He was dead at the age of 60.", "P60Y"),
        ("He died in his sixtieth year.", "P59Y"),
    ] {
        let t = tag(s);
        assert_eq!(t.len(), 1, "{s}: {t:?}");
        assert_eq!(t[0].ttype, TimexType::Duration);
        assert_eq!(t[0].value, v);
        assert!(t[0].rule.starts_with("age"), "{}", t[0].rule);
    }
}

#[test]
fn present_ref() {
    for s in [
        "It is now a museum.",
        "It is a museum today.",
        "To this day it stands.",
    ] {
        assert_eq!(values(s)[0].1, "PRESENT_REF", "{s}");
    }
    let t = tagger().tag(
        "It is a museum today.",
        &TimexContext {
            dct: Some("2017-03-13"),
            ..Default::default()
        },
    );
    assert_eq!(t[0].value, "2017-03-13");
    assert_eq!(t[0].anchor.as_deref(), Some("2017-03-13 (DCT)"));
}

#[test]
fn old_style_dates() {
    let t = tag("He was born on November 7 [October 26, Old Style], 1879.");
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].value, "1879-11-07");
    assert_eq!(t[0].calendar.as_deref(), Some("julian"));
    let t = tag("The revolution began on 25 October 1917 (O.S.).");
    assert_eq!(t[0].value, "1917-11-07");
    assert_eq!(t[0].calendar.as_deref(), Some("julian"));
    let t = tag("He was killed on 17 December 1916 (Old Style; 30 December New Style).");
    assert_eq!(t[0].value, "1916-12-30");
    let t = tag("Rasputin was killed on 16/29 December 1916.");
    assert_eq!(t[0].value, "1916-12-29");
    let t = tag("In 1879, on October 26, Old Style, he was born.");
    assert_eq!(t[1].value, "1879-11-07");
    let t = tag("born on 9 January 1869 by the Old Style calendar");
    assert_eq!(t[0].value, "1869-01-21");
    let t = tag("In 1916, on 17 December (O.S.), he was killed.");
    assert_eq!(t[1].value, "1916-12-30");
}

#[test]
fn boilerplate_is_skipped_except_headers() {
    use annalist_model::{Region, RegionKind};
    let text = "Posted in 1999. Share this.\nMarch 13, 2017 at 11:21 am\nGreat post about 1940.";
    let regions = [
        Region {
            kind: RegionKind::Boilerplate,
            span: Span::new(0, 56),
        },
        Region {
            kind: RegionKind::Comment,
            span: Span::new(56, text.len()),
        },
    ];
    let t = tagger().tag(
        text,
        &TimexContext {
            regions: &regions,
            ..Default::default()
        },
    );
    let v: Vec<_> = t.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, ["2017-03-13T11:21", "1940"]);
}

#[test]
fn impossible_dates_have_no_value() {
    for s in [
        "on February 31, 1940",
        "on 31 April 1917",
        "in the year 99999",
    ] {
        for t in tag(s) {
            assert!(
                annalist_model::interval::interval(&t.value).is_some()
                    || !t.value.starts_with(|c: char| c.is_ascii_digit()),
                "{s}: {t:?}"
            );
            assert!(!t.value.contains("-02-31") && !t.value.contains("-04-31"));
        }
    }
}

#[test]
fn spans_are_sorted_and_sliceable() {
    let text = "Ramón Mercader struck on 20 August 1940; Trotsky died the next day, aged 60.";
    let t = tag(text);
    assert!(t.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    for x in &t {
        assert_eq!(x.span.slice(text), x.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,200}") {
        let t = tagger().tag(&s, &TimexContext { dct: Some("2020-02-29"), ..Default::default() });
        for x in t {
            prop_assert!(s.is_char_boundary(x.span.start) && s.is_char_boundary(x.span.end));
            prop_assert!(value::valid_value(&x.value));
        }
    }

    #[test]
    fn dateish_text_never_panics(
        d in 0u32..40, m in 0usize..14, y in 0u32..100_000, w in "[a-z ,.]{0,12}"
    ) {
        let months = ["", "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December", "Smarch"];
        let s = format!("On {d} {} {y}{w} and {} {d}, {y} (O.S.) the next day", months[m], months[m]);
        for x in tagger().tag(&s, &TimexContext::default()) {
            prop_assert!(value::valid_value(&x.value), "{s}: {x:?}");
        }
    }

    #[test]
    fn dates_round_trip(z in -700_000i64..800_000) {
        let (y, m, d) = calendar::civil_from_days(z);
        prop_assume!((1000..=2099).contains(&y));
        let months = ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"];
        let s = format!("It happened on {d} {} {y}.", months[m as usize - 1]);
        let t = tagger().tag(&s, &TimexContext::default());
        prop_assert_eq!(t.len(), 1);
        // (a day before the Gregorian reform is Julian: its value is the
        // proleptic Gregorian day)
        let (vy, vm, vd) = calendar::julian_to_gregorian(y, m, d)
            .filter(|&g| g < calendar::GREGORIAN_REFORM)
            .unwrap_or((y, m, d));
        prop_assert_eq!(&t[0].value, &format!("{vy:04}-{vm:02}-{vd:02}"));
        // And through the Julian calendar and back.
        let j = calendar::days_from_civil(y, m, d);
        let (gy, gm, gd) = calendar::civil_from_days(j);
        prop_assert_eq!((gy, gm, gd), (y, m, d));
    }
}

#[test]
fn double_dates_pair_their_calendars() {
    // The date restated "by our calendar" is Old Style; the restatement is not.
    let t = "The murder was in December 1916. Two days later, on 19 December \
             (1 January 1917 by our calendar), divers pulled the body out.";
    assert_eq!(value_of(t, "19 December"), "1917-01-01");
    assert_eq!(value_of(t, "1 January 1917"), "1917-01-01");
    // A New Style date restated Old Style in parentheses stays as it is.
    let t = "He was born on 27 March 1886 (15 March by the Old Style calendar).";
    assert_eq!(value_of(t, "27 March 1886"), "1886-03-27");
    assert_eq!(value_of(t, "15 March"), "1886-03-27");
}

#[test]
fn declared_old_style_documents_convert_until_the_changeover() {
    let t = "Wikipedia gives 30 December 1916. Until 1918 Russia used the Julian \
             calendar. The Bolsheviks switched over in February 1918: the day after \
             31 January 1918 was 14 February.";
    assert_eq!(value_of(t, "30 December 1916"), "1916-12-30");
    assert_eq!(value_of(t, "31 January 1918"), "1918-02-13");
    assert_eq!(value_of(t, "14 February"), "1918-02-14");
    assert_eq!(value_of(t, "February 1918"), "1918-02");
    // An Old Style day that is the New Style date already given takes its year.
    let t = "He died on 30 December 1916. In Russia at that time the date was still \
             given as 17 December, because the country used the Julian calendar until 1918.";
    assert_eq!(value_of(t, "17 December"), "1916-12-30");
    // Without a declaration nothing is converted.
    let t = "The Bolsheviks met on 31 January 1918 and again on 3 February.";
    assert_eq!(value_of(t, "31 January 1918"), "1918-01-31");
}

#[test]
fn english_dates_before_the_changeover_are_old_style_unmarked() {
    // A document about England: its day dates between 1582 and 1752 are
    // Julian without saying so.
    let t = "Charles I of England was executed at Whitehall on 30 January 1649. \
             The English Parliament had tried him; England became a republic. \
             In 1600 he was born; on 2 September 1752 Britain changed calendars, \
             and on 14 October 1066 the English lost at Hastings.";
    assert_eq!(value_of(t, "30 January 1649"), "1649-02-09");
    // A year or a month is not moved; after the changeover nothing is;
    // before the Gregorian reform the date is Julian too and goes to the
    // proleptic Gregorian calendar (six days apart in the 11th century).
    assert_eq!(value_of(t, "1600"), "1600");
    assert_eq!(value_of(t, "2 September 1752"), "1752-09-13");
    assert_eq!(value_of(t, "14 October 1066"), "1066-10-20");
    // The first day of a range is as Old Style as the date after it.
    let t = "The English peers tried the Queen of Scots in England on 14 and 15 \
             October 1586 under an English act.";
    assert_eq!(value_of(t, "14"), "1586-10-24");
    assert_eq!(value_of(t, "15 October 1586"), "1586-10-25");
    // Before the reform every day date is Julian, the only calendar there
    // was, whatever the country: a medieval France's too (FORMAT.md:
    // Julian dates are given in the Gregorian calendar).
    let t = "The English besieged Orleans; the English army and the English \
             regent held Paris, and France and the French king waited. On 30 May \
             1431 the English burned her at Rouen.";
    assert_eq!(value_of(t, "30 May 1431"), "1431-06-08");
    // A date marked New Style stays.
    let t = "England executed its king on 9 February 1649 (New Style). The English \
             Parliament ruled England.";
    assert_eq!(value_of(t, "9 February 1649"), "1649-02-09");
    // A document about Italy, naming England once, is not converted; nor one
    // naming England fewer than three times.
    let t = "Galileo was tried in Rome on 22 June 1633. Italy and the Italian \
             states watched; England did not.";
    assert_eq!(value_of(t, "22 June 1633"), "1633-06-22");
    let t = "The English ship sailed on 3 May 1620.";
    assert_eq!(value_of(t, "3 May 1620"), "1620-05-03");
    // The Old Style day restated New Style, in a sentence naming the
    // calendar, is not converted twice; ten days apart without it is two
    // days of the story.
    let t = "Charles I of England was executed on 30 January 1649. The English \
             Parliament ruled England. Some say 9 February 1649 because of the New \
             Style calendar.";
    assert_eq!(value_of(t, "9 February 1649"), "1649-02-09");
    let t = "The English trial of Charles I of England opened on 20 January 1649; \
             he was executed on 30 January 1649, and England had no king.";
    assert_eq!(value_of(t, "30 January 1649"), "1649-02-09");
    // A year counted from Lady Day beside the one counted from 1 January.
    let t = "Charles I of England was executed on 30 January 1648/9. The English \
             Parliament ruled England.";
    assert_eq!(value_of(t, "30 January 1648/9"), "1649-02-09");
}

#[test]
fn day_ranges_share_month_and_year() {
    let t = "the Battle of the Imjin River (22–25 April 1951) and on 6-7 February, \
             and April 6–7.";
    assert_eq!(value_of(t, "22"), "1951-04-22");
    let v = values(t);
    assert!(
        v.contains(&("7".to_string(), "1951-04-07".to_string())),
        "{v:?}"
    );
}

fn tag_news(text: &str, dct: &str) -> Vec<(String, String)> {
    tagger()
        .tag_as(
            text,
            &TimexContext {
                dct: Some(dct),
                ..Default::default()
            },
            Style::News,
        )
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[test]
fn ranges_and_coordination() {
    assert_eq!(
        value_of("The Ionian Revolt (499-493 BC) began.", "499"),
        "BC0499"
    );
    assert_eq!(
        value_of("Throughout 1915-17, the losses grew.", "17"),
        "1917"
    );
    // An ISO month is no range end.
    assert!(values("It was filed as 1998-08.")
        .iter()
        .all(|v| v.0 != "08"));
    assert_eq!(
        value_of(
            "In 1918 it ended. Tannenberg came in August and September 1914.",
            "August"
        ),
        "1914-08"
    );
    assert_eq!(
        value_of(
            "In 1950 it began. Old Baldy (26 June - 4 August 1952) followed.",
            "26 June"
        ),
        "1952-06-26"
    );
    assert_eq!(
        value_of("On the night of April 18, 1775, Gage moved.", "night"),
        "1775-04-18TNI"
    );
    assert_eq!(
        value_of("in the autumn of 481 BC the army gathered", "autumn"),
        "BC0481-FA"
    );
    assert_eq!(
        value_of("In 1917 the so-called '99 Boys were called.", "'99"),
        "1899"
    );
}

#[test]
fn negative_rules() {
    // Fractions and rates are not durations.
    assert!(values("Iraq imports about three-quarters of its food.").is_empty());
    assert!(values("It saves $500 million a year in costs.").is_empty());
    assert_eq!(value_of("He stayed for a year.", "a year"), "P1Y");
}

#[test]
fn news_conventions() {
    let v = tag_news(
        "The shares fell twenty years after the founding.",
        "1998-03-05",
    );
    assert_eq!(v, vec![("twenty years".into(), "P20Y".into())]);
    // "last Friday" said on a Monday is three days before.
    let v = tag_news("He left last Friday.", "1989-10-30");
    assert_eq!(v[0].1, "1989-10-27");
    // Future cues turn a weekday forward.
    let v = tag_news("The talks are set to resume Monday.", "1998-03-22");
    assert_eq!(v[0].1, "1998-03-23");
    let v = tag_news("The index was down from the previous Friday.", "1989-10-30");
    assert_eq!(v[0].1, "1989-10-20");
    let v = tag_news("Talks broke off at noon Thursday.", "1998-02-13");
    assert_eq!(v[0].1, "1998-02-12T12:00");
    let v = tag_news("He was found on Thanksgiving Day.", "2000-01-07");
    assert_eq!(v[0].1, "1999-11-25");
    // Earnings: the reported quarter a year before, even after "$1.61".
    let v = tag_news(
        "Citadel posted a third-quarter net loss, versus net income of $5.3 million, or $1.61 a share, a year earlier.",
        "1989-11-02",
    );
    assert_eq!(v.last().map(|x| x.1.as_str()), Some("1988-Q3"));
    let v = tag_news(
        "Net sales for this year's third quarter rose.",
        "1989-11-02",
    );
    assert_eq!(v[0].1, "1989-Q3");
    let v = tag_news(
        "Revenue for the year ended March 31 was $76 million.",
        "1989-11-02",
    );
    assert_eq!(v[0], ("the year".into(), "P1Y".into()));
}

#[test]
fn a_look_back_years_before_the_story_does_not_move_it() {
    let v = values(
        "On December 1, 1934 Kirov was shot. The Smolny had been the Bolsheviks' headquarters in 1917. The next day his bodyguard died. Less than a month later, on December 29, Nikolaev was shot.",
    );
    let day29 = v.iter().find(|(t, _)| t == "December 29").expect("tagged");
    assert_eq!(day29.1, "1934-12-29", "{v:?}");
}

/// News conventions of the second news round (TimeBank majorities).
#[test]
fn news_round_two() {
    let news = |text: &str, dct: &str| -> Vec<(String, String)> {
        let ctx = TimexContext {
            dct: Some(dct),
            ..Default::default()
        };
        tagger()
            .tag_as(text, &ctx, Style::News)
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    };
    let has = |v: &[(String, String)], text: &str, value: &str| {
        assert!(
            v.iter().any(|(t, x)| t.contains(text) && x == value),
            "{text} = {value} not in {v:?}"
        )
    };
    // Monday 13 August 1990: the weekend just past is in ISO week 32.
    let v = news(
        "Officials said over the weekend that troops left.",
        "1990-08-13",
    );
    has(&v, "the weekend", "1990-W32-WE");
    let v = news(
        "Traders squared positions ahead of the weekend.",
        "1989-10-27",
    );
    has(&v, "the weekend", "1989-W43-WE");
    let v = news("It must pay down the loan by February.", "1989-10-30");
    has(&v, "February", "1990-02");
    let v = news(
        "They stayed for 2 1/2 years and then 5 1/2 hours.",
        "1998-02-27",
    );
    has(&v, "2 1/2 years", "P2Y6M");
    has(&v, "5 1/2 hours", "PT5H30M");
    let v = news("But a minute and a half later it fell.", "1998-01-14");
    has(&v, "a minute and a half", "PT1M30S");
    let v = news(
        "AT&T reported a drop in profits for the fourth quarter.",
        "1998-01-26",
    );
    has(&v, "fourth quarter", "1997-Q4");
    let v = news("Results will be disclosed this morning.", "1989-10-26");
    has(&v, "this morning", "1989-10-26TMO");
    let v = news("Shares were up at mid-afternoon yesterday.", "1989-11-02");
    has(&v, "afternoon yesterday", "1989-11-01TAF");
    let v = news(
        "following the August 1988 cease-fire of the war",
        "1990-08-15",
    );
    has(&v, "August 1988", "1988-08");
    let v = news(
        "Orangemen march each July and fly on Tuesday nights.",
        "1998-03-22",
    );
    has(&v, "each July", "XXXX-07");
    has(&v, "Tuesday nights", "XXXX-WXX-2TNI");
    let v = news(
        "the low levels of January nineteen ninety-seven",
        "1998-02-27",
    );
    has(&v, "January nineteen ninety-seven", "1997-01");
    // Not times: an adjective, a march.
    let v = news(
        "It may dilute future earnings at the annual March for Life.",
        "1999-01-22",
    );
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn bare_day_takes_the_year_that_follows_it_with_in() {
    // The narrative year is 1933; "in 1989" right after the day is its year.
    let text = "In 1933 he joined the band. He died from cancer on 10th December in 1989 in Columbus, Ohio.";
    assert_eq!(value_of(text, "10th December"), "1989-12-10");
    // A year further on in the clause is not the day's.
    let text = "In 1933 he joined the band. On 10 December he left, and in 1989 he died.";
    assert_eq!(value_of(text, "10 December"), "1933-12-10");
}

#[test]
fn a_weekday_with_only_a_year_to_hang_on_is_no_date_of_that_year() {
    // No creation time; the only date told before is a year of history.
    let text = "Pinochet came to power in a 1973 coup. He died on Sunday.";
    assert_eq!(value_of(text, "Sunday"), "XXXX-WXX-7");
    // With a day told before, the weekday is resolved.
    let text = "On 3 December 2006 he fell ill. He died on Sunday.";
    assert_eq!(value_of(text, "Sunday"), "2006-12-03");
}

#[test]
fn an_offset_from_a_happening_counts_from_its_date() {
    // "eleven days after Lincoln's death": from the day he died, not from
    // where the story is now (April 26, just told).
    let text = "Lincoln was shot. He died at 7:22 a.m. on April 15, 1865. Booth fled. \
                Early on April 26, eleven days after Lincoln's death, soldiers came.";
    assert_eq!(value_of(text, "eleven days after"), "1865-04-26");
    // The same word before a synonym: "the assassination" is the day told
    // with that word, not the later killing.
    let text = "The assassination of Julius Caesar took place on 15 March 44 BC. \
                Cicero was killed on 7 December 43 BC. \
                Two years after the assassination, Brutus died.";
    assert_eq!(value_of(text, "Two years after"), "BC0042");
    // With no such happening told, the story's now.
    let text = "In 1901 he moved. Two years after the wedding, he left.";
    assert_eq!(value_of(text, "Two years after"), "1903");
    // Set off after a date, the offset restates that date, and the story
    // goes on from it.
    let text = "When Wenceslas died in 1419 the Czechs refused his brother. He was not \
                admitted to Prague as king until 1436, more than twenty years after \
                Hus's death, and he died the following year.";
    assert_eq!(value_of(text, "twenty years after"), "1436");
    assert_eq!(value_of(text, "the following year"), "1437");
}

#[test]
fn a_story_of_the_past_before_its_first_date_is_of_no_known_day() {
    let text = "Garfield was shot at 9:30 a.m. and died that evening. On 2 July 1881 \
                the assassin was seized at 9:35 a.m.";
    let as_news = tagger().tag(
        text,
        &TimexContext {
            dct: Some("2019-03-03"),
            ..Default::default()
        },
    );
    assert_eq!(as_news[0].value, "2019-03-03T09:30", "{as_news:?}");
    let as_history = tagger().tag(
        text,
        &TimexContext {
            dct: Some("2019-03-03"),
            undated_story: true,
            ..Default::default()
        },
    );
    let v: Vec<&str> = as_history.iter().map(|t| t.value.as_str()).collect();
    // (unresolved, no date of 2019; once told, the story's date anchors)
    assert!(
        !v[0].starts_with("2019") && !v[1].starts_with("2019"),
        "{v:?}"
    );
    assert_eq!(v[3], "1881-07-02T09:35", "{v:?}");
}

#[test]
fn a_life_told_from_its_birth_date_moves_on_through_its_years() {
    let text = "Torricelli was born in Faenza on 15 October 1608. He went to Rome in 1641, \
                and two years later he wrote the treatise.";
    assert_eq!(value_of(text, "two years later"), "1643");
    // (a year far from a date that is no birth stays an aside)
    let text = "The siege began on 15 October 1608. The chronicle of 1641 tells it; two \
                years later the town fell.";
    assert_eq!(value_of(text, "years later"), "1610");
}

#[test]
fn a_pluperfect_relative_clause_does_not_move_the_story() {
    let text = "Oswald was arrested on 22 November 1963. The rifle, which he had bought by \
                mail in March 1963, was traced by the next day.";
    assert_eq!(value_of(text, "the next day"), "1963-11-23");
}

#[test]
fn that_same_year_is_the_year_last_named_even_an_aside() {
    // (a memorial piece of 2012 tells the story of 1961-62: the first old
    // year is an aside, "that same year" is still its year, and a second
    // old year next to it takes the story back there)
    let v = tag(
        "The statue was unveiled in August 2012. Mandela had gone underground in 1961 and helped to found the army that same year. Early in 1962 he left the country, before returning in July.",
    );
    let val = |t: &str| {
        v.iter()
            .find(|x| x.text == t)
            .map(|x| x.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(val("that same year"), "1961", "{v:?}");
    assert_eq!(val("July"), "1962-07", "{v:?}");
    // later years told after the story are its aftermath, not the story
    let v = tag(
        "King was shot on April 4, 1968. A civil jury found otherwise in 1999, and a report in 2000 dismissed it. He would have turned 90 this January.",
    );
    assert!(
        v.iter()
            .any(|x| x.text == "this January" && x.value.starts_with("1968")),
        "{v:?}"
    );
}

#[test]
fn the_writers_present_is_an_aside_in_a_story_long_past() {
    // "this month" is the blogger's May 2020; "Three months earlier" and
    // "January" still count from the 1895 verdict.
    let v: Vec<(String, String)> = tagger()
        .tag_as(
            "A hundred and twenty-five years ago today a jury found Oscar Wilde guilty. I have been rereading the transcripts this month. Three months earlier Wilde had two hits running: An Ideal Husband had opened in January.",
            &TimexContext {
                dct: Some("2020-05-25"),
                ..Default::default()
            },
            Style::Narrative,
        )
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect();
    assert_eq!(v[1], ("this month".into(), "2020-05".into()), "{v:?}");
    assert_eq!(v[2].1, "1895-02", "{v:?}");
    assert_eq!(v[3].1, "1895-01", "{v:?}");
}

#[test]
fn a_new_month_leaves_the_last_day_behind() {
    // "two days later" counts from January 1898, not from the 5 January
    // 1895 told before it.
    let v = values(
        "On 5 January 1895 he was degraded. Esterhazy was acquitted in January 1898; two days later the letter appeared. The case cracked the following summer.",
    );
    assert_eq!(v[0].1, "1895-01-05", "{v:?}");
    assert!(v[2].1.starts_with("1898"), "{v:?}");
    assert_eq!(v[3].1, "1898-SU", "{v:?}");
}

#[test]
fn a_count_in_a_story_before_the_common_era_is_no_year() {
    let v = values(
        "Socrates was tried in 399 BC, found guilty by a jury of 500 citizens and \
         convicted by 280 votes to 220; about a month later he died. In 404 the Thirty took power.",
    );
    let texts: Vec<&str> = v.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!texts.contains(&"500"), "{v:?}");
    assert!(!texts.contains(&"280"), "{v:?}");
    assert!(!texts.contains(&"220"), "{v:?}");
    assert!(
        v.contains(&("about a month later".into(), "BC0399".into())),
        "{v:?}"
    );
    // a bare year after "in" still is one
    assert!(v.contains(&("404".into(), "BC0404".into())), "{v:?}");
}

#[test]
fn a_year_modifying_a_noun_does_not_move_the_story() {
    // "the 1894 judgment" names a thing of 1894; the court sits in 1899.
    let t = "On 3 June 1899 the court annulled the 1894 judgment. The cruiser took him \
             off the island on 9 June.";
    assert_eq!(value_of(t, "9 June"), "1899-06-09");
}

#[test]
fn a_year_closing_a_pluperfect_relative_clause_does_not_move_the_story() {
    // (the "had" is more than 60 bytes before the year, and no comma closes
    // the clause)
    let text = "The trial for heresy opened on 9 January 1431 under Pierre Cauchon, \
                a partisan of the English who had been expelled from his diocese \
                when Beauvais went over to Charles VII in 1429. \
                On 24 May she signed an abjuration.";
    // (1431's 24 May, Julian: 2 June in the Gregorian calendar; 1429's would
    // be 1429-06-02)
    assert_eq!(value_of(text, "24 May"), "1431-06-02");
    // A comma may close the clause: the main clause's year is the story's
    // (the "had" more than 60 bytes back here too).
    let text =
        "In 1925 the painter John Smith, who had lived in Paris since the end of the Great War, \
                moved to Rome in 1930. On 24 May he married.";
    assert_eq!(value_of(text, "24 May"), "1930-05-24");
}

#[test]
fn a_weekday_and_a_day_of_the_month_find_their_month() {
    // (24 October 1963 was a Thursday, 24 November a Sunday)
    let text = "By October 1963 he was back in Dallas. \
                Two days later, on the morning of Sunday the 24th, Ruby shot him.";
    assert_eq!(value_of(text, "24th"), "1963-11-24");
    // (the reference's own month when it fits: 24 November 1963)
    let text = "On 22 November 1963 Kennedy was shot. On Sunday the 24th Ruby shot Oswald.";
    assert_eq!(value_of(text, "24th"), "1963-11-24");
}

#[test]
fn midnight_or_noon_on_a_date_is_on_that_date() {
    let text = "On 3 August 1927 Fuller refused clemency. They were electrocuted shortly \
                after midnight on 23 August 1927. He left at noon on 5 May.";
    assert_eq!(value_of(text, "midnight"), "1927-08-23T00:00");
    assert_eq!(value_of(text, "noon"), "1927-05-05T12:00");
}

#[test]
fn feasts_are_dated_from_that_years_easter() {
    assert_eq!(crate::calendar::easter(1945), (4, 1));
    assert_eq!(crate::calendar::easter(1916), (4, 23));
    assert_eq!(crate::calendar::easter(2024), (3, 31));
    // the Julian computus before the reform (Easter 2008 fell on 14 April
    // of the Julian calendar, 27 April of the Gregorian)
    assert_eq!(crate::calendar::easter(1500), (4, 19));
    let text = "On 3 April 1945 a prison van left Buchenwald. On the Sunday after Easter \
                Bonhoeffer led a short service. The rising began on Easter Monday 1916.";
    assert_eq!(value_of(text, "the Sunday after Easter"), "1945-04-08");
    assert_eq!(value_of(text, "Easter Monday 1916"), "1916-04-24");
    let text = "In 1945 the war ended. He was arrested on Good Friday.";
    assert_eq!(value_of(text, "Good Friday"), "1945-03-30");
    // names, no dates
    let v = values("The Easter Rising began in 1916 on Easter Island.");
    assert!(v.iter().all(|(t, _)| !t.contains("Easter")), "{v:?}");
}
