//! The skills survey: staff write surveys and read aggregated results;
//! signed-in people answer open surveys, once each.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::survey::{
    Answer, Question, QuestionKey, QuestionKind, RawAnswer, RawQuestion, SurveyDefinition,
    SurveyStatus, parse_answers,
};
use greenlight_domain::survey_results::{GroupFigures, QuestionResult, summarize};
use greenlight_domain::{CareerStage, Role};
use greenlight_store::surveys::{self, Survey, SurveyResponse};
use greenlight_store::{AnyConnection, StoreError};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_survey)
        .service(list_surveys)
        .service(get_survey)
        .service(open_survey)
        .service(close_survey)
        .service(respond)
        .service(my_response)
        .service(survey_results);
}

/// Who may read a survey: staff always, anyone else while it is open. Every
/// read of this module asks here.
fn visible_to(caller: &MaybeCaller, survey: &Survey) -> bool {
    caller.is_staff() || survey.status == SurveyStatus::Open
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionRequest {
    /// Unique within the survey: `^[a-z][a-z0-9_]{0,39}$`. Answers are keyed by it.
    #[schema(pattern = "^[a-z][a-z0-9_]{0,39}$", example = "pd_importance")]
    pub key: String,
    pub kind: QuestionKind,
    #[schema(min_length = 1, max_length = 500)]
    pub prompt: String,
    /// `single` and `multi`: 2 to 30 distinct options (ignoring case), each
    /// 1 to 200 characters. `likert`: the labels of the scale's 2 to 11
    /// points, lowest first, or empty for the default 1–5 scale (Strongly
    /// disagree, Disagree, Neither agree nor disagree, Agree, Strongly
    /// agree). `text`: empty.
    #[serde(default)]
    #[schema(max_items = 30)]
    pub options: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Skills development survey 2026",
    "questions": [
        {"key": "pd_importance", "kind": "likert", "prompt": "How important are training and professional development to your career?",
         "options": ["Not important", "Somewhat important", "Very important", "Essential"]},
        {"key": "preferred_format", "kind": "single", "prompt": "Which format do you prefer?",
         "options": ["Mentorship", "Workshop", "Webinar", "Course"]},
        {"key": "helpful_topics", "kind": "multi", "prompt": "Which topics helped your career?",
         "options": ["Financing", "Development", "Export", "Business skills"]},
        {"key": "comments", "kind": "text", "prompt": "Anything else we should offer?"}
    ]
}))]
pub struct CreateSurveyRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// 1 to 50 questions, in the order they are asked.
    #[schema(min_items = 1, max_items = 50)]
    pub questions: Vec<QuestionRequest>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionBody {
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// The options to choose from; for `likert`, the labels of the scale's
    /// points, lowest first (an answer is a label); empty for `text`.
    pub options: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "title": "Skills development survey 2026",
    "status": "open",
    "questions": [
        {"key": "pd_importance", "kind": "likert", "prompt": "How important are training and professional development to your career?",
         "options": ["Not important", "Somewhat important", "Very important", "Essential"]},
        {"key": "preferred_format", "kind": "single", "prompt": "Which format do you prefer?",
         "options": ["Mentorship", "Workshop", "Webinar", "Course"]}
    ],
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:05:00Z"
}))]
pub struct SurveyBody {
    pub id: String,
    pub title: String,
    /// `closed` until staff open it; only open surveys take responses.
    pub status: SurveyStatus,
    pub questions: Vec<QuestionBody>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Question> for QuestionBody {
    fn from(question: Question) -> Self {
        QuestionBody {
            key: question.key.as_str().to_owned(),
            kind: question.kind,
            prompt: question.prompt,
            options: question.options,
        }
    }
}

impl From<Survey> for SurveyBody {
    fn from(survey: Survey) -> Self {
        SurveyBody {
            id: survey.id,
            title: survey.title,
            status: survey.status,
            questions: survey.questions.into_iter().map(Into::into).collect(),
            created_at: survey.created_at,
            updated_at: survey.updated_at,
        }
    }
}

fn validation(issues: Vec<greenlight_domain::survey::FieldIssue>) -> ApiError {
    ApiError::Validation(
        issues
            .into_iter()
            .map(|issue| FieldError::new(issue.field, issue.error))
            .collect(),
    )
}

fn survey_path(id: &str) -> String {
    format!("/api/v1/surveys/{id}")
}

/// Create a survey (staff). It is `closed` until opened.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    request_body = CreateSurveyRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The survey, closed", body = SurveyBody),
        (status = 403, response = Forbidden),
    )
)]
#[post("/surveys")]
async fn create_survey(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateSurveyRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let CreateSurveyRequest { title, questions } = body.0;
    let questions = questions
        .into_iter()
        .map(|q| RawQuestion {
            key: q.key,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options,
        })
        .collect();
    let definition = SurveyDefinition::parse(&title, questions).map_err(validation)?;
    let survey = state
        .db(move |conn| Ok(surveys::create(conn, &definition)?))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", survey_path(&survey.id)))
        .json(SurveyBody::from(survey)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyListFilter {
    /// Staff only: `open` or `closed`; absent for both. Everyone else sees
    /// open surveys only (and asking for `closed` is refused with 403).
    pub status: Option<SurveyStatus>,
}

/// Surveys, newest first: open ones for everyone, all of them for staff.
#[utoipa::path(
    tag = "surveys",
    security((), ("bearer" = [])),
    params(SurveyListFilter, PageParams),
    responses(
        (status = 200, description = "A page of surveys", body = Page<SurveyBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/surveys")]
async fn list_surveys(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    query: Query<SurveyListFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let status = match (caller.is_staff(), query.0.status) {
        (true, status) => status,
        (false, Some(SurveyStatus::Closed)) => {
            return Err(ApiError::Forbidden(Wording::of(
                "detail-surveys-closed-hidden",
                vec![],
            )));
        }
        (false, _) => Some(SurveyStatus::Open),
    };
    let limit = page.0.limit()?;
    let before = page.0.after()?.map(|cursor| cursor.id);
    let rows = state
        .db(move |conn| {
            Ok(surveys::list(
                conn,
                status,
                before.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |s| Cursor::new(s.id.clone(), s.id.clone()))
        .map(SurveyBody::from)
        .respond(&req)
}

/// One survey: anyone reads an open survey, staff any survey.
#[utoipa::path(
    tag = "surveys",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The survey", body = SurveyBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/surveys/{id}")]
async fn get_survey(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let survey = state.db(move |conn| Ok(surveys::find(conn, &id)?)).await?;
    if !visible_to(&caller, &survey) {
        return Err(ApiError::NotFound);
    }
    http_cache::json_ok(&req, &SurveyBody::from(survey))
}

async fn set_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: String,
    status: SurveyStatus,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let survey = state
        .db(move |conn| Ok(surveys::set_status(conn, &id, status)?))
        .await?;
    Ok(HttpResponse::Ok().json(SurveyBody::from(survey)))
}

/// Open a survey to responses (staff); opening an open survey changes nothing.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The survey, open", body = SurveyBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/surveys/{id}/open")]
async fn open_survey(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_status(state, caller, id.into_inner(), SurveyStatus::Open).await
}

/// Close a survey to responses (staff); responses already given are kept,
/// and a closed survey may be opened again.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The survey, closed", body = SurveyBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/surveys/{id}/close")]
async fn close_survey(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_status(state, caller, id.into_inner(), SurveyStatus::Closed).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"answers": {
    "pd_importance": "Essential",
    "preferred_format": "Mentorship",
    "helpful_topics": ["Financing", "Export"],
    "comments": "More export labs, please."
}}))]
pub struct ResponseRequest {
    /// By question key: `likert` one of the scale's labels, verbatim (on the
    /// default scale also its point, an integer 1 to 5); `single` one of the
    /// options, verbatim; `multi` a non-empty list of distinct options;
    /// `text` a string of at most 2000 characters. A question left out (or
    /// `null`, or blank text) is skipped; at least one must be answered.
    /// Keys that are not questions of the survey are refused.
    #[schema(value_type = Object)]
    pub answers: Map<String, Value>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e21",
    "survey_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "career_stage": "early_career",
    "answers": {"pd_importance": "Essential", "preferred_format": "Mentorship", "helpful_topics": ["Financing", "Export"]},
    "submitted_at": "2026-11-22T16:10:00Z"
}))]
pub struct ResponseBody {
    pub id: String,
    pub survey_id: String,
    /// The respondent's career stage when they answered, from their profile
    /// (null without a profile): the group their answers are counted in.
    pub career_stage: Option<CareerStage>,
    /// The answers kept, by question key, in the survey's question order.
    #[schema(value_type = Object)]
    pub answers: Map<String, Value>,
    pub submitted_at: DateTime<Utc>,
}

