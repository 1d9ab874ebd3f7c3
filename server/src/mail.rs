//! Sending e-mail over SMTP (lettre) when `SMTP_URL` is set: the letters that are due
//! (`app::ssr::mail::due`) go out a few seconds after a notification is written, and every
//! minute for the digests whose time has come. Each letter's notifications are claimed
//! before it goes — of several instances on one database, one sends it — and given back
//! when the SMTP server did not take it, to be tried again. Without `SMTP_URL` the server
//! logs once that e-mail is off; in-app notifications are unaffected.

use app::ssr::mail::Letter;
use app::ssr::AppState;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `smtp://host:port` (plain, e.g. a local relay), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://user:password@host` (TLS).
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build();
        Ok(Mailer { transport, from: from.parse()? })
    }

    async fn send(&self, letter: &Letter) -> anyhow::Result<()> {
        let to = Mailbox::new(Some(letter.to_name.clone()), letter.to.parse()?);
        // Plain text, quoted-printable: mostly readable as sent, safe for any server.
        let body = Body::new_with_encoding(letter.body.clone(), ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| anyhow::anyhow!("the e-mail's body cannot be encoded"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// Sends what is due now; returns how many letters went.
    pub async fn send_due(&self, state: &AppState) -> anyhow::Result<usize> {
        let letters = app::ssr::mail::due(state, &app::ssr::db::now()).await?;
        let mut sent = 0;
        for letter in &letters {
            if !app::ssr::mail::claim(state, letter).await? {
                continue;
            }
            match self.send(letter).await {
                Ok(()) => {
                    sent += 1;
                    metrics::counter!(crate::metrics::EMAILS_SENT).increment(1);
                }
                Err(err) => {
                    tracing::warn!(error = %err, user = letter.user_id, "could not send an e-mail");
                    app::ssr::mail::release(state, letter).await?;
                }
            }
        }
        Ok(sent)
    }
}

/// Starts the mail loop, or says that e-mail is off.
pub fn spawn(state: AppState, smtp_url: Option<&str>, from: &str) -> anyhow::Result<()> {
    let Some(url) = smtp_url else {
        tracing::info!("SMTP_URL is not set: e-mail is off (notifications stay in the app)");
        return Ok(());
    };
    let mailer = Mailer::new(url, from)?;
    let mut events = state.live.subscribe();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = interval.tick() => {}
                event = events.recv() => match event {
                    Ok(event) if event.topic != "notification" => continue,
                    // Never while the state lives; if it happened, the minute's tick remains.
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                        interval.tick().await;
                    }
                    // Let the rest of a burst (one change notifying several people) arrive.
                    _ => tokio::time::sleep(std::time::Duration::from_secs(2)).await,
                },
            }
            if let Err(err) = mailer.send_due(&state).await {
                tracing::warn!(error = %err, "could not send the e-mail that is due");
            }
        }
    });
    Ok(())
}
