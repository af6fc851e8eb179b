//! Every matching rule of the actor matcher, with the built-in dictionary, on small texts
//! written for the rule: what must match, and what must not (the negatives).

use newslens::actors::{ActorDictionary, ActorMatcher, AliasKind, MatchStatus};
use std::sync::OnceLock;

/// (matched text, actor) of the counted mentions in `text`.
fn counted(text: &str, kinds: &[AliasKind]) -> Vec<(String, String)> {
    counted_with(text, kinds, false)
}

fn counted_with(
    text: &str,
    kinds: &[AliasKind],
    demonyms_in_titles: bool,
) -> Vec<(String, String)> {
    // Matchers are built once (slow in debug builds).
    static DICTIONARY: OnceLock<ActorDictionary> = OnceLock::new();
    static MATCHERS: OnceLock<[ActorMatcher; 3]> = OnceLock::new();
    let dictionary = DICTIONARY.get_or_init(ActorDictionary::built_in);
    let matchers = MATCHERS.get_or_init(|| {
        let make = |kinds: &[AliasKind], titles: bool| {
            ActorMatcher::new(dictionary, kinds)
                .unwrap()
                .with_demonyms_in_titles(titles)
        };
        [make(DEFAULT, false), make(ALL, false), make(ALL, true)]
    });
    let matcher = match (kinds.len() == ALL.len(), demonyms_in_titles) {
        (false, _) => &matchers[0],
        (true, false) => &matchers[1],
        (true, true) => &matchers[2],
    };
    let text = newslens::text::normalize(text);
    matcher
        .find(&text)
        .iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                dictionary.actors[m.actor].name.clone(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const DEFAULT: &[AliasKind] = &AliasKind::DEFAULT;
const ALL: &[AliasKind] = &AliasKind::ALL;

#[test]
fn possessives_curly_or_straight_contain_the_name() {
    assert_eq!(
        counted("Tokayev’s speech and Tokayev's aide, Putin' sic", DEFAULT),
        pairs(&[
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Putin", "Vladimir Putin"),
        ])
    );
}

#[test]
fn honorifics_and_titles_are_not_part_of_the_mention() {
    assert_eq!(
        counted(
            "Mr. Tokayev met Mr Putin, President Erdogan and Foreign Minister Lavrov.",
            DEFAULT
        ),
        pairs(&[
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Putin", "Vladimir Putin"),
            ("Erdogan", "Recep Tayyip Erdogan"),
            ("Lavrov", "Sergei Lavrov"),
        ])
    );
}

#[test]
fn hyphenated_compounds_contain_mentions_but_not_inside_words() {
    assert_eq!(
        counted(
            "Russian-led troops, a Turkey-led bloc, the USSR, USAID.",
            ALL
        ),
        pairs(&[("Russian", "Russia"), ("Turkey", "Turkey")])
    );
}

#[test]
fn line_breaks_inside_a_paragraph_do_not_break_a_name() {
    assert_eq!(
        counted(
            "Kassym-Jomart\nTokayev spoke at the Shanghai\r\nCooperation Organisation.",
            DEFAULT
        ),
        pairs(&[
            ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
            (
                "Shanghai Cooperation Organisation",
                "Shanghai Cooperation Organization"
            ),
        ])
    );
}

#[test]
fn a_longer_alias_wins_over_its_parts() {
    // One mention of Tokayev, none of Kazakhstan, even with demonyms counted.
    assert_eq!(
        counted("Kazakh President Kassym-Jomart Tokayev arrived.", ALL),
        pairs(&[("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev")])
    );
    assert_eq!(
        counted(
            "Russian Foreign Minister Sergei Lavrov and the Organisation of Turkic States.",
            ALL
        ),
        pairs(&[
            ("Sergei Lavrov", "Sergei Lavrov"),
            (
                "Organisation of Turkic States",
                "Organization of Turkic States"
            ),
        ])
    );
    // Unless the user asks for demonyms in titles.
    assert_eq!(
        counted_with("Kazakh President Kassym-Jomart Tokayev arrived.", ALL, true),
        pairs(&[
            ("Kazakh", "Kazakhstan"),
            ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
        ])
    );
    // A demonym that is no title stays a mention when demonyms count.
    assert_eq!(
        counted("Kazakh officials met.", ALL),
        pairs(&[("Kazakh", "Kazakhstan")])
    );
    assert!(counted("Kazakh officials met.", DEFAULT).is_empty());
}

#[test]
fn alias_kinds_are_chosen_per_run() {
    let text = "Moscow and the Kremlin sent Russian troops; Russia denied it.";
    assert_eq!(counted(text, DEFAULT), pairs(&[("Russia", "Russia")]));
    assert_eq!(
        counted(text, ALL),
        pairs(&[
            ("Moscow", "Russia"),
            ("Kremlin", "Russia"),
            ("Russian", "Russia"),
            ("Russia", "Russia"),
        ])
    );
}

#[test]
fn acronyms_match_exactly_and_the_pronoun_us_is_not_the_us() {
    assert_eq!(
        counted(
            "Let us see: the US, the U.S., the UN and the EU, not the un-",
            DEFAULT
        ),
        pairs(&[
            ("US", "United States"),
            ("U.S.", "United States"),
            ("UN", "United Nations"),
            ("EU", "European Union"),
        ])
    );
    assert!(counted("us, eu, sco", DEFAULT).is_empty());
}

#[test]
fn common_words_in_lower_case_are_not_countries() {
    assert!(counted("fine china and a roast turkey", DEFAULT).is_empty());
    assert_eq!(
        counted("China and Turkey signed.", DEFAULT),
        pairs(&[("China", "China"), ("Turkey", "Turkey")])
    );
}

#[test]
fn turkey_the_bird_is_not_the_country_even_capitalised() {
    assert!(counted("Turkey is best roasted slowly.", DEFAULT).is_empty());
    assert!(counted("Thanksgiving Turkey with gravy", DEFAULT).is_empty());
    assert_eq!(
        counted("Turkey roasted. Turkey joined NATO.", DEFAULT),
        pairs(&[("Turkey", "Turkey"), ("NATO", "NATO")])
    );
}

#[test]
fn georgia_the_us_state_is_not_the_country_when_the_sentence_says_so() {
    assert!(counted("Voters in Atlanta, Georgia, queued.", DEFAULT).is_empty());
    assert!(counted("Georgia's governor signed the bill.", DEFAULT).is_empty());
    assert!(counted("Georgia Tech won.", DEFAULT).is_empty());
    assert_eq!(
        counted("Georgia and Armenia met in Tbilisi.", DEFAULT),
        pairs(&[("Georgia", "Georgia"), ("Armenia", "Armenia")])
    );
}

#[test]
fn ignored_phrases_hide_their_parts() {
    assert!(counted("Latin America and South America grew.", DEFAULT).is_empty());
    assert_eq!(
        counted("America and Latin America", DEFAULT),
        pairs(&[("America", "United States")])
    );
}

#[test]
fn a_surname_after_another_given_name_is_someone_else() {
    assert!(counted("Eaton Vance managed funds; Benoit Joly spoke.", DEFAULT).is_empty());
    assert_eq!(
        counted(
            "Vance said. Mr Vance, Senator Vance, J.D. Vance and Russophile Tokayev; Unlike Tokayev, Kassym-Johart Tokayev did.",
            DEFAULT
        ),
        pairs(&[
            ("Vance", "JD Vance"),
            ("Vance", "JD Vance"),
            ("Vance", "JD Vance"),
            ("J.D. Vance", "JD Vance"),
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Kassym-Johart Tokayev", "Kassym-Jomart Tokayev"),
        ])
    );
}

#[test]
fn statuses_say_why_a_match_does_not_count() {
    let dictionary = ActorDictionary::built_in();
    let matcher = ActorMatcher::new(&dictionary, &AliasKind::ALL).unwrap();
    let text = "Kazakh President Tokayev; Eaton Vance; roast Turkey.";
    let statuses: Vec<MatchStatus> = matcher.find_all(text).iter().map(|m| m.status).collect();
    assert_eq!(
        statuses,
        [
            MatchStatus::DemonymInTitle,
            MatchStatus::Counted,
            MatchStatus::OtherPerson,
            MatchStatus::CommonWord,
        ]
    );
}

#[test]
fn a_country_inside_a_longer_unknown_name_is_not_the_country() {
    assert!(counted(
        "He works at Bank of America and visited Tate Britain.",
        DEFAULT
    )
    .is_empty());
    assert_eq!(
        counted(
            "Kazakh President Tokayev met the President of Russia; the EU Turkey deal; trade with China.",
            DEFAULT
        ),
        pairs(&[
            ("Tokayev", "Kassym-Jomart Tokayev"),
            ("Russia", "Russia"),
            ("EU", "European Union"),
            ("Turkey", "Turkey"),
            ("China", "China"),
        ])
    );
}
