//! Surveys, their questions, and responses stored one row per answered
//! question and one per chosen value, so that results are SQL counts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use greenlight_domain::CareerStage;
use greenlight_domain::survey::{Answer, Question, QuestionKey, SurveyDefinition, SurveyStatus};
use greenlight_domain::survey_results::{AnsweredCount, ChoiceCount, RespondentGroup};

use crate::AnyConnection;
use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::{
    profiles, survey_answer_choices, survey_answers, survey_question_options, survey_questions,
    survey_responses, surveys,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub id: String,
    pub title: String,
    pub status: SurveyStatus,
    pub questions: Vec<Question>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct SurveyRow {
    id: String,
    title: String,
    status: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

#[derive(Queryable)]
struct QuestionRow {
    survey_id: String,
    question_key: String,
    _position: i32,
    kind: String,
    prompt: String,
}

#[derive(Queryable)]
struct OptionRow {
    survey_id: String,
    question_key: String,
    _position: i32,
    label: String,
}

fn position(index: usize) -> i32 {
    // Surveys hold at most 50 questions of at most 30 options.
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// Stores a new survey, closed, with its questions in one transaction.
pub fn create(conn: &mut AnyConnection, definition: &SurveyDefinition) -> StoreResult<Survey> {
    conn.transaction(|conn| {
        let id = new_id();
        let at = now().naive_utc();
        diesel::insert_into(surveys::table)
            .values((
                surveys::id.eq(&id),
                surveys::title.eq(&definition.title),
                surveys::status.eq(SurveyStatus::Closed.as_str()),
                surveys::created_at.eq(at),
                surveys::updated_at.eq(at),
            ))
            .execute(conn)?;
        // One row at a time: diesel's batch insert does not compile for the
        // two-backend connection, and surveys are short.
        for (index, question) in definition.questions.iter().enumerate() {
            diesel::insert_into(survey_questions::table)
                .values((
                    survey_questions::survey_id.eq(&id),
                    survey_questions::question_key.eq(question.key.as_str()),
                    survey_questions::position.eq(position(index)),
                    survey_questions::kind.eq(question.kind.as_str()),
                    survey_questions::prompt.eq(&question.prompt),
                ))
                .execute(conn)?;
            for (index, label) in question.options.iter().enumerate() {
                diesel::insert_into(survey_question_options::table)
                    .values((
                        survey_question_options::survey_id.eq(&id),
                        survey_question_options::question_key.eq(question.key.as_str()),
                        survey_question_options::position.eq(position(index)),
                        survey_question_options::label.eq(label),
                    ))
                    .execute(conn)?;
            }
        }
        find(conn, &id)
    })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Survey> {
    let row: SurveyRow = surveys::table.find(id).first(conn)?;
    with_questions(conn, vec![row])?
        .pop()
        .ok_or(crate::StoreError::NotFound)
}

/// Surveys newest first, after (older than) the survey `before`, up to `limit`.
pub fn list(
    conn: &mut AnyConnection,
    status: Option<SurveyStatus>,
    before: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Survey>> {
    let mut query = surveys::table.into_boxed();
    if let Some(status) = status {
        query = query.filter(surveys::status.eq(status.as_str()));
    }
    if let Some(before) = before {
        query = query.filter(surveys::id.lt(before));
    }
    let rows: Vec<SurveyRow> = query.order(surveys::id.desc()).limit(limit).load(conn)?;
    with_questions(conn, rows)
}

/// Attaches the questions of every survey in `rows` with two queries in all.
fn with_questions(conn: &mut AnyConnection, rows: Vec<SurveyRow>) -> StoreResult<Vec<Survey>> {
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let question_rows: Vec<QuestionRow> = survey_questions::table
        .filter(survey_questions::survey_id.eq_any(&ids))
        .order((survey_questions::survey_id, survey_questions::position))
        .load(conn)?;
    let option_rows: Vec<OptionRow> = survey_question_options::table
        .filter(survey_question_options::survey_id.eq_any(&ids))
        .order((
            survey_question_options::survey_id,
            survey_question_options::question_key,
            survey_question_options::position,
        ))
        .load(conn)?;
    let mut options: HashMap<(String, String), Vec<String>> = HashMap::new();
    for option in option_rows {
        options
            .entry((option.survey_id, option.question_key))
            .or_default()
            .push(option.label);
    }
    let mut questions: HashMap<String, Vec<Question>> = HashMap::new();
    for row in question_rows {
        let question = Question {
            key: decode(&row.question_key, "survey_questions.question_key")?,
            kind: decode(&row.kind, "survey_questions.kind")?,
            prompt: row.prompt,
            options: options
                .remove(&(row.survey_id.clone(), row.question_key))
                .unwrap_or_default(),
        };
        questions.entry(row.survey_id).or_default().push(question);
    }
    rows.into_iter()
        .map(|row| {
            Ok(Survey {
                questions: questions.remove(&row.id).unwrap_or_default(),
                status: decode(&row.status, "surveys.status")?,
                id: row.id,
                title: row.title,
                created_at: row.created_at.and_utc(),
                updated_at: row.updated_at.and_utc(),
            })
        })
        .collect()
}

/// Opens or closes a survey; setting the status it already has changes
/// nothing (not even `updated_at`).
pub fn set_status(conn: &mut AnyConnection, id: &str, status: SurveyStatus) -> StoreResult<Survey> {
    diesel::update(
        surveys::table
            .find(id)
            .filter(surveys::status.ne(status.as_str())),
    )
    .set((
        surveys::status.eq(status.as_str()),
        surveys::updated_at.eq(now().naive_utc()),
    ))
    .execute(conn)?;
    find(conn, id)
}

/// The career stage of the user's profile now, or `None` without a profile.
pub fn career_stage_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Option<CareerStage>> {
    let credits: Option<i32> = profiles::table
        .find(user_id)
        .select(profiles::producing_credits)
        .first(conn)
        .optional()?;
    Ok(credits.map(|credits| CareerStage::from_credits(u32::try_from(credits).unwrap_or(0))))
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResponse {
    pub id: String,
    pub survey_id: String,
    pub user_id: String,
    pub career_stage: Option<CareerStage>,
    pub answers: Vec<(QuestionKey, Answer)>,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct ResponseRow {
    id: String,
    survey_id: String,
    user_id: String,
    career_stage: Option<String>,
    submitted_at: chrono::NaiveDateTime,
}

/// Stores a response and its answers in one transaction. A second response
/// of the same user to the same survey is refused by the unique index
/// (`StoreError::Conflict`), so two concurrent submissions cannot both land.
pub fn respond(
    conn: &mut AnyConnection,
    survey_id: &str,
    user_id: &str,
    career_stage: Option<CareerStage>,
    answers: &[(QuestionKey, Answer)],
) -> StoreResult<SurveyResponse> {
    conn.transaction(|conn| {
        let id = new_id();
        let submitted_at = now();
        diesel::insert_into(survey_responses::table)
            .values((
                survey_responses::id.eq(&id),
                survey_responses::survey_id.eq(survey_id),
                survey_responses::user_id.eq(user_id),
                survey_responses::career_stage.eq(career_stage.map(CareerStage::as_str)),
                survey_responses::submitted_at.eq(submitted_at.naive_utc()),
            ))
            .execute(conn)?;
        for (key, answer) in answers {
            diesel::insert_into(survey_answers::table)
                .values((
                    survey_answers::response_id.eq(&id),
                    survey_answers::question_key.eq(key.as_str()),
                    survey_answers::text_answer.eq(answer.text()),
                ))
                .execute(conn)?;
            for choice in answer.choices() {
                diesel::insert_into(survey_answer_choices::table)
                    .values((
                        survey_answer_choices::response_id.eq(&id),
                        survey_answer_choices::question_key.eq(key.as_str()),
                        survey_answer_choices::choice.eq(choice),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(SurveyResponse {
            id,
            survey_id: survey_id.to_owned(),
            user_id: user_id.to_owned(),
            career_stage,
            answers: answers.to_vec(),
            submitted_at,
        })
    })
}

/// The user's response to `survey`, its answers in question order.
pub fn find_response(
    conn: &mut AnyConnection,
    survey: &Survey,
    user_id: &str,
) -> StoreResult<SurveyResponse> {
    let row: ResponseRow = survey_responses::table
        .filter(survey_responses::survey_id.eq(&survey.id))
        .filter(survey_responses::user_id.eq(user_id))
        .first(conn)?;
    let answered: Vec<(String, Option<String>)> = survey_answers::table
        .filter(survey_answers::response_id.eq(&row.id))
        .select((survey_answers::question_key, survey_answers::text_answer))
        .load(conn)?;
    let chosen: Vec<(String, String)> = survey_answer_choices::table
        .filter(survey_answer_choices::response_id.eq(&row.id))
        .select((
            survey_answer_choices::question_key,
            survey_answer_choices::choice,
        ))
        .load(conn)?;
    let mut texts: HashMap<String, Option<String>> = answered.into_iter().collect();
    let mut choices: HashMap<String, Vec<String>> = HashMap::new();
    for (key, choice) in chosen {
        choices.entry(key).or_default().push(choice);
    }
    let answers = survey
        .questions
        .iter()
        .filter_map(|question| {
            let text = texts.remove(question.key.as_str())?;
            let mut chosen = choices.remove(question.key.as_str()).unwrap_or_default();
            chosen.sort_by_key(|choice| question.options.iter().position(|o| o == choice));
            Some((
                question.key.clone(),
                Answer::from_stored(question.kind, chosen, text),
            ))
        })
        .collect();
    Ok(SurveyResponse {
        career_stage: row
            .career_stage
            .as_deref()
            .map(|raw| decode(raw, "survey_responses.career_stage"))
            .transpose()?,
        id: row.id,
        survey_id: row.survey_id,
        user_id: row.user_id,
        answers,
        submitted_at: row.submitted_at.and_utc(),
    })
}

fn group_of(raw: Option<String>) -> StoreResult<RespondentGroup> {
    Ok(RespondentGroup::of(
        raw.as_deref()
            .map(|raw| decode(raw, "survey_responses.career_stage"))
            .transpose()?,
    ))
}

fn count(raw: i64) -> u64 {
    u64::try_from(raw).unwrap_or(0)
}

/// The counts results are made of, read from one snapshot so that a response
/// arriving meanwhile is in both or in neither: SQLite's read transaction is a
/// snapshot already, PostgreSQL's default (read committed) is not.
pub fn tallies(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> StoreResult<(Vec<AnsweredCount>, Vec<ChoiceCount>)> {
    conn.transaction(|conn| {
        if let AnyConnection::Postgresql(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(conn)?;
        }
        Ok((
            answered_counts(conn, survey_id)?,
            choice_counts(conn, survey_id)?,
        ))
    })
}

/// How many respondents of each career stage answered each question.
fn answered_counts(conn: &mut AnyConnection, survey_id: &str) -> StoreResult<Vec<AnsweredCount>> {
    let rows: Vec<(Option<String>, String, i64)> = survey_answers::table
        .inner_join(survey_responses::table)
        .filter(survey_responses::survey_id.eq(survey_id))
        .group_by((survey_responses::career_stage, survey_answers::question_key))
        .select((
            survey_responses::career_stage,
            survey_answers::question_key,
            count_star(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(stage, key, respondents)| {
            Ok(AnsweredCount {
                group: group_of(stage)?,
                key,
                respondents: count(respondents),
            })
        })
        .collect()
}

/// How many respondents of each career stage chose each value of each question.
fn choice_counts(conn: &mut AnyConnection, survey_id: &str) -> StoreResult<Vec<ChoiceCount>> {
    let rows: Vec<(Option<String>, String, String, i64)> = survey_answer_choices::table
        .inner_join(survey_responses::table)
        .filter(survey_responses::survey_id.eq(survey_id))
        .group_by((
            survey_responses::career_stage,
            survey_answer_choices::question_key,
            survey_answer_choices::choice,
        ))
        .select((
            survey_responses::career_stage,
            survey_answer_choices::question_key,
            survey_answer_choices::choice,
            count_star(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(stage, key, choice, n)| {
            Ok(ChoiceCount {
                group: group_of(stage)?,
                key,
                choice,
                count: count(n),
            })
        })
        .collect()
}