fn answer_json(answer: Answer) -> Value {
    match answer {
        Answer::Likert(label) | Answer::Single(label) | Answer::Text(label) => Value::from(label),
        Answer::Multi(options) => Value::from(options),
    }
}

impl From<SurveyResponse> for ResponseBody {
    fn from(response: SurveyResponse) -> Self {
        ResponseBody {
            id: response.id,
            survey_id: response.survey_id,
            career_stage: response.career_stage,
            answers: response
                .answers
                .into_iter()
                .map(|(key, answer): (QuestionKey, Answer)| {
                    (key.as_str().to_owned(), answer_json(answer))
                })
                .collect(),
            submitted_at: response.submitted_at,
        }
    }
}

/// The JSON shapes an answer may take; whole-valued numbers such as `4.0`
/// count as integers, as they do everywhere in this API.
fn raw_answer(value: Value) -> RawAnswer {
    match value {
        Value::Null => RawAnswer::Null,
        Value::String(text) => RawAnswer::Text(text),
        Value::Array(items) => RawAnswer::List(items.into_iter().map(raw_answer).collect()),
        Value::Number(number) => match (number.as_i64(), number.as_f64()) {
            (Some(integer), _) => RawAnswer::Integer(integer),
            (None, Some(float)) if float.fract() == 0.0 && float.abs() < 1e15 => {
                RawAnswer::Integer(float as i64)
            }
            _ => RawAnswer::Other,
        },
        Value::Bool(_) | Value::Object(_) => RawAnswer::Other,
    }
}

