use reqwest::Method;
use serde_json::Value;

/// A thin HTTP client that returns everything a test asserts on.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
}

/// An HTTP answer. Dropping one unread is a warning (clippy denies it), so
/// that a setup call whose answer nobody checks cannot let the assertions
/// after it pass on a failure.
#[derive(Debug)]
#[must_use = "check the status of every answer, setup calls included"]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Body,
}

/// The body read as JSON. Reading it as JSON (indexing, comparing, calling
/// a `Value` method) when the body is not JSON fails the test with the
/// status and the body, so a field of a non-JSON answer can never pass for
/// `null`.
#[derive(Clone)]
pub struct Body {
    status: u16,
    parsed: Result<Value, String>,
}

impl Body {
    fn new(status: u16, text: &str) -> Self {
        Body {
            status,
            parsed: serde_json::from_str(text).map_err(|_| text.to_owned()),
        }
    }

    #[track_caller]
    pub fn value(&self) -> &Value {
        match &self.parsed {
            Ok(value) => value,
            Err(text) => panic!(
                "the answer (status {}) is not JSON, so it has no fields: {text:?}",
                self.status
            ),
        }
    }

    #[track_caller]
    pub fn into_value(self) -> Value {
        self.value().clone()
    }
}

impl std::ops::Deref for Body {
    type Target = Value;

    #[track_caller]
    fn deref(&self) -> &Value {
        self.value()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.parsed {
            Ok(value) => write!(f, "{value}"),
            Err(text) => write!(f, "(not JSON) {text:?}"),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.value() == other.value()
    }
}

impl PartialEq<Value> for Body {
    fn eq(&self, other: &Value) -> bool {
        self.value() == other
    }
}

impl PartialEq<Body> for Value {
    fn eq(&self, other: &Body) -> bool {
        self == other.value()
    }
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn assert_status(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
    }

    /// Asserts the answer is problem+json with this status and code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{}",
            self.text
        );
        assert_eq!(self.json["code"], code, "{}", self.text);
        assert_eq!(self.json["status"], status, "{}", self.text);
    }
}

impl Client {
    pub fn new(base: String) -> Self {
        Client {
            base,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("http client"),
        }
    }

    /// A request to `path` on the server. An absolute URL (a `Link` the
    /// server wrote from its public URL, which names no test server) is
    /// sent to its path here.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let path = match path.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
            None => path,
        };
        self.http.request(method, format!("{}{}", self.base, path))
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        Answer {
            json: Body::new(status, &text),
            status,
            headers,
            text,
        }
    }

    fn with_token(
        request: reqwest::RequestBuilder,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.send(Self::with_token(self.request(Method::GET, path), token))
            .await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Answer {
        self.send(Self::with_token(self.request(Method::DELETE, path), token))
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.send(Self::with_token(self.request(Method::POST, path), token).json(body))
            .await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.send(Self::with_token(self.request(Method::PATCH, path), token).json(body))
            .await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.send(Self::with_token(self.request(Method::PUT, path), token).json(body))
            .await
    }
}
