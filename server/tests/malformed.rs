//! Malformed requests to every server function (issue 15): for each endpoint the server
//! registers, its arguments are found the way a prober would — from the "missing field"
//! answers — and then sent wrong: missing, mistyped, extra, repeated, nested too deep,
//! huge, as invalid UTF-8, with the wrong content type or method, and as JSON. Each is
//! sent by a visitor and by every demo role whose plain request got past the sign-in
//! check. No answer may be a 5xx, and a request that was refused (4xx) must leave every
//! table exactly as it was: no partial writes.

mod common;

use common::{Backend, TestApp};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Method};
use sqlx::Row;

on_both_databases!(no_malformed_request_breaks_a_server_function_or_writes_half);

const FORM: &str = "application/x-www-form-urlencoded";

/// Values of the wrong type, size or content for any one field.
fn wrong_values() -> Vec<Vec<u8>> {
    let mut values: Vec<Vec<u8>> = [
        "",
        "abc",
        "-1",
        "0",
        "1.5",
        "1e999",
        "99999999999999999999999999",
        "-9223372036854775809",
        "true",
        "null",
        "[]",
        "{}",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "1%27%3B%20drop%20table%20need%3B%20--",
        "%00",
        "%E2%80%AE%F0%9F%A6%80",
        "2026-02-30",
        "64.02%2F..%2F..",
    ]
    .iter()
    .map(|v| v.as_bytes().to_vec())
    .collect();
    values.push(vec![b'x'; 200_000]);
    values.push(b"%FF%FE%FD".to_vec()); // percent-encoded invalid UTF-8
    values.push(vec![0xff, 0xfe, b'a', 0xc0]); // raw invalid UTF-8
    values
}

/// A form body from keys and raw (already encoded) values.
fn form(fields: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            body.push(b'&');
        }
        body.extend(encode_key(key).as_bytes());
        body.push(b'=');
        body.extend(value);
    }
    body
}

fn encode_key(key: &str) -> String {
    key.replace('[', "%5B").replace(']', "%5D")
}

/// The name in "missing field `name`", if the answer says one is missing.
fn missing_field(answer: &str) -> Option<String> {
    let start = answer.find("missing field `")? + "missing field `".len();
    Some(answer[start..].split('`').next()?.to_owned())
}

/// Whether the answer says an argument could not be read at all.
fn unreadable(answer: &str) -> bool {
    answer.contains("\"request\"") && !answer.contains("missing field")
}

struct Probe<'a> {
    app: &'a TestApp,
    client: &'a Client,
    path: &'a str,
    method: Method,
}

impl Probe<'_> {
    async fn send(&self, method: Method, content_type: Option<&str>, body: Vec<u8>) -> (u16, String) {
        self.try_send(method, content_type, body).await.unwrap_or_else(|err| panic!("{}: no answer: {err}", self.path))
    }

    async fn try_send(
        &self,
        method: Method,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(u16, String), reqwest::Error> {
        let url = self.app.url(self.path);
        // A body over the limit gets a connection of its own: the server closes it.
        let alone;
        let client = if body.len() > 1_000_000 {
            alone = Client::builder().pool_max_idle_per_host(0).build()?;
            &alone
        } else {
            self.client
        };
        let request = if method == Method::GET {
            client.get(format!("{url}?{}", String::from_utf8_lossy(&body)))
        } else {
            let request = client.request(method, url).body(body);
            match content_type {
                Some(kind) => request.header(CONTENT_TYPE, kind),
                None => request,
            }
        };
        let response = request.send().await?;
        let status = response.status().as_u16();
        Ok((status, response.text().await.unwrap_or_default()))
    }

    async fn form(&self, fields: &[(String, Vec<u8>)]) -> (u16, String) {
        self.send(self.method.clone(), Some(FORM), form(fields)).await
    }

    /// The arguments the endpoint asks for, each with a value it reads: missing fields are
    /// added one by one (as `1`, else `true`, else as a nested structure's field).
    async fn discover(&self) -> Vec<(String, Vec<u8>)> {
        let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
        let mut structures: Vec<String> = Vec::new();
        for _ in 0..40 {
            let (_, answer) = self.form(&fields).await;
            if let Some(name) = missing_field(&answer) {
                // A nested structure's field goes inside the latest structure that lacks it.
                let mut placed = false;
                for key in structures.iter().rev().map(|s| format!("{s}[{name}]")).chain([name.clone()]) {
                    if fields.iter().any(|(k, _)| *k == key) {
                        continue;
                    }
                    let mut trial = fields.clone();
                    trial.push((key.clone(), b"1".to_vec()));
                    let (_, next) = self.form(&trial).await;
                    if missing_field(&next).as_deref() != Some(name.as_str()) {
                        fields = trial;
                        placed = true;
                        break;
                    }
                }
                if !placed {
                    break;
                }
                continue;
            }
            if !unreadable(&answer) {
                break;
            }
            // The last field's value is of another kind: a flag, or a structure.
            let Some((key, value)) = fields.last().cloned() else { break };
            if value == b"1" {
                fields.last_mut().unwrap().1 = b"true".to_vec();
            } else if value == b"true" {
                fields.pop();
                structures.push(key);
            } else {
                break;
            }
        }
        fields
    }
}

