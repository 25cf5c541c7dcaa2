use reqwest::Method;
use serde_json::Value;

/// A thin HTTP client that returns everything a test asserts on.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    /// The body parsed as JSON, or `Null` when it is not JSON.
    pub json: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
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

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{}", self.base, path))
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            text,
            json,
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
