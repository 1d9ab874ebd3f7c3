//! `mitra-desa`: the server and its administrative commands.

use anyhow::Context;
use app::domain::account::Role;
use clap::{Args, Parser, Subcommand};
use leptos::prelude::get_configuration;
use server::config::{Config, LogFormat};
use server::{accounts, region_import, seed, web};
use std::io::{BufRead, IsTerminal};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "mitra-desa", version, about = "Mitra Desa: village–partner matchmaking for East Kalimantan")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve {
        /// On an empty database: import the region registry and seed the demonstration data.
        #[arg(long)]
        demo: bool,
    },
    /// Create or update the database schema.
    Migrate,
    /// Import Kalimantan Timur's regencies, districts and villages from idn-area-data.
    ImportRegions {
        /// Folder with regencies.csv, districts.csv and villages.csv (default: REGIONS_DIR).
        #[arg(long)]
        from: Option<std::path::PathBuf>,
    },
    /// Copy the SQLite database, while the server runs, to a new FILE (restore: stop the
    /// server and put the copy in the database's place).
    Backup { file: std::path::PathBuf },
    /// Seed deterministic demonstration data on top of the registry.
    SeedDemo(SeedArgs),
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Args)]
struct SeedArgs {
    #[arg(long, default_value_t = 2025)]
    seed: u64,
    #[arg(long, default_value_t = 300)]
    needs: usize,
    #[arg(long, default_value_t = 60)]
    offers: usize,
    #[arg(long, default_value_t = 24)]
    partners: usize,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account. The password is read from standard input when piped, otherwise
    /// one is generated and printed once.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// village_operator, partner_member, regency_staff, province_staff or admin
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Kemendagri code of the operator's village, e.g. 64.02.16.2001
        #[arg(long)]
        village: Option<String>,
        /// Code of the staff member's regency or city, e.g. 64.02
        #[arg(long)]
        regency: Option<String>,
        /// Id of the partner's organisation
        #[arg(long)]
        organisation: Option<i64>,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    Role::parse(value).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown role; use one of {}", names.join(", "))
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    let filter = EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    match config.log_format {
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter).init(),
        LogFormat::Json => tracing_subscriber::fmt().json().with_current_span(false).with_env_filter(filter).init(),
    }

    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(&config, demo).await,
        Command::Migrate => {
            open(&config).await?;
            println!("schema is up to date");
            Ok(())
        }
        Command::ImportRegions { from } => {
            let pool = open(&config).await?;
            let dir = from.unwrap_or_else(|| config.regions_dir.clone());
            let counts = region_import::import(&pool, &dir).await?;
            println!(
                "regions: {} regencies/cities, {} districts, {} desa, {} kelurahan",
                counts.regencies, counts.districts, counts.desa, counts.kelurahan
            );
            Ok(())
        }
        Command::Backup { file } => {
            let (pool, backend) = app::ssr::db::connect(&config.database_url, 1)
                .await
                .with_context(|| format!("cannot open {}", config.database_url_redacted()))?;
            let report = server::backup::backup(&pool, backend, &file).await?;
            println!(
                "backup written to {} ({} bytes, {} needs; integrity ok)",
                file.display(),
                report.bytes,
                report.needs
            );
            Ok(())
        }
        Command::SeedDemo(args) => {
            let pool = open(&config).await?;
            let options = seed::SeedOptions {
                seed: args.seed,
                needs: args.needs,
                offers: args.offers,
                partners: args.partners,
                progress: std::io::stderr().is_terminal(),
            };
            let report = seed::seed(&pool, &options).await?;
            print_seed_report(&report);
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, name, role, village, regency, organisation } } => {
            let pool = open(&config).await?;
            let (password, generated) = read_or_generate_password()?;
            let hash = accounts::hash(&password).await?;
            let account = accounts::NewAccount {
                email,
                display_name: name,
                role,
                village_code: village,
                regency_code: regency,
                organisation_id: organisation,
            };
            let user_id = accounts::add(&pool, &account, &hash).await?;
            println!("account {user_id} created ({})", role.as_str());
            if generated {
                println!("password (shown once): {password}");
            }
            Ok(())
        }
    }
}

async fn open(config: &Config) -> anyhow::Result<sqlx::AnyPool> {
    let (pool, backend) = app::ssr::db::connect(&config.database_url, config.max_connections)
        .await
        .with_context(|| format!("cannot open {}", config.database_url_redacted()))?;
    app::ssr::db::migrate(&pool, backend).await?;
    Ok(pool)
}