/// Every table's row count, and the latest `updated_at` of those that have one.
async fn snapshot(app: &TestApp) -> Vec<String> {
    let sql = match app.backend {
        Backend::Sqlite => {
            "select m.name, exists (select 1 from pragma_table_info(m.name) where name = 'updated_at') \
             from sqlite_master m where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '_sqlx%' \
             and m.sql not like 'CREATE VIRTUAL%' and m.name <> 'session' order by m.name"
        }
        Backend::Postgres => {
            "select t.table_name::text, exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema \
             and c.table_name = t.table_name and c.column_name = 'updated_at') \
             from information_schema.tables t where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' \
             and t.table_name not like '_sqlx%' and t.table_name <> 'session' order by t.table_name"
        }
    };
    let tables: Vec<(String, bool)> = sqlx::query(sql)
        .fetch_all(&app.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get::<String, _>(0), row.try_get::<bool, _>(1).unwrap_or_else(|_| row.get::<i64, _>(1) != 0)))
        .collect();
    let parts: Vec<String> = tables
        .iter()
        .map(|(table, updated)| {
            let latest = if *updated { "coalesce(max(updated_at), '')".to_owned() } else { "''".to_owned() };
            format!("select '{table}' || ':' || cast(count(*) as text) || ':' || {latest} from {table}")
        })
        .collect();
    sqlx::query_scalar::<_, String>(&parts.join(" union all ")).fetch_all(&app.pool).await.unwrap()
}

struct Run<'a> {
    app: &'a TestApp,
    sent: usize,
    failures: Vec<String>,
    /// The tables as the last request left them.
    tables: Vec<String>,
}

const OVERSIZE: &str = "over the size limit";

impl Run<'_> {
    /// Sends one request and checks it: no 5xx; refused → nothing changed.
    async fn check(
        &mut self,
        probe: &Probe<'_>,
        who: &str,
        case: &str,
        method: Method,
        kind: Option<&str>,
        body: Vec<u8>,
    ) {
        let status = match probe.try_send(method, kind, body).await {
            Ok((status, answer)) if status >= 500 => {
                let answer: String = answer.chars().take(200).collect();
                self.failures.push(format!("{} as {who}, {case}: {status} {answer}", probe.path));
                status
            }
            Ok((status, _)) => status,
            // A body over the limit is refused as soon as its length is read, and the
            // connection closed while the client still sends: no answer to read, which is fine
            // (such requests go on a connection of their own).
            Err(_) if case == OVERSIZE => 413,
            Err(err) => panic!("{} as {who}, {case}: no answer: {err}", probe.path),
        };
        self.sent += 1;
        let after = snapshot(self.app).await;
        if status >= 400 && after != self.tables {
            let changed: Vec<_> = after.iter().filter(|row| !self.tables.contains(row)).collect();
            self.failures
                .push(format!("{} as {who}, {case}: refused with {status} but changed {changed:?}", probe.path));
        }
        self.tables = after;
    }

    /// The field cases, and with `shapes` the body's shape, size, content type and method.
    async fn cases(&mut self, probe: &Probe<'_>, who: &str, fields: &[(String, Vec<u8>)], shapes: bool) {
        let post = probe.method.clone();
        self.check(probe, who, "no body", post.clone(), Some(FORM), Vec::new()).await;
        self.check(probe, who, "as discovered", post.clone(), Some(FORM), form(fields)).await;
        let mut extra = fields.to_vec();
        extra.push(("unexpected".into(), b"1".to_vec()));
        extra.push(("__proto__[admin]".into(), b"true".to_vec()));
        self.check(probe, who, "extra fields", post.clone(), Some(FORM), form(&extra)).await;
        for (i, (key, _)) in fields.iter().enumerate() {
            let mut missing = fields.to_vec();
            missing.remove(i);
            self.check(probe, who, &format!("without {key}"), post.clone(), Some(FORM), form(&missing)).await;
            for value in wrong_values() {
                let mut wrong = fields.to_vec();
                let shown = String::from_utf8_lossy(&value).chars().take(24).collect::<String>();
                wrong[i].1 = value;
                self.check(probe, who, &format!("{key}={shown}"), post.clone(), Some(FORM), form(&wrong)).await;
            }
            let mut repeated = fields.to_vec();
            repeated.push((key.clone(), b"2".to_vec()));
            self.check(probe, who, &format!("{key} twice"), post.clone(), Some(FORM), form(&repeated)).await;
            for shape in [format!("{key}[]"), format!("{key}[0]"), format!("{key}{}", "[a]".repeat(300))] {
                let mut nested = fields.to_vec();
                nested[i].0 = shape.clone();
                self.check(
                    probe,
                    who,
                    &format!("{} nested", &shape[..shape.len().min(24)]),
                    post.clone(),
                    Some(FORM),
                    form(&nested),
                )
                .await;
            }
        }
        if !shapes {
            return;
        }
        let body = form(fields);
        for kind in [Some("application/json"), Some("text/plain"), Some("multipart/form-data; boundary=x"), None] {
            self.check(probe, who, &format!("as {kind:?}"), post.clone(), kind, body.clone()).await;
        }
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes();
        for (case, json) in
            [("truncated JSON", b"{\"a\":".to_vec()), ("deep JSON", deep), ("JSON array", b"[1,2,3]".to_vec())]
        {
            self.check(probe, who, case, post.clone(), Some("application/json"), json).await;
        }
        let huge: Vec<u8> = [b"a=".as_slice(), &vec![b'x'; 900_000]].concat();
        self.check(probe, who, "a 900 KB field", post.clone(), Some(FORM), huge).await;
        self.check(probe, who, OVERSIZE, post.clone(), Some(FORM), vec![b'x'; 2_000_000]).await;
        let other = if post == Method::GET { Method::POST } else { Method::GET };
        self.check(probe, who, "the other method", other, Some(FORM), body.clone()).await;
        self.check(probe, who, "PUT", Method::PUT, Some(FORM), body).await;
    }
}

