//! Survey results from the counts the database made: per question, how many
//! answered it, how many chose each option and what share of them that is,
//! overall and per career stage, with small groups withheld.

use std::collections::HashMap;

use crate::survey::{Question, QuestionKind};
use crate::taxonomy::CareerStage;

/// The fewest respondents a reported group may have (k-anonymity with k = 5).
/// The figures of a smaller group would single people out: with two emerging
/// producers in a region, "50% rate PD as essential" tells each of them what
/// the other answered, and anyone who knows who took part learns it too.
pub const MIN_REPORTED_GROUP: u64 = 5;

/// Who a group of respondents is: a career stage taken from their profile
/// when they responded, or `unknown` when they had no profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RespondentGroup {
    Stage(CareerStage),
    Unknown,
}

impl RespondentGroup {
    pub fn of(stage: Option<CareerStage>) -> Self {
        stage.map_or(RespondentGroup::Unknown, RespondentGroup::Stage)
    }

    /// Every group, in the order results list them.
    pub fn all() -> Vec<RespondentGroup> {
        CareerStage::ALL
            .iter()
            .copied()
            .map(RespondentGroup::Stage)
            .chain([RespondentGroup::Unknown])
            .collect()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RespondentGroup::Stage(stage) => stage.as_str(),
            RespondentGroup::Unknown => "unknown",
        }
    }
}

/// How many respondents of a group answered a question (counted in SQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredCount {
    pub group: RespondentGroup,
    pub key: String,
    pub respondents: u64,
}

/// How many respondents of a group chose one value of a question (counted in SQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceCount {
    pub group: RespondentGroup,
    pub key: String,
    pub choice: String,
    pub count: u64,
}

/// The figures of one group for one question. `counts` and `shares` are
/// `None` when the group is suppressed, and always for text questions.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFigures {
    pub responses: u64,
    pub suppressed: bool,
    /// Every option (likert: every point's label) in the question's order.
    pub counts: Option<Vec<(String, u64)>>,
    /// Each count over `responses`, to four decimals. For `multi` questions a
    /// respondent may choose several options, so shares add up past 1.
    pub shares: Option<Vec<(String, f64)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub key: String,
    pub kind: QuestionKind,
    pub overall: GroupFigures,
    /// Per respondent group, in [`RespondentGroup::all`] order; empty unless
    /// asked for.
    pub groups: Vec<(RespondentGroup, GroupFigures)>,
}

/// The values a question's counts are reported under.
fn reported_values(question: &Question) -> Vec<String> {
    match question.kind {
        QuestionKind::Likert | QuestionKind::Single | QuestionKind::Multi => {
            question.options.clone()
        }
        QuestionKind::Text => Vec::new(),
    }
}

fn figures(question: &Question, responses: u64, chosen: &HashMap<&str, u64>) -> GroupFigures {
    let suppressed = responses < MIN_REPORTED_GROUP;
    if suppressed || question.kind == QuestionKind::Text {
        return GroupFigures {
            responses,
            suppressed,
            counts: None,
            shares: None,
        };
    }
    let counts: Vec<(String, u64)> = reported_values(question)
        .into_iter()
        .map(|value| {
            let count = chosen.get(value.as_str()).copied().unwrap_or(0);
            (value, count)
        })
        .collect();
    let shares = counts
        .iter()
        .map(|(value, count)| (value.clone(), share(*count, responses)))
        .collect();
    GroupFigures {
        responses,
        suppressed,
        counts: Some(counts),
        shares: Some(shares),
    }
}

fn share(count: u64, responses: u64) -> f64 {
    if responses == 0 {
        return 0.0;
    }
    // Counts are far below 2^52, so the conversions are exact.
    let fraction = count as f64 / responses as f64;
    (fraction * 10_000.0).round() / 10_000.0
}

fn withhold(figures: &mut GroupFigures) {
    figures.suppressed = true;
    figures.counts = None;
    figures.shares = None;
}

/// Withholds further groups so that the ones withheld cannot be recovered by
/// subtracting the groups shown from the overall figures: while the withheld
/// groups together hold between 1 and 4 respondents, the smallest group still
/// shown is withheld too.
fn protect_by_complement(groups: &mut [(RespondentGroup, GroupFigures)]) {
    loop {
        let hidden: u64 = groups
            .iter()
            .filter(|(_, figures)| figures.suppressed)
            .map(|(_, figures)| figures.responses)
            .sum();
        if hidden == 0 || hidden >= MIN_REPORTED_GROUP {
            return;
        }
        let smallest_shown = groups
            .iter_mut()
            .filter(|(_, figures)| !figures.suppressed)
            .min_by_key(|(_, figures)| figures.responses);
        match smallest_shown {
            Some((_, figures)) => withhold(figures),
            None => return,
        }
    }
}

