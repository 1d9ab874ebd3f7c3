//! Write transactions. Each one waits its turn for the database's write lock (SQLite:
//! `BEGIN IMMEDIATE`, so that a transaction that reads and then writes never fails with
//! "database is locked"; the connection's `busy_timeout` bounds the wait), and the live
//! events it announces leave only once it has committed: a page that hears of a change
//! and fetches again always finds it.

use super::db::Backend;
use super::live::{Event, Hub};
use sqlx::{Any, AnyConnection, AnyPool, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

pub struct WriteTx {
    tx: Transaction<'static, Any>,
    events: Vec<Event>,
    hub: Arc<Hub>,
}

impl WriteTx {
    pub async fn begin(pool: &AnyPool, backend: Backend, hub: Arc<Hub>) -> Result<WriteTx, sqlx::Error> {
        let statement = match backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(WriteTx { tx: pool.begin_with(statement).await?, events: Vec::new(), hub })
    }

    /// Publishes `event` after the commit (never if the transaction is rolled back).
    pub fn announce(&mut self, event: Event) {
        if !self.events.contains(&event) {
            self.events.push(event);
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let WriteTx { tx, events, hub } = self;
        tx.commit().await?;
        for event in events {
            hub.publish(event);
        }
        Ok(())
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
