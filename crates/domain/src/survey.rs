//! The skills survey: its questions, valid by construction, and the answers a
//! respondent may give to them.
//!
//! A survey asks four kinds of question. `likert` is an ordered scale of 2 to
//! 11 labelled points, lowest first (the survey's own labels, or
//! [`DEFAULT_LIKERT_LABELS`]); an answer is one of the labels, or on the
//! default scale its point 1 to 5. `single` and `multi` choose one, or
//! several, of the question's options; an answer names them verbatim. `text`
//! is free text, kept but never reported.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

pub const TITLE_MAX: usize = 200;
pub const MAX_QUESTIONS: usize = 50;
pub const KEY_MAX: usize = 40;
pub const PROMPT_MAX: usize = 500;
pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 30;
pub const OPTION_MAX: usize = 200;
pub const TEXT_ANSWER_MAX: usize = 2000;

/// How many points a likert scale may have: a two-point agree/disagree up
/// to an 11-point 0–10 scale.
pub const LIKERT_POINTS: std::ops::RangeInclusive<usize> = 2..=11;

/// The labels of a likert question created without its own, whose points
/// may also be answered as the integers 1 to 5.
pub const DEFAULT_LIKERT_LABELS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// One invalid part of a survey or of a response, named by its JSON path
/// (`questions[2].options`, `answers.format`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub error: ValueError,
}

impl FieldIssue {
    fn new(field: impl Into<String>, error: ValueError) -> Self {
        FieldIssue {
            field: field.into(),
            error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One point of an ordered scale, named by its label.
    Likert,
    /// Exactly one of the options.
    Single,
    /// One or more distinct options.
    Multi,
    /// Free text of up to 2000 characters; results give only how many answered.
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Likert,
        QuestionKind::Single,
        QuestionKind::Multi,
        QuestionKind::Text,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Likert => "likert",
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Text => "text",
        }
    }
}

impl FromStr for QuestionKind {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QuestionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                ValueError::new(
                    "value-one-of",
                    vec![("allowed", "likert, single, multi, text".into())],
                )
            })
    }
}

impl fmt::Display for QuestionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a survey takes responses. A new survey is closed until opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Open,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }
}

impl FromStr for SurveyStatus {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(SurveyStatus::Open),
            "closed" => Ok(SurveyStatus::Closed),
            _ => Err(ValueError::new(
                "value-one-of",
                vec![("allowed", "open, closed".into())],
            )),
        }
    }
}

/// A question's name within its survey: `^[a-z][a-z0-9_]{0,39}$`, so that it
/// can be a JSON key and a column value without quoting surprises.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionKey(String);

impl QuestionKey {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let mut bytes = raw.bytes();
        let well_formed = bytes.next().is_some_and(|b| b.is_ascii_lowercase())
            && raw.len() <= KEY_MAX
            && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if well_formed {
            Ok(QuestionKey(raw.to_owned()))
        } else {
            Err(ValueError::new(
                "value-question-key",
                vec![("max", KEY_MAX.to_string())],
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for QuestionKey {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QuestionKey::parse(s)
    }
}

/// A question as stored: the options of a likert question are the labels of
/// its points, lowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub key: QuestionKey,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
}

impl Question {
    /// A likert question on the default 1–5 scale, whose points may be
    /// answered by number.
    pub fn on_default_scale(&self) -> bool {
        self.kind == QuestionKind::Likert && self.options == DEFAULT_LIKERT_LABELS
    }
}

/// A question as a caller wrote it, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawQuestion {
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
}

/// A survey's title and questions, every rule checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyDefinition {
    pub title: String,
    pub questions: Vec<Question>,
}

fn trimmed(field: &str, raw: &str, max: usize) -> Result<String, FieldIssue> {
    let text = raw.trim();
    let length = text.chars().count();
    if (1..=max).contains(&length) {
        Ok(text.to_owned())
    } else {
        Err(FieldIssue::new(
            field,
            ValueError::new("survey-text-length", vec![("max", max.to_string())]),
        ))
    }
}

