//! Keyset pagination for every list: `limit` (default 20, at most 100) and an
//! opaque `cursor` naming the last item seen, so pages stay stable while rows
//! are inserted. The answer is `{items, next_cursor}` plus `Link: rel="next"`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, Wording};
use crate::http_cache;

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page, passed back unchanged; any other
    /// value answers 400.
    #[param(pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// Where the previous page ended: the sort key of its last item and that
/// item's id, which breaks ties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "k")]
    pub key: String,
    pub id: String,
}

impl Cursor {
    pub fn new(key: impl Into<String>, id: impl Into<String>) -> Self {
        Cursor {
            key: key.into(),
            id: id.into(),
        }
    }

    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub(crate) fn decode(raw: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

impl PageParams {
    pub fn limit(&self) -> Result<u32, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(_) => Err(ApiError::parameter_out_of_range("limit", 1, MAX_LIMIT)),
        }
    }

    pub fn after(&self) -> Result<Option<Cursor>, ApiError> {
        self.cursor
            .as_deref()
            .map(|raw| Cursor::decode(raw).ok_or_else(bad_cursor))
            .transpose()
    }
}

/// The answer to a cursor this API did not issue, or one whose key does not
/// fit the list it is used on.
pub fn bad_cursor() -> ApiError {
    ApiError::BadRequest(Wording::of("detail-cursor-unknown", vec![]))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched after the cursor: the
    /// extra row only tells that there is more.
    pub fn from_rows(mut rows: Vec<T>, limit: u32, cursor_of: impl Fn(&T) -> Cursor) -> Self {
        let limit = limit as usize;
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if has_more {
            rows.last().map(|last| cursor_of(last).encode())
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

impl<T: Serialize> Page<T> {
    /// 200 with ETag (or 304), and a `Link` to the next page when there is one.
    pub fn respond(&self, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
        let mut response = http_cache::json_ok(req, self)?;
        link_next(req, &mut response, self.next_cursor.as_deref());
        Ok(response)
    }
}

/// Adds `Link: <...>; rel="next"` while there is a next page.
pub fn link_next(req: &HttpRequest, response: &mut HttpResponse, next_cursor: Option<&str>) {
    if let Some(next) = next_cursor {
        link_next_with(req, response, "cursor", next);
    }
}

/// [`link_next`] for a list whose cursor parameter has another name (the
/// change feed's `after`).
pub fn link_next_with(
    req: &HttpRequest,
    response: &mut HttpResponse,
    parameter: &str,
    cursor: &str,
) {
    let link = format!("<{}>; rel=\"next\"", next_page_url(req, parameter, cursor));
    if let Ok(value) = header::HeaderValue::from_str(&link) {
        response.headers_mut().insert(header::LINK, value);
    }
}

fn next_page_url(req: &HttpRequest, parameter: &str, cursor: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(req.query_string().as_bytes()) {
        if key != parameter {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair(parameter, cursor);
    // Absolute (docs/api-conventions.md): a client follows it as given.
    let base = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|state| state.config.public_url.clone())
        .unwrap_or_default();
    format!("{base}{}?{}", req.path(), query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        let cursor = Cursor::new("2026-01-01", "id-1");
        let params = PageParams {
            limit: None,
            cursor: Some(cursor.encode()),
        };
        assert_eq!(params.after().ok().flatten(), Some(cursor));
        let garbage = PageParams {
            limit: None,
            cursor: Some("%%%".into()),
        };
        assert!(garbage.after().is_err());
    }

    #[test]
    fn limits_outside_one_to_a_hundred_are_refused() {
        for (limit, ok) in [
            (None, true),
            (Some(1), true),
            (Some(100), true),
            (Some(0), false),
            (Some(101), false),
        ] {
            let params = PageParams {
                limit,
                cursor: None,
            };
            assert_eq!(params.limit().is_ok(), ok, "{limit:?}");
        }
    }

    #[test]
    fn the_extra_row_only_signals_more() {
        let page = Page::from_rows(vec![1, 2, 3], 2, |n| {
            Cursor::new(n.to_string(), n.to_string())
        });
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_cursor, Some(Cursor::new("2", "2").encode()));
        let last = Page::from_rows(vec![1, 2], 2, |n| Cursor::new(n.to_string(), n.to_string()));
        assert_eq!(last.next_cursor, None);
    }
}
