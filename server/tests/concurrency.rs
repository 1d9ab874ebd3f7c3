//! Pages keep answering while another app starts in the same process.
//!
//! Listing the routes renders the app once. Done by each new router, it left some page
//! renders of apps already serving in the process waiting forever (the integration tests
//! run many apps in one process). The routes are now listed once per process.

mod common;

use common::{Backend, TestApp};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_while_other_apps_start() {
    let app = TestApp::spawn_empty(Backend::Sqlite).await;
    let starting = tokio::spawn(async {
        for _ in 0..8 {
            TestApp::spawn_empty(Backend::Sqlite).await;
        }
    });
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let mut round = 0;
    while !starting.is_finished() || round < 5 {
        let requests: Vec<_> = (0..6)
            .map(|k| {
                let path = if k % 2 == 0 { "/masuk" } else { "/tidak-ada" };
                let url = app.url(&format!("{path}?r={round}-{k}"));
                let client = client.clone();
                tokio::spawn(async move { (client.get(&url).send().await.map(|r| r.status().as_u16()), url) })
            })
            .collect();
        for request in requests {
            let (status, url) = request.await.unwrap();
            let status = status.unwrap_or_else(|err| panic!("{url} got no answer: {err}"));
            assert!(status == 200 || status == 404, "{url}: {status}");
        }
        round += 1;
    }
    starting.await.unwrap();
}