impl SurveyDefinition {
    /// Checks every rule and reports every broken one, each under its path.
    pub fn parse(title: &str, questions: Vec<RawQuestion>) -> Result<Self, Vec<FieldIssue>> {
        let mut issues = Vec::new();
        let title = trimmed("title", title, TITLE_MAX)
            .map_err(|issue| issues.push(issue))
            .ok();
        if questions.is_empty() || questions.len() > MAX_QUESTIONS {
            issues.push(FieldIssue::new(
                "questions",
                ValueError::new(
                    "survey-question-count",
                    vec![("max", MAX_QUESTIONS.to_string())],
                ),
            ));
        }
        let mut parsed: Vec<Question> = Vec::with_capacity(questions.len());
        let mut keys_seen: Vec<String> = Vec::with_capacity(questions.len());
        for (index, raw) in questions.into_iter().enumerate() {
            let path = format!("questions[{index}]");
            if let Some(first) = keys_seen.iter().position(|seen| *seen == raw.key) {
                issues.push(FieldIssue::new(
                    format!("{path}.key"),
                    ValueError::new(
                        "survey-key-repeated",
                        vec![
                            ("first", first.to_string()),
                            ("key", format!("{:?}", raw.key)),
                        ],
                    ),
                ));
            }
            keys_seen.push(raw.key.clone());
            match parse_question(&path, raw) {
                Ok(question) => parsed.push(question),
                Err(mut question_issues) => issues.append(&mut question_issues),
            }
        }
        match title {
            Some(title) if issues.is_empty() => Ok(SurveyDefinition {
                title,
                questions: parsed,
            }),
            _ => Err(issues),
        }
    }
}

fn parse_question(path: &str, raw: RawQuestion) -> Result<Question, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let key = QuestionKey::parse(&raw.key)
        .map_err(|e| issues.push(FieldIssue::new(format!("{path}.key"), e)))
        .ok();
    let prompt = trimmed(&format!("{path}.prompt"), &raw.prompt, PROMPT_MAX)
        .map_err(|issue| issues.push(issue))
        .ok();
    let options_path = format!("{path}.options");
    let mut options = Vec::with_capacity(raw.options.len());
    for (index, option) in raw.options.iter().enumerate() {
        match trimmed(&format!("{options_path}[{index}]"), option, OPTION_MAX) {
            Ok(option) => {
                let folded = option.to_lowercase();
                if options.iter().any(|o: &String| o.to_lowercase() == folded) {
                    issues.push(FieldIssue::new(
                        format!("{options_path}[{index}]"),
                        ValueError::new(
                            "survey-option-repeated",
                            vec![("option", format!("{option:?}"))],
                        ),
                    ));
                } else {
                    options.push(option);
                }
            }
            Err(issue) => issues.push(issue),
        }
    }
    let count = raw.options.len();
    match raw.kind {
        QuestionKind::Text if count > 0 => issues.push(FieldIssue::new(
            &options_path,
            ValueError::new("survey-text-options", vec![]),
        )),
        QuestionKind::Likert if count == 0 => {
            options = DEFAULT_LIKERT_LABELS.map(str::to_owned).to_vec();
        }
        QuestionKind::Likert if !LIKERT_POINTS.contains(&count) => issues.push(FieldIssue::new(
            &options_path,
            ValueError::new(
                "survey-likert-options",
                vec![
                    ("min", LIKERT_POINTS.start().to_string()),
                    ("max", LIKERT_POINTS.end().to_string()),
                ],
            ),
        )),
        QuestionKind::Single | QuestionKind::Multi
            if !(MIN_CHOICES..=MAX_CHOICES).contains(&options.len()) || count > MAX_CHOICES =>
        {
            issues.push(FieldIssue::new(
                &options_path,
                ValueError::new(
                    "survey-choice-options",
                    vec![
                        ("min", MIN_CHOICES.to_string()),
                        ("max", MAX_CHOICES.to_string()),
                    ],
                ),
            ))
        }
        _ => {}
    }
    match (key, prompt) {
        (Some(key), Some(prompt)) if issues.is_empty() => Ok(Question {
            key,
            kind: raw.kind,
            prompt,
            options,
        }),
        _ => Err(issues),
    }
}

/// An answer as it arrived, reduced to the JSON shapes that matter.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    /// `null`: the question is skipped.
    Null,
    Integer(i64),
    Text(String),
    List(Vec<RawAnswer>),
    /// Any other JSON value (a boolean, a fraction, an object).
    Other,
}