fn read_or_generate_password() -> anyhow::Result<(String, bool)> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok((accounts::generate_password(), true));
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        Ok((accounts::generate_password(), true))
    } else {
        Ok((password, false))
    }
}

fn print_seed_report(report: &seed::SeedReport) {
    println!(
        "demo data: {} partner organisations, {} villages with operators, {} needs, {} offers, {} cooperations",
        report.partners, report.villages, report.needs, report.offers, report.cooperations
    );
    println!("demo accounts (password: {}):", seed::DEMO_PASSWORD);
    for (email, role) in &report.accounts {
        println!("  {:<34} {}", email, role.as_str());
    }
}

async fn serve(config: &Config, demo: bool) -> anyhow::Result<()> {
    let mut leptos = get_configuration(None).context("Leptos configuration (LEPTOS_* variables)")?;
    // A build with hashed file names leaves the list of hashes next to the binary.
    let hashes = std::env::current_exe()?.with_file_name(leptos.leptos_options.hash_file.as_ref());
    leptos.leptos_options.hash_files |= hashes.exists();
    let addr = leptos.leptos_options.site_addr;
    let state = web::state(config, leptos.leptos_options).await?;
    if demo {
        prepare_demo(config, &state.pool).await?;
    }
    spawn_housekeeping(state.clone());
    spawn_warm_up(state.clone());
    server::mail::spawn(state.clone(), config.smtp_url.as_deref(), &config.mail_from)?;
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(database = %config.database_url_redacted(), "database ready");
    println!("Mitra Desa is running at http://{addr}");
    let metrics = server::metrics::Scrape::new(config.metrics_token.as_deref());
    server::serve::serve(listener, web::router_with(state, metrics)).await?;
    Ok(())
}

/// First start of the demo: registry and demonstration data, only if the database is empty.
async fn prepare_demo(config: &Config, pool: &sqlx::AnyPool) -> anyhow::Result<()> {
    let counts = app::ssr::repo::regions::counts(pool).await?;
    if counts.regencies == 0 {
        let counts = region_import::import(pool, &config.regions_dir).await?;
        println!(
            "imported {} regencies/cities, {} districts, {} desa, {} kelurahan",
            counts.regencies, counts.districts, counts.desa, counts.kelurahan
        );
    }
    if app::ssr::repo::users::count(pool).await? == 0 {
        let options = seed::SeedOptions { progress: std::io::stderr().is_terminal(), ..Default::default() };
        let report = seed::seed(pool, &options).await?;
        print_seed_report(&report);
    } else {
        println!("demo accounts (password: {}):", seed::DEMO_PASSWORD);
        for (email, _, role) in seed::demo_accounts() {
            println!("  {:<34} {}", email, role.as_str());
        }
    }
    Ok(())
}

/// Reads what the statistics are counted from once at start, in the background, so that
/// the first visitor of `/statistik` does not wait for it.
/// Reads what the statistics and the suggestions start from while the server already
/// answers, so that no visitor waits for it (the matching index is then kept up to date in
/// the background, see `Matcher::index`).
fn spawn_warm_up(state: app::ssr::AppState) {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match state.statistics_facts.warm_up(&state.pool).await {
            Ok(()) => tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "statistics facts read"),
            Err(err) => tracing::warn!(error = %err, "could not read the statistics facts"),
        }
        if let Err(err) = state.matcher.fresh_index(&state.pool).await {
            tracing::warn!(error = %err, "could not build the matching index");
        }
    });
}

/// Every ten minutes: removes expired sessions and old sign-in failures, and expires
/// needs and offers whose window is over, asks about stale postings, activates registered
/// cooperations whose start has come and reminds of quiet follow-ups and due reports.
fn spawn_housekeeping(state: app::ssr::AppState) {
    tokio::spawn(async move {
        let pool = state.pool.clone();
        let store = app::ssr::session_store::AnySessionStore::new(pool.clone());
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            interval.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "could not delete expired sessions");
            }
            if let Err(err) = app::ssr::throttle::prune(&pool).await {
                tracing::warn!(error = %err, "could not prune sign-in failures");
            }
            if let Err(err) = app::ssr::expiry::expire_due(&state).await {
                tracing::warn!(error = %err, "could not expire postings");
            }
            if let Err(err) = app::ssr::staleness::ask_due(&state).await {
                tracing::warn!(error = %err, "could not ask about stale postings");
            }
            if let Err(err) = app::ssr::cooperation::activate_due(&state).await {
                tracing::warn!(error = %err, "could not activate cooperations");
            }
            if let Err(err) = app::ssr::cooperation::remind(&state).await {
                tracing::warn!(error = %err, "could not remind of cooperations' follow-up");
            }
        }
    });
}
