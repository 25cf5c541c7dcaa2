//! The skills survey, open, and its illustrative responses
//! (`data/demo-survey.json`): enough respondents in every career stage that
//! results split by stage are shown rather than suppressed. Each respondent
//! is an account of its own (one response per user), with a private profile
//! that gives the career stage the response is counted under.

use std::collections::HashMap;

use greenlight_domain::survey::{
    QuestionKind, RawAnswer, RawQuestion, SurveyDefinition, SurveyStatus, parse_answers,
};
use greenlight_domain::{Profile, Province, Role};
use serde::Deserialize;

use super::accounts::create_user;
use super::{invalid_data, parse_data};
use crate::error::StoreResult;
use crate::{AnyConnection, profiles, surveys};

const DATA: &str = include_str!("../../data/demo-survey.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SurveyFile {
    title: String,
    /// Shared by every respondent account.
    pub(super) respondent_password: String,
    questions: Vec<DemoQuestion>,
    responses: Vec<DemoResponse>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoQuestion {
    key: String,
    kind: QuestionKind,
    prompt: String,
    options: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoResponse {
    producing_credits: u32,
    province: Province,
    answers: HashMap<String, DemoAnswer>,
}

/// An answer as the data file writes it: one option or text, or several options.
#[derive(Deserialize)]
#[serde(untagged)]
enum DemoAnswer {
    One(String),
    Many(Vec<String>),
}

impl DemoAnswer {
    fn raw(&self) -> RawAnswer {
        match self {
            DemoAnswer::One(text) => RawAnswer::Text(text.clone()),
            DemoAnswer::Many(items) => {
                RawAnswer::List(items.iter().cloned().map(RawAnswer::Text).collect())
            }
        }
    }
}

pub(super) fn parse() -> StoreResult<SurveyFile> {
    parse_data("demo-survey.json", DATA)
}

/// The respondents' accounts, numbered from 1.
pub(super) fn respondent_email(number: usize) -> String {
    format!("respondent-{number:02}@survey.example")
}

/// How many respondents answered.
pub(super) fn respondents(file: &SurveyFile) -> usize {
    file.responses.len()
}

pub(super) fn load(
    conn: &mut AnyConnection,
    file: &SurveyFile,
    hashes: &HashMap<String, String>,
) -> StoreResult<usize> {
    let questions = file
        .questions
        .iter()
        .map(|question| RawQuestion {
            key: question.key.clone(),
            kind: question.kind,
            prompt: question.prompt.clone(),
            options: question.options.clone(),
        })
        .collect();
    let definition = SurveyDefinition::parse(&file.title, questions)
        .map_err(|issues| invalid_data(format!("demo-survey.json: {issues:?}")))?;
    let survey = surveys::create(conn, &definition)?;
    let survey = surveys::set_status(conn, &survey.id, SurveyStatus::Open)?;
    let hash = hashes
        .get(&file.respondent_password)
        .ok_or_else(|| invalid_data("no hash for the respondents' password"))?;
    for (index, response) in file.responses.iter().enumerate() {
        let number = index + 1;
        let display_name = format!("Survey respondent {number:02} (illustrative)");
        let user = create_user(
            conn,
            &respondent_email(number),
            hash,
            &display_name,
            Role::Individual,
        )?;
        let profile = Profile {
            display_name,
            province: Some(response.province),
            producing_credits: response.producing_credits,
            ..Profile::default()
        };
        profiles::save(conn, &user.id, &profile)?;
        let raw = response
            .answers
            .iter()
            .map(|(key, answer)| (key.clone(), answer.raw()))
            .collect();
        let answers = parse_answers(&survey.questions, raw)
            .map_err(|issues| invalid_data(format!("response {number}: {issues:?}")))?;
        let stage = surveys::career_stage_of(conn, &user.id)?;
        surveys::respond(conn, &survey.id, &user.id, stage, &answers)?;
    }
    Ok(file.responses.len())
}