/// A valid answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The label of the point chosen.
    Likert(String),
    Single(String),
    Multi(Vec<String>),
    Text(String),
}

impl Answer {
    /// The values counted in results, one row each: the chosen options or
    /// likert label; none for text.
    pub fn choices(&self) -> Vec<String> {
        match self {
            Answer::Likert(label) | Answer::Single(label) => vec![label.clone()],
            Answer::Multi(options) => options.clone(),
            Answer::Text(_) => Vec::new(),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Answer::Text(text) => Some(text),
            _ => None,
        }
    }

    /// Rebuilds an answer from what [`Answer::choices`] and
    /// [`Answer::text`] stored.
    pub fn from_stored(kind: QuestionKind, choices: Vec<String>, text: Option<String>) -> Self {
        match kind {
            QuestionKind::Likert => Answer::Likert(choices.into_iter().next().unwrap_or_default()),
            QuestionKind::Single => Answer::Single(choices.into_iter().next().unwrap_or_default()),
            QuestionKind::Multi => Answer::Multi(choices),
            QuestionKind::Text => Answer::Text(text.unwrap_or_default()),
        }
    }
}

/// Checks a response against its survey's questions. Unknown keys are
/// refused; a question left out, answered `null` or (for text) blank is
/// skipped; at least one question must be answered. Answers come back in
/// the survey's question order.
pub fn parse_answers(
    questions: &[Question],
    raw: Vec<(String, RawAnswer)>,
) -> Result<Vec<(QuestionKey, Answer)>, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let mut answers: Vec<(usize, QuestionKey, Answer)> = Vec::new();
    for (key, value) in raw {
        let field = format!("answers.{key}");
        let Some(position) = questions.iter().position(|q| q.key.as_str() == key) else {
            issues.push(FieldIssue::new(
                field,
                ValueError::new("survey-unknown-question", vec![]),
            ));
            continue;
        };
        let question = &questions[position];
        match parse_answer(question, value) {
            Ok(Some(answer)) => answers.push((position, question.key.clone(), answer)),
            Ok(None) => {}
            Err(message) => issues.push(FieldIssue::new(field, message)),
        }
    }
    if issues.is_empty() && answers.is_empty() {
        issues.push(FieldIssue::new(
            "answers",
            ValueError::new("survey-no-answer", vec![]),
        ));
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    answers.sort_by_key(|(position, _, _)| *position);
    Ok(answers
        .into_iter()
        .map(|(_, key, answer)| (key, answer))
        .collect())
}