/// The results of every question from the database's counts. With
/// `by_group`, each question also carries its figures per respondent group.
pub fn summarize(
    questions: &[Question],
    answered: &[AnsweredCount],
    chosen: &[ChoiceCount],
    by_group: bool,
) -> Vec<QuestionResult> {
    questions
        .iter()
        .map(|question| {
            let key = question.key.as_str();
            let responses_of = |group: Option<RespondentGroup>| -> u64 {
                answered
                    .iter()
                    .filter(|a| a.key == key && group.is_none_or(|g| a.group == g))
                    .map(|a| a.respondents)
                    .sum()
            };
            let chosen_by = |group: Option<RespondentGroup>| -> HashMap<&str, u64> {
                let mut counts: HashMap<&str, u64> = HashMap::new();
                for c in chosen
                    .iter()
                    .filter(|c| c.key == key && group.is_none_or(|g| c.group == g))
                {
                    *counts.entry(c.choice.as_str()).or_default() += c.count;
                }
                counts
            };
            let overall = figures(question, responses_of(None), &chosen_by(None));
            let mut groups: Vec<(RespondentGroup, GroupFigures)> = if by_group {
                RespondentGroup::all()
                    .into_iter()
                    .map(|group| {
                        let figures =
                            figures(question, responses_of(Some(group)), &chosen_by(Some(group)));
                        (group, figures)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            if !overall.suppressed {
                protect_by_complement(&mut groups);
            }
            QuestionResult {
                key: key.to_owned(),
                kind: question.kind,
                overall,
                groups,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::survey::{RawQuestion, SurveyDefinition};

    const EMERGING: RespondentGroup = RespondentGroup::Stage(CareerStage::Emerging);
    const EARLY: RespondentGroup = RespondentGroup::Stage(CareerStage::EarlyCareer);
    const MID: RespondentGroup = RespondentGroup::Stage(CareerStage::MidCareer);

    fn questions() -> Vec<Question> {
        let raw = |key: &str, kind, options: &[&str]| RawQuestion {
            key: key.into(),
            kind,
            prompt: "?".into(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
        };
        SurveyDefinition::parse(
            "t",
            vec![
                raw("format", QuestionKind::Single, &["Online", "In person"]),
                raw("importance", QuestionKind::Likert, &[]),
                raw("comment", QuestionKind::Text, &[]),
            ],
        )
        .unwrap()
        .questions
    }

    fn answered(group: RespondentGroup, key: &str, respondents: u64) -> AnsweredCount {
        AnsweredCount {
            group,
            key: key.into(),
            respondents,
        }
    }

    fn chose(group: RespondentGroup, key: &str, choice: &str, count: u64) -> ChoiceCount {
        ChoiceCount {
            group,
            key: key.into(),
            choice: choice.into(),
            count,
        }
    }

    #[test]
    fn four_respondents_are_withheld_and_five_are_shown() {
        let four = summarize(
            &questions(),
            &[answered(MID, "format", 4)],
            &[chose(MID, "format", "Online", 4)],
            false,
        );
        assert!(four[0].overall.suppressed);
        assert_eq!(four[0].overall.responses, 4);
        assert_eq!(four[0].overall.counts, None);
        assert_eq!(four[0].overall.shares, None);

        let five = summarize(
            &questions(),
            &[answered(MID, "format", 3), answered(EARLY, "format", 2)],
            &[
                chose(MID, "format", "Online", 3),
                chose(EARLY, "format", "In person", 2),
            ],
            false,
        );
        let overall = &five[0].overall;
        assert!(!overall.suppressed);
        assert_eq!(overall.responses, 5);
        assert_eq!(
            overall.counts,
            Some(vec![("Online".into(), 3), ("In person".into(), 2)])
        );
        assert_eq!(
            overall.shares,
            Some(vec![("Online".into(), 0.6), ("In person".into(), 0.4)])
        );
        assert!(five[0].groups.is_empty());
    }

    #[test]
    fn likert_counts_every_point_by_label_and_text_never_counts() {
        let results = summarize(
            &questions(),
            &[answered(MID, "importance", 6), answered(MID, "comment", 6)],
            &[
                chose(MID, "importance", "Strongly agree", 4),
                chose(MID, "importance", "Agree", 2),
            ],
            false,
        );
        let likert = results[1].overall.counts.clone().unwrap();
        assert_eq!(
            likert,
            [
                ("Strongly disagree", 0),
                ("Disagree", 0),
                ("Neither agree nor disagree", 0),
                ("Agree", 2),
                ("Strongly agree", 4)
            ]
            .map(|(p, n)| (p.to_owned(), n))
        );
        assert_eq!(results[1].overall.shares.clone().unwrap()[4].1, 0.6667);
        let text = &results[2].overall;
        assert_eq!((text.responses, text.suppressed), (6, false));
        assert_eq!((text.counts.clone(), text.shares.clone()), (None, None));
    }

    #[test]
    fn groups_are_reported_in_stage_order_with_unknown_last() {
        let results = summarize(
            &questions(),
            &[
                answered(MID, "format", 5),
                answered(RespondentGroup::Unknown, "format", 6),
            ],
            &[
                chose(MID, "format", "Online", 5),
                chose(RespondentGroup::Unknown, "format", "In person", 6),
            ],
            true,
        );
        let groups = &results[0].groups;
        let names: Vec<&str> = groups.iter().map(|(g, _)| g.as_str()).collect();
        assert_eq!(
            names,
            [
                "emerging",
                "early_career",
                "mid_career",
                "established",
                "unknown"
            ]
        );
        assert!(groups[0].1.suppressed, "no emerging respondent at all");
        assert_eq!(groups[2].1.counts.clone().unwrap()[0], ("Online".into(), 5));
        assert_eq!(
            groups[4].1.counts.clone().unwrap()[1],
            ("In person".into(), 6)
        );
        assert_eq!(results[0].overall.responses, 11);
    }

    #[test]
    fn a_small_withheld_group_takes_the_smallest_shown_group_with_it() {
        let results = summarize(
            &questions(),
            &[
                answered(EMERGING, "format", 2),
                answered(EARLY, "format", 5),
                answered(MID, "format", 7),
            ],
            &[
                chose(EMERGING, "format", "Online", 2),
                chose(EARLY, "format", "Online", 5),
                chose(MID, "format", "In person", 7),
            ],
            true,
        );
        let groups = &results[0].groups;
        assert!(groups[0].1.suppressed);
        assert!(
            groups[1].1.suppressed,
            "else overall minus the shown groups gives the 2 emerging answers"
        );
        assert!(!groups[2].1.suppressed);
        assert_eq!(groups[1].1.responses, 5, "sizes stay visible");
        assert_eq!(groups[1].1.counts, None);
    }
}
