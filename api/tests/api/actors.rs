//! Actor clients: one per person or department taking part in a test. An actor holds the
//! server's base URL, an HTTP client and — once logged in — its tokens and login name, so a
//! test reads `employer.post(path, body).await` instead of passing tokens around.
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{DEMO_ADMIN_PASSWORD, DEMO_PW, TestApp, demo_credit_code, demo_id_number};

/// Who logs in: the `account_kind` of `POST /api/v1/auth/login`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// 个人
    Individual,
    /// 法人 (employers)
    Employer,
    /// 部门 (administrator and department staff)
    Staff,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Individual => "individual",
            Kind::Employer => "employer",
            Kind::Staff => "staff",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Actor {
    base: String,
    client: reqwest::Client,
    token: Option<String>,
    refresh_token: Option<String>,
    login: Option<String>,
}

impl Actor {
    /// The refresh token received at login.
    pub fn refresh_token(&self) -> &str {
        self.refresh_token
            .as_deref()
            .expect("this actor did not log in")
    }

    /// The name this actor logged in with (ID number, credit code, phone or username).
    pub fn login(&self) -> &str {
        self.login.as_deref().expect("this actor did not log in")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A request with this actor's `Authorization`, for what the shortcuts below don't cover
    /// (raw bodies, headers, query builders, unusual methods).
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let req = self.client.request(method, self.url(path));
        match &self.token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.request(Method::PUT, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(Method::DELETE, path).send().await.unwrap()
    }

    /// A `multipart/form-data` POST with text fields and an optional `file` part
    /// (`(file name, bytes)`).
    pub async fn multipart(
        &self,
        path: &str,
        fields: &[(&str, String)],
        file: Option<(&str, Vec<u8>)>,
    ) -> Response {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.clone());
        }
        if let Some((name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            );
        }
        self.request(Method::POST, path)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// Uploads one file and nothing else.
    pub async fn upload(&self, path: &str, name: &str, bytes: Vec<u8>) -> Response {
        self.multipart(path, &[], Some((name, bytes))).await
    }
}

impl TestApp {
    fn actor_with(&self, token: Option<String>) -> Actor {
        Actor {
            base: self.base.clone(),
            client: self.client.clone(),
            token,
            refresh_token: None,
            login: None,
        }
    }

    /// Nobody logged in.
    pub fn anon(&self) -> Actor {
        self.actor_with(None)
    }

    /// An actor presenting `token` as it is (forged, expired, or taken from a token pair).
    pub fn bearer(&self, token: &str) -> Actor {
        self.actor_with(Some(token.to_owned()))
    }

    /// The raw login call, for tests of login itself.
    pub async fn login(&self, kind: &str, username: &str, password: &str) -> Response {
        self.anon()
            .post(
                "/api/v1/auth/login",
                json!({"account_kind": kind, "username": username, "password": password}),
            )
            .await
    }

    /// Logs in (asserting 200) and returns the actor with its tokens.
    pub async fn log_in(&self, kind: Kind, username: &str, password: &str) -> Actor {
        let res = self.login(kind.as_str(), username, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login {username}");
        let pair: Value = res.json().await.unwrap();
        Actor {
            refresh_token: pair["refresh_token"].as_str().map(str::to_owned),
            login: Some(username.to_owned()),
            ..self.actor_with(pair["access_token"].as_str().map(str::to_owned))
        }
    }

    /// The administrator `admin`.
    pub async fn admin(&self) -> Actor {
        self.log_in(Kind::Staff, "admin", DEMO_ADMIN_PASSWORD).await
    }

    /// A seeded department account (`nb_hrss`, `nb_slj`, `zj_hrss`, …).
    pub async fn staff(&self, username: &str) -> Actor {
        self.log_in(Kind::Staff, username, DEMO_PW).await
    }

    /// The demo individual 张明, bound to the demo employer.
    pub async fn individual(&self) -> Actor {
        self.log_in(Kind::Individual, &demo_id_number(), DEMO_PW)
            .await
    }

    /// The demo employer 宁波市水利规划设计研究院有限公司 (authorised).
    pub async fn employer(&self) -> Actor {
        self.log_in(Kind::Employer, &demo_credit_code(), DEMO_PW)
            .await
    }
}