fn option_list(options: &[String]) -> String {
    options
        .iter()
        .map(|o| format!("{o:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn likert_refusal(question: &Question) -> ValueError {
    let options = option_list(&question.options);
    if question.on_default_scale() {
        ValueError::new("survey-likert-answer-or-point", vec![("options", options)])
    } else {
        ValueError::new("value-one-of", vec![("allowed", options)])
    }
}

fn parse_answer(question: &Question, value: RawAnswer) -> Result<Option<Answer>, ValueError> {
    if value == RawAnswer::Null {
        return Ok(None);
    }
    match question.kind {
        QuestionKind::Likert => {
            let label = match value {
                RawAnswer::Text(label) => question.options.contains(&label).then_some(label),
                RawAnswer::Integer(point) if question.on_default_scale() => usize::try_from(point)
                    .ok()
                    .and_then(|point| point.checked_sub(1))
                    .and_then(|index| question.options.get(index))
                    .cloned(),
                _ => None,
            };
            label
                .map(|label| Some(Answer::Likert(label)))
                .ok_or_else(|| likert_refusal(question))
        }
        QuestionKind::Single => match value {
            RawAnswer::Text(option) if question.options.contains(&option) => {
                Ok(Some(Answer::Single(option)))
            }
            _ => Err(ValueError::new(
                "value-one-of",
                vec![("allowed", option_list(&question.options))],
            )),
        },
        QuestionKind::Multi => {
            let refusal = || {
                ValueError::new(
                    "survey-multi-answer",
                    vec![("options", option_list(&question.options))],
                )
            };
            let RawAnswer::List(items) = value else {
                return Err(refusal());
            };
            let mut chosen: Vec<String> = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    RawAnswer::Text(option)
                        if question.options.contains(&option) && !chosen.contains(&option) =>
                    {
                        chosen.push(option)
                    }
                    _ => return Err(refusal()),
                }
            }
            if chosen.is_empty() {
                return Err(refusal());
            }
            // In the question's order, so that a stored answer reads the same
            // however the caller ordered it.
            chosen.sort_by_key(|option| question.options.iter().position(|o| o == option));
            Ok(Some(Answer::Multi(chosen)))
        }
        QuestionKind::Text => match value {
            RawAnswer::Text(text) if text.trim().is_empty() => Ok(None),
            RawAnswer::Text(text) if text.trim().chars().count() <= TEXT_ANSWER_MAX => {
                Ok(Some(Answer::Text(text.trim().to_owned())))
            }
            RawAnswer::Text(_) => Err(ValueError::new(
                "value-too-long",
                vec![("max", TEXT_ANSWER_MAX.to_string())],
            )),
            _ => Err(ValueError::new(
                "survey-text-answer",
                vec![("max", TEXT_ANSWER_MAX.to_string())],
            )),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn raw(key: &str, kind: QuestionKind, options: &[&str]) -> RawQuestion {
        RawQuestion {
            key: key.to_owned(),
            kind,
            prompt: "Which?".to_owned(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
        }
    }

    fn fields(issues: &[FieldIssue]) -> Vec<&str> {
        issues.iter().map(|i| i.field.as_str()).collect()
    }

    fn survey() -> Vec<Question> {
        SurveyDefinition::parse(
            "Skills",
            vec![
                raw("importance", QuestionKind::Likert, &[]),
                raw("format", QuestionKind::Single, &["Online", "In person"]),
                raw(
                    "topics",
                    QuestionKind::Multi,
                    &["Financing", "Export", "Leadership"],
                ),
                raw("comment", QuestionKind::Text, &[]),
            ],
        )
        .unwrap()
        .questions
    }

    #[test]
    fn keys_follow_the_pattern() {
        for good in ["a", "pd_importance", "q1", &"k".repeat(40)] {
            assert!(QuestionKey::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "1q", "_q", "Q", "q-1", "q é", &"k".repeat(41)] {
            assert!(QuestionKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_likert_question_without_labels_gets_the_default_scale() {
        let questions = survey();
        assert_eq!(
            questions[0].options,
            DEFAULT_LIKERT_LABELS.map(str::to_owned)
        );
        let own = SurveyDefinition::parse(
            "t",
            vec![raw(
                "pd",
                QuestionKind::Likert,
                &[
                    "Not important",
                    "Slightly",
                    "Somewhat",
                    "Very important",
                    "Essential",
                ],
            )],
        )
        .unwrap();
        assert_eq!(own.questions[0].options[4], "Essential");
    }

    #[test]
    fn every_broken_rule_is_named_by_its_path() {
        let issues = SurveyDefinition::parse(
            " ",
            vec![
                raw("ok", QuestionKind::Single, &["a", "b"]),
                raw("ok", QuestionKind::Text, &["x"]),
                raw("one", QuestionKind::Single, &["only"]),
                raw("dup", QuestionKind::Multi, &["Yes", "yes", ""]),
                raw("scale", QuestionKind::Likert, &["only one"]),
                raw("Bad", QuestionKind::Text, &[]),
            ],
        )
        .unwrap_err();
        assert_eq!(
            fields(&issues),
            [
                "title",
                "questions[1].key",
                "questions[1].options",
                "questions[2].options",
                "questions[3].options[1]",
                "questions[3].options[2]",
                "questions[3].options",
                "questions[4].options",
                "questions[5].key",
            ]
        );
    }

    #[test]
    fn a_likert_scale_has_two_to_eleven_labelled_points_answered_by_label() {
        let importance = [
            "not important",
            "somewhat important",
            "very important",
            "essential",
        ];
        let own = SurveyDefinition::parse("t", vec![raw("pd", QuestionKind::Likert, &importance)])
            .unwrap()
            .questions;
        assert!(!own[0].on_default_scale());
        let answered = parse_answers(
            &own,
            vec![("pd".into(), RawAnswer::Text("essential".into()))],
        )
        .unwrap();
        assert_eq!(answered[0].1, Answer::Likert("essential".into()));
        let by_number =
            parse_answers(&own, vec![("pd".into(), RawAnswer::Integer(4))]).unwrap_err();
        assert!(
            by_number[0].error.message.contains("\"essential\""),
            "{by_number:?}"
        );

        let labels: Vec<String> = (0..=11).map(|n| n.to_string()).collect();
        let sized = |n: usize| {
            let points: Vec<&str> = labels[..n].iter().map(String::as_str).collect();
            SurveyDefinition::parse("t", vec![raw("scale", QuestionKind::Likert, &points)])
        };
        assert!(sized(1).is_err());
        assert!(sized(2).is_ok());
        assert!(sized(11).is_ok());
        assert!(sized(12).is_err());
    }

    #[test]
    fn question_count_is_bounded() {
        let none = SurveyDefinition::parse("t", vec![]).unwrap_err();
        assert_eq!(fields(&none), ["questions"]);
        let many: Vec<RawQuestion> = (0..=MAX_QUESTIONS)
            .map(|n| raw(&format!("q{n}"), QuestionKind::Text, &[]))
            .collect();
        assert_eq!(
            fields(&SurveyDefinition::parse("t", many).unwrap_err()),
            ["questions"]
        );
    }

    #[test]
    fn valid_answers_are_kept_in_question_order() {
        let answers = parse_answers(
            &survey(),
            vec![
                (
                    "comment".into(),
                    RawAnswer::Text("  More export labs  ".into()),
                ),
                (
                    "topics".into(),
                    RawAnswer::List(vec![
                        RawAnswer::Text("Leadership".into()),
                        RawAnswer::Text("Financing".into()),
                    ]),
                ),
                ("importance".into(), RawAnswer::Integer(5)),
                ("format".into(), RawAnswer::Null),
            ],
        )
        .unwrap();
        assert_eq!(
            answers
                .iter()
                .map(|(k, a)| (k.as_str(), a.clone()))
                .collect::<Vec<_>>(),
            [
                ("importance", Answer::Likert("Strongly agree".into())),
                (
                    "topics",
                    Answer::Multi(vec!["Financing".into(), "Leadership".into()])
                ),
                ("comment", Answer::Text("More export labs".into())),
            ]
        );
        assert_eq!(answers[0].1.choices(), ["Strongly agree"]);
        assert!(answers[2].1.choices().is_empty());
    }

    #[test]
    fn invalid_answers_are_refused_each_under_its_key() {
        let cases = [
            ("importance", RawAnswer::Integer(0)),
            ("importance", RawAnswer::Integer(6)),
            ("importance", RawAnswer::Integer(-1)),
            ("importance", RawAnswer::Text("5".into())),
            ("importance", RawAnswer::Text("strongly agree".into())),
            ("format", RawAnswer::Text("online".into())),
            ("topics", RawAnswer::List(vec![])),
            ("topics", RawAnswer::Text("Export".into())),
            (
                "topics",
                RawAnswer::List(vec![
                    RawAnswer::Text("Export".into()),
                    RawAnswer::Text("Export".into()),
                ]),
            ),
            ("comment", RawAnswer::Text("x".repeat(TEXT_ANSWER_MAX + 1))),
            ("comment", RawAnswer::Integer(3)),
            ("unknown", RawAnswer::Integer(3)),
        ];
        for (key, value) in cases {
            let issues = parse_answers(&survey(), vec![(key.into(), value.clone())]).unwrap_err();
            assert_eq!(fields(&issues), [format!("answers.{key}")], "{value:?}");
        }
    }

    #[test]
    fn a_response_must_answer_something() {
        let issues = parse_answers(
            &survey(),
            vec![("comment".into(), RawAnswer::Text("   ".into()))],
        )
        .unwrap_err();
        assert_eq!(fields(&issues), ["answers"]);
    }

    #[test]
    fn stored_answers_read_back_the_same() {
        for (kind, answer) in [
            (QuestionKind::Likert, Answer::Likert("Agree".into())),
            (QuestionKind::Single, Answer::Single("a".into())),
            (
                QuestionKind::Multi,
                Answer::Multi(vec!["a".into(), "b".into()]),
            ),
            (QuestionKind::Text, Answer::Text("hi".into())),
        ] {
            let rebuilt =
                Answer::from_stored(kind, answer.choices(), answer.text().map(str::to_owned));
            assert_eq!(rebuilt, answer);
        }
    }
}