fn record_response(
    conn: &mut AnyConnection,
    survey_id: &str,
    user_id: &str,
    raw: Vec<(String, RawAnswer)>,
) -> ApiResult<SurveyResponse> {
    let survey = surveys::find(conn, survey_id)?;
    if survey.status != SurveyStatus::Open {
        return Err(ApiError::Conflict(Wording::of(
            "detail-survey-closed",
            vec![],
        )));
    }
    let answers = parse_answers(&survey.questions, raw).map_err(validation)?;
    let career_stage = surveys::career_stage_of(conn, user_id)?;
    surveys::respond(conn, survey_id, user_id, career_stage, &answers).map_err(
        |error| match error {
            StoreError::Conflict { .. } => {
                ApiError::Conflict(Wording::of("detail-survey-answered", vec![]))
            }
            other => other.into(),
        },
    )
}

/// Answer an open survey (signed in), once: a second response, or one to a
/// closed survey, answers 409. The respondent's career stage is
/// taken from their profile now and kept with the response.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id")),
    request_body = ResponseRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The response as kept", body = ResponseBody),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/surveys/{id}/responses")]
async fn respond(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ResponseRequest>,
) -> ApiResult<HttpResponse> {
    let survey_id = id.into_inner();
    let user_id = caller.user.id;
    let raw: Vec<(String, RawAnswer)> = body
        .0
        .answers
        .into_iter()
        .map(|(key, value)| (key, raw_answer(value)))
        .collect();
    let response = state
        .db(move |conn| record_response(conn, &survey_id, &user_id, raw))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("{}/responses/me", survey_path(&response.survey_id)),
        ))
        .json(ResponseBody::from(response)))
}