/// Endpoints whose plain call would end the probing client's session or account.
const SESSION_ENDING: &[&str] = &["/api/sign_out"];

async fn no_malformed_request_breaks_a_server_function_or_writes_half(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 9, needs: 30, offers: 6, partners: 3, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    let mut roles: Vec<(String, Client)> = vec![("visitor".into(), app.client())];
    for (email, _, role) in server::seed::demo_accounts() {
        let client = app.client();
        let form = [("email", email.as_str()), ("password", server::seed::DEMO_PASSWORD)];
        let response = app.call(&client, "sign_in", &form).await;
        assert!(response.status().as_u16() < 400, "sign-in of {email}: {}", response.status());
        roles.push((role.as_str().to_owned(), client));
    }
    let mut endpoints: Vec<(&'static str, Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    endpoints.sort_by_key(|(path, _)| *path);
    assert!(endpoints.len() >= 90, "server functions found: {}", endpoints.len());

    let tables = snapshot(&app).await;
    let mut run = Run { app: &app, sent: 0, failures: Vec::new(), tables };
    let mut argument_count = 0;
    for (path, method) in &endpoints {
        let fields = {
            let probe = Probe { app: &app, client: &roles[0].1, path, method: method.clone() };
            probe.discover().await
        };
        argument_count += fields.len();
        if std::env::var_os("MALFORMED_VERBOSE").is_some() {
            let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
            println!("{path} {method}: {keys:?}");
        }
        // The visitor tries every case (arguments are read before anyone is checked); then
        // the first role that gets past the check of who calls tries the field cases again,
        // deeper into the function; the other roles are checked with the plain call.
        let mut deeper = false;
        for (who, client) in &roles {
            if SESSION_ENDING.contains(path) && who != "visitor" {
                continue;
            }
            let probe = Probe { app: &app, client, path, method: method.clone() };
            let (status, _) = probe.form(&fields).await;
            run.tables = snapshot(&app).await; // that call may have written (it may be valid)
            if who == "visitor" {
                run.cases(&probe, who, &fields, true).await;
            } else if !deeper && !matches!(status, 401 | 403) {
                deeper = true;
                run.cases(&probe, who, &fields, false).await;
            } else {
                run.cases(&probe, who, &[], false).await;
            }
        }
    }
    println!(
        "{} server functions, {argument_count} arguments found, {} malformed requests sent",
        endpoints.len(),
        run.sent
    );
    assert!(argument_count > 100, "arguments found: {argument_count}");
    assert!(run.failures.is_empty(), "{} failures:\n{}", run.failures.len(), run.failures.join("\n"));
}