/// The caller's own response to a survey; 404 when they have not answered.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The caller's response", body = ResponseBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/surveys/{id}/responses/me")]
async fn my_response(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let survey_id = id.into_inner();
    let user_id = caller.user.id;
    let response = state
        .db(move |conn| {
            let survey = surveys::find(conn, &survey_id)?;
            Ok(surveys::find_response(conn, &survey, &user_id)?)
        })
        .await?;
    http_cache::json_ok(&req, &ResponseBody::from(response))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResultsGrouping {
    /// The respondent's career stage when they answered; `unknown` without a profile.
    CareerStage,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsParams {
    /// `career_stage` adds `groups` to every question: emerging,
    /// early_career, mid_career, established and unknown, in that order.
    #[param(inline)]
    pub by: Option<ResultsGrouping>,
}

/// Values in a fixed order (the question's), serialized as a JSON object.
#[derive(Debug)]
pub struct Ordered<T>(Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresBody {
    /// How many respondents (of this group) answered the question.
    pub responses: u64,
    /// True when fewer than 5 respondents answered (or, in `groups`, when
    /// showing this group would let the hidden figures of a smaller group be
    /// computed by subtraction); `counts` and `shares` are then absent.
    pub suppressed: bool,
    /// Respondents per option (for `likert`, per label), every option in the
    /// question's order. Never present for `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::HashMap<String, u64>>)]
    pub counts: Option<Ordered<u64>>,
    /// Each count over `responses`, to four decimals; for `multi` questions
    /// shares add up past 1, since a respondent may choose several options.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::HashMap<String, f64>>)]
    pub shares: Option<Ordered<f64>>,
}

impl From<GroupFigures> for FiguresBody {
    fn from(figures: GroupFigures) -> Self {
        FiguresBody {
            responses: figures.responses,
            suppressed: figures.suppressed,
            counts: figures.counts.map(Ordered),
            shares: figures.shares.map(Ordered),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupResultBody {
    /// A career stage id, or `unknown` for respondents without a profile.
    #[schema(example = "early_career")]
    pub career_stage: &'static str,
    #[serde(flatten)]
    pub figures: FiguresBody,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResultBody {
    pub key: String,
    pub kind: QuestionKind,
    #[serde(flatten)]
    pub figures: FiguresBody,
    /// With `by=career_stage` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupResultBody>>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [
    {"key": "pd_importance", "kind": "likert", "responses": 120, "suppressed": false,
     "counts": {"Not important": 4, "Somewhat important": 25, "Very important": 35, "Essential": 56},
     "shares": {"Not important": 0.0333, "Somewhat important": 0.2083, "Very important": 0.2917, "Essential": 0.4667}},
    {"key": "preferred_format", "kind": "single", "responses": 3, "suppressed": true},
    {"key": "comments", "kind": "text", "responses": 41, "suppressed": false}
]}))]
pub struct ResultsBody {
    /// One item per question, in the survey's order.
    pub items: Vec<QuestionResultBody>,
}

impl ResultsBody {
    fn new(results: Vec<QuestionResult>, grouped: bool) -> Self {
        ResultsBody {
            items: results
                .into_iter()
                .map(|result| QuestionResultBody {
                    key: result.key,
                    kind: result.kind,
                    figures: result.overall.into(),
                    groups: grouped.then(|| {
                        result
                            .groups
                            .into_iter()
                            .map(|(group, figures)| GroupResultBody {
                                career_stage: group.as_str(),
                                figures: figures.into(),
                            })
                            .collect()
                    }),
                })
                .collect(),
        }
    }
}

/// Aggregated results (staff). Free-text answers are never shown, only how
/// many gave one. Any group of fewer than 5 respondents is suppressed.
#[utoipa::path(
    tag = "surveys",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The survey's id"), ResultsParams),
    responses(
        (status = 200, description = "Results per question", body = ResultsBody),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/surveys/{id}/results")]
async fn survey_results(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: Query<ResultsParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let grouped = query.0.by.is_some();
    let survey_id = id.into_inner();
    let (survey, answered, chosen) = state
        .db(move |conn| {
            let survey = surveys::find(conn, &survey_id)?;
            let (answered, chosen) = surveys::tallies(conn, &survey_id)?;
            Ok((survey, answered, chosen))
        })
        .await?;
    let summary = summarize(&survey.questions, &answered, &chosen, grouped);
    http_cache::json_ok(&req, &ResultsBody::new(summary, grouped))
}
