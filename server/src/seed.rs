//! `seed-demo`: a deterministic demonstration dataset on top of the real region registry —
//! demo accounts for every role, partner organisations of every kind, village profiles,
//! needs and offers in every lifecycle state, and cooperations in every state
//! (`seed_cooperations`). Sizes are flags, so the same code produces
//! the benchmark dataset (100,000 needs, 20,000 offers).

use crate::accounts::{self, NewAccount};
use anyhow::{bail, Context};
use app::domain::account::Role;
use app::domain::lifecycle::{PostingAction, PostingStatus};
use app::domain::organisation::{OrganisationKind, OrganisationStatus};
use app::domain::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use app::ssr::repo::{organisations, users};
use indicatif::{ProgressBar, ProgressStyle};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::AnyPool;

/// Password of every demonstration account (printed at start; demo data only).
pub const DEMO_PASSWORD: &str = "mitra-desa-demo";
const DEMO_DOMAIN: &str = "demo.mitradesa.id";

#[derive(Clone, Debug)]
pub struct SeedOptions {
    pub seed: u64,
    pub needs: usize,
    pub offers: usize,
    pub partners: usize,
    pub progress: bool,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions { seed: 2025, needs: 300, offers: 60, partners: 24, progress: false }
    }
}

#[derive(Debug)]
pub struct SeedReport {
    pub accounts: Vec<(String, Role)>,
    pub partners: usize,
    pub villages: usize,
    pub needs: usize,
    pub offers: usize,
    pub cooperations: usize,
}

/// The demo accounts, one per role (two for partners: verified and pending).
pub fn demo_accounts() -> Vec<(String, &'static str, Role)> {
    let email = |local: &str| format!("{local}@{DEMO_DOMAIN}");
    vec![
        (email("admin"), "Admin Mitra Desa", Role::Admin),
        (email("provinsi"), "Rina Wulandari", Role::ProvinceStaff),
        (email("kukar"), "Agus Salim", Role::RegencyStaff),
        (email("berau"), "Maria Ulfa", Role::RegencyStaff),
        (email("operator"), "Siti Aminah", Role::VillageOperator),
        (email("mitra"), "Budi Santoso", Role::PartnerMember),
        (email("mitra.baru"), "Dewi Lestari", Role::PartnerMember),
    ]
}

struct Village {
    code: String,
    name: String,
}

/// A need or offer template: sector, support, what it is, and its wording.
struct Template {
    sector: Sector,
    support: SupportType,
    resource: Option<ResourceKind>,
    title: &'static str,
    body: &'static str,
}

const fn t(
    sector: Sector,
    support: SupportType,
    resource: Option<ResourceKind>,
    title: &'static str,
    body: &'static str,
) -> Template {
    Template { sector, support, resource, title, body }
}

use ResourceKind as R;
use Sector as S;
use SupportType as T;

const NEEDS: &[Template] = &[
    t(S::NatureTourism, T::TechnicalAssistance, None, "Pendampingan pengelolaan wisata air terjun",
      "Pokdarwis desa {v} membutuhkan pendampingan menyusun paket wisata, tarif, dan pembagian hasil dengan BUMDes agar kunjungan wisatawan ke air terjun meningkat."),
    t(S::NatureTourism, T::Training, None, "Pelatihan pemandu wisata susur sungai Mahakam",
      "Pemuda desa {v} ingin dilatih menjadi pemandu wisata susur sungai: keselamatan, bahasa Inggris dasar, dan cerita budaya Dayak dan Kutai."),
    t(S::NatureTourism, T::ResourceAccess, Some(R::Equipment), "Bantuan perahu dan pelampung untuk wisata danau",
      "Desa {v} memerlukan dua perahu kayu bermesin dan 40 pelampung standar untuk layanan wisata danau yang dikelola BUMDes."),
    t(S::LocalProducts, T::ResourceAccess, Some(R::MarketAccess), "Akses pasar untuk madu kelulut",
      "Kelompok peternak lebah kelulut di desa {v} menghasilkan 200 liter madu per bulan dan membutuhkan pembeli tetap serta izin edar PIRT."),
    t(S::LocalProducts, T::Training, None, "Pelatihan kemasan dan label produk amplang",
      "UMKM olahan ikan di desa {v} membutuhkan pelatihan desain kemasan, label gizi, dan pemasaran daring agar amplang bisa masuk toko oleh-oleh."),
    t(S::LocalProducts, T::ResourceAccess, Some(R::Equipment), "Mesin pengering untuk kopi dan kakao",
      "Petani kopi dan kakao desa {v} membutuhkan mesin pengering agar mutu biji stabil pada musim hujan."),
    t(S::DigitalServices, T::TechnicalAssistance, None, "Pendampingan sistem informasi desa",
      "Pemerintah desa {v} ingin mendigitalkan layanan surat-menyurat dan data penduduk, serta membutuhkan pendampingan teknis dan pelatihan operator."),
    t(S::DigitalServices, T::ResourceAccess, Some(R::Equipment), "Perangkat internet untuk pojok digital desa",
      "Desa {v} membutuhkan perangkat jaringan dan dua komputer untuk pojok digital tempat warga belajar dan mengakses layanan daring."),
    t(S::Agriculture, T::Training, None, "Pelatihan pertanian organik padi ladang",
      "Kelompok tani desa {v} ingin beralih ke pupuk organik dan membutuhkan pelatihan pembuatan kompos serta pengendalian hama terpadu."),
    t(S::Agriculture, T::ResourceAccess, Some(R::Funding), "Permodalan kelompok tani sawit swadaya",
      "Petani sawit swadaya desa {v} membutuhkan akses permodalan untuk peremajaan kebun dan sertifikasi ISPO."),
    t(S::Fisheries, T::TechnicalAssistance, None, "Pendampingan budidaya ikan nila keramba",
      "Pembudidaya ikan desa {v} membutuhkan pendampingan pakan mandiri dan kesehatan ikan karena kematian benih tinggi."),
    t(S::Fisheries, T::ResourceAccess, Some(R::Equipment), "Cold box untuk nelayan pesisir",
      "Nelayan desa {v} membutuhkan cold box dan es balok agar hasil tangkapan tetap segar sampai ke pasar kecamatan."),
    t(S::Health, T::Training, None, "Pelatihan kader posyandu cegah stunting",
      "Desa {v} ingin melatih kader posyandu tentang gizi ibu hamil dan balita untuk menurunkan angka stunting."),
    t(S::Health, T::ResourceAccess, Some(R::Equipment), "Alat ukur antropometri untuk posyandu",
      "Posyandu di desa {v} membutuhkan timbangan dan alat ukur tinggi badan standar untuk pemantauan tumbuh kembang anak."),
    t(S::Education, T::TechnicalAssistance, None, "Pendampingan perpustakaan dan literasi anak",
      "Desa {v} ingin menghidupkan taman baca dan membutuhkan pendamping program literasi serta buku bacaan anak."),
    t(S::Environment, T::TechnicalAssistance, None, "Pendampingan bank sampah desa",
      "Desa {v} membutuhkan pendampingan pendirian bank sampah dan kerja sama dengan pengepul daur ulang."),
    t(S::Environment, T::Training, None, "Pelatihan rehabilitasi mangrove",
      "Kelompok masyarakat pesisir desa {v} ingin dilatih membibitkan dan menanam mangrove untuk menahan abrasi."),
    t(S::Infrastructure, T::ResourceAccess, Some(R::Funding), "Pembangunan sarana air bersih",
      "Dusun di desa {v} belum memiliki sarana air bersih; dibutuhkan dukungan dana untuk sumur bor dan tandon."),
    t(S::Governance, T::Training, None, "Pelatihan penyusunan RKP Desa dan laporan keuangan",
      "Perangkat desa {v} membutuhkan pelatihan penyusunan RKP Desa, APBDes, dan pelaporan Siskeudes."),
];

const OFFERS: &[Template] = &[
    t(S::NatureTourism, T::TechnicalAssistance, None, "Pendampingan desa wisata berbasis masyarakat",
      "{o} menyediakan pendamping desa wisata selama enam bulan: pemetaan potensi, paket wisata, promosi digital, dan tata kelola Pokdarwis."),
    t(S::LocalProducts, T::ResourceAccess, Some(R::MarketAccess), "Program kemitraan pemasaran produk unggulan desa",
      "{o} membuka akses pasar untuk produk unggulan desa melalui gerai mitra, katalog daring, dan pendampingan standar mutu."),
    t(S::LocalProducts, T::Training, None, "Pelatihan kewirausahaan dan pengemasan UMKM desa",
      "{o} menyelenggarakan pelatihan kewirausahaan, pengemasan, perizinan PIRT dan halal untuk pelaku UMKM desa."),
    t(S::DigitalServices, T::TechnicalAssistance, None, "Mahasiswa KKN tematik desa digital",
      "{o} menempatkan mahasiswa KKN tematik untuk membantu desa membangun layanan digital, profil desa daring, dan literasi digital warga."),
    t(S::Agriculture, T::Training, None, "Sekolah lapang pertanian berkelanjutan",
      "{o} menyelenggarakan sekolah lapang pertanian organik dan agroforestri bagi kelompok tani desa."),
    t(S::Agriculture, T::ResourceAccess, Some(R::Equipment), "Bantuan alat dan mesin pertanian",
      "{o} menyalurkan bantuan hand tractor, pompa air, dan mesin perontok untuk kelompok tani di desa sekitar wilayah operasi."),
    t(S::Fisheries, T::ResourceAccess, Some(R::Funding), "Dana bergulir usaha perikanan",
      "{o} menyediakan dana bergulir dan pendampingan usaha bagi kelompok nelayan dan pembudidaya ikan."),
    t(S::Health, T::ResourceAccess, Some(R::Funding), "Program TJSL kesehatan ibu dan anak",
      "{o} mendanai program pencegahan stunting: pelatihan kader, makanan tambahan, dan alat posyandu."),
    t(S::Education, T::Training, None, "Pelatihan guru PAUD dan taman baca",
      "{o} melatih guru PAUD dan pengelola taman baca desa serta menyumbang buku bacaan anak."),
    t(S::Environment, T::TechnicalAssistance, None, "Pendampingan pengelolaan sampah dan mangrove",
      "{o} mendampingi desa membangun bank sampah dan program rehabilitasi mangrove bersama kelompok masyarakat."),
    t(S::Infrastructure, T::ResourceAccess, Some(R::Funding), "PPM infrastruktur dasar desa ring 1",
      "{o} mengalokasikan dana PPM untuk sarana air bersih, jalan usaha tani, dan penerangan di desa ring 1 wilayah tambang."),
    t(S::Governance, T::TechnicalAssistance, None, "Pendampingan tata kelola dan keuangan desa",
      "{o} mendampingi perangkat desa menyusun RKP Desa, APBDes, dan laporan keuangan yang akuntabel."),
];

const ORGANISATIONS: &[(&str, OrganisationKind)] = &[
    ("PT Borneo Hijau Lestari", OrganisationKind::Company),
    ("Yayasan Pesisir Lestari", OrganisationKind::Ngo),
    ("Universitas Mulawarman", OrganisationKind::University),
    ("PT Tambang Batubara Mahakam", OrganisationKind::Company),
    ("PT Sawit Kaltim Sejahtera", OrganisationKind::Company),
    ("Politeknik Negeri Samarinda", OrganisationKind::University),
    ("Perkumpulan Desa Mandiri Kaltim", OrganisationKind::Ngo),
    ("Bank Kaltimtara", OrganisationKind::StateEnterprise),
    ("Yayasan Hutan Borneo", OrganisationKind::Ngo),
    ("Institut Teknologi Kalimantan", OrganisationKind::University),
    ("PT Pupuk Kalimantan Timur", OrganisationKind::StateEnterprise),
    ("Dana Hibah Masyarakat Nusantara", OrganisationKind::Donor),
    ("PT Energi Delta Mahakam", OrganisationKind::Company),
    ("Universitas Kutai Kartanegara", OrganisationKind::University),
    ("Koperasi Nelayan Berau Bersatu", OrganisationKind::Other),
    ("Yayasan Kesehatan Ibu dan Anak Borneo", OrganisationKind::Ngo),
];

const FIRST_NAMES: &[&str] =
    &["Ahmad", "Siti", "Rudi", "Nur", "Yohanes", "Fitri", "Hendra", "Rahmawati", "Daniel", "Lusi", "Irwan", "Ayu"];
const LAST_NAMES: &[&str] =
    &["Saputra", "Hidayat", "Lestari", "Pratama", "Wijaya", "Ningsih", "Kurniawan", "Anggraini", "Lung", "Ding"];

/// Status mix of generated postings: mostly published, every state present.
const POSTING_STATUSES: &[(PostingStatus, u32)] = &[
    (PostingStatus::Published, 60),
    (PostingStatus::Submitted, 10),
    (PostingStatus::Draft, 8),
    (PostingStatus::Returned, 5),
    (PostingStatus::Rejected, 3),
    (PostingStatus::Matched, 6),
    (PostingStatus::Fulfilled, 3),
    (PostingStatus::Withdrawn, 2),
    (PostingStatus::Expired, 3),
];

fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{} {}", FIRST_NAMES.choose(rng).expect("names"), LAST_NAMES.choose(rng).expect("names"))
}

/// An Indonesian mobile number, e.g. `0812-0042-7781`.
fn phone(rng: &mut ChaCha8Rng, prefix: &str) -> String {
    format!("{prefix}-{:04}-{:04}", rng.random_range(0..10000), rng.random_range(0..10000))
}

fn pick_status(rng: &mut ChaCha8Rng) -> PostingStatus {
    POSTING_STATUSES.choose_weighted(rng, |(_, weight)| *weight).map(|(s, _)| *s).unwrap_or(PostingStatus::Draft)
}

/// Day 0 of the demonstration: 600 days before the day it is seeded, so that the data
/// always looks current (the content is the same for a seed value; the dates follow the day).
fn base() -> time::OffsetDateTime {
    let today = time::OffsetDateTime::now_utc().date().midnight().assume_utc();
    today - time::Duration::days(600)
}

/// A timestamp `day` days and `minute` minutes after day 0.
fn at(day: i64, minute: i64) -> String {
    app::ssr::db::timestamp(base() + time::Duration::days(day) + time::Duration::minutes(minute))
}

/// A posting whose window is already over has expired, as the server would have decided.
fn expired_if_over(status: PostingStatus, end_day: i64) -> PostingStatus {
    let over = date(end_day) < app::ssr::db::today();
    if over && status.apply(PostingAction::Expire).is_ok() {
        PostingStatus::Expired
    } else {
        status
    }
}

fn date(day: i64) -> String {
    at(day, 0)[..10].to_owned()
}

fn progress(enabled: bool, total: usize, what: &str) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// Seeds the demonstration dataset. Refuses when demo accounts already exist.
pub async fn seed(pool: &AnyPool, options: &SeedOptions) -> anyhow::Result<SeedReport> {
    let existing: i64 = sqlx::query_scalar("select count(*) from app_user where email like $1")
        .bind(format!("%@{DEMO_DOMAIN}"))
        .fetch_one(pool)
        .await?;
    if existing > 0 {
        bail!("the demonstration data is already there ({existing} demo accounts)");
    }
    let villages: Vec<Village> = sqlx::query_as::<_, (String, String)>(
        "select village_code, name from village where kind = 'desa' order by village_code",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(code, name)| Village { code, name })
    .collect();
    if villages.is_empty() {
        bail!("the region registry is empty: run import-regions first");
    }
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    // One hash for every demo account: argon2 is slow on purpose, and they share a password.
    let hash = accounts::hash(DEMO_PASSWORD).await?;

    let organisations = seed_organisations(pool, options, &mut rng, &hash).await?;
    let report_accounts = seed_demo_accounts(pool, &villages, &organisations, &hash).await?;
    let operators = seed_villages(pool, options, &mut rng, &villages, &hash).await?;
    seed_needs(pool, options, &mut rng, &operators).await?;
    seed_offers(pool, options, &mut rng, &organisations).await?;
    let partners: Vec<(i64, i64, String)> =
        organisations.iter().filter(|o| o.verified).map(|o| (o.id, o.owner, o.name.clone())).collect();
    let staff: i64 =
        sqlx::query_scalar("select user_id from app_user where role = 'province_staff' order by user_id limit 1")
            .fetch_one(pool)
            .await?;
    let cooperations = crate::seed_cooperations::seed(pool, &partners, staff).await?;
    seed_operation_areas(pool, staff, partners.first().map(|(id, owner, _)| (*id, *owner))).await?;
    seed_programmes(pool, &operators, &organisations).await?;

    Ok(SeedReport {
        accounts: report_accounts,
        partners: organisations.len(),
        villages: operators.len(),
        needs: options.needs,
        offers: options.offers,
        cooperations,
    })
}

/// PPM / TJSL: each verified company's cooperation villages as its confirmed ring 1, and
/// for the demo partner one more village proposed for ring 2, waiting for Kutai
/// Kartanegara's staff.
async fn seed_operation_areas(pool: &AnyPool, staff: i64, demo: Option<(i64, i64)>) -> anyhow::Result<()> {
    let at = app::ssr::db::now();
    sqlx::query(
        "insert into operation_area (organisation_id, village_code, ring, status, proposed_by, confirmed_by, \
                                     confirmed_at, created_at, updated_at) \
         select distinct m.organisation_id, n.village_code, 'ring_1', 'confirmed', $1, $1, $2, $2, $2 \
         from agreement a join need_match m on m.need_match_id = a.need_match_id \
         join need n on n.need_id = m.need_id join organisation g on g.organisation_id = m.organisation_id \
         where g.kind = 'company' and g.status = 'verified' and a.status <> 'draft'",
    )
    .bind(staff)
    .bind(&at)
    .execute(pool)
    .await?;
    if let Some((organisation, owner)) = demo {
        sqlx::query(
            "insert into operation_area (organisation_id, village_code, ring, status, proposed_by, created_at, updated_at) \
             select $1, min(n.village_code), 'ring_2', 'proposed', $2, $3, $3 from need n \
             where n.status = 'published' and n.village_code like '64.02.%' and n.village_code not in \
               (select o.village_code from operation_area o where o.organisation_id = $1) \
             having count(*) > 0",
        )
        .bind(organisation)
        .bind(owner)
        .bind(&at)
        .execute(pool)
        .await?;
    }
    Ok(())
}

struct Organisation {
    id: i64,
    owner: i64,
    name: String,
    verified: bool,
}

async fn seed_organisations(
    pool: &AnyPool,
    options: &SeedOptions,
    rng: &mut ChaCha8Rng,
    hash: &str,
) -> anyhow::Result<Vec<Organisation>> {
    let count = options.partners.max(2);
    let bar = progress(options.progress, count, "partners");
    let mut out = Vec::with_capacity(count);
    let mut tx = pool.begin().await?;
    for i in 0..count {
        let (base, kind) = ORGANISATIONS[i % ORGANISATIONS.len()];
        let name =
            if i < ORGANISATIONS.len() { base.to_owned() } else { format!("{base} {}", i / ORGANISATIONS.len() + 1) };
        // The first is the demo partner's (verified), the second the pending demo partner's.
        let status = match i {
            0 => OrganisationStatus::Verified,
            1 => OrganisationStatus::Pending,
            _ => *[
                OrganisationStatus::Verified,
                OrganisationStatus::Verified,
                OrganisationStatus::Verified,
                OrganisationStatus::Verified,
                OrganisationStatus::Pending,
                OrganisationStatus::Rejected,
                OrganisationStatus::Suspended,
            ]
            .choose(rng)
            .expect("non-empty"),
        };
        let id = organisations::insert(&mut tx, &name, kind, status).await?;
        let website = format!("https://www.{}.example.id", name.to_lowercase().replace(' ', "-"));
        let contact = person(rng);
        sqlx::query(
            "update organisation set website = $1, contact_name = $2, contact_phone = $3, contact_email = $4, \
             serves_province = $5, description = $6 where organisation_id = $7",
        )
        .bind(&website)
        .bind(&contact)
        .bind(phone(rng, "0812"))
        .bind(format!("kemitraan{i}@{DEMO_DOMAIN}"))
        .bind(i64::from(rng.random_bool(0.3)))
        .bind(format!("{name} bermitra dengan desa-desa di Kalimantan Timur."))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let owner_email = format!("mitra{i}@{DEMO_DOMAIN}");
        let owner = users::NewUser {
            email: &owner_email,
            display_name: &contact,
            password_hash: hash,
            role: Role::PartnerMember,
            village_code: None,
            regency_code: None,
        };
        let owner = users::insert(&mut tx, &owner).await?;
        organisations::add_member(&mut tx, id, owner, true).await?;
        out.push(Organisation { id, owner, name, verified: status == OrganisationStatus::Verified });
        bar.inc(1);
    }
    tx.commit().await?;
    bar.finish_and_clear();
    Ok(out)
}

async fn seed_demo_accounts(
    pool: &AnyPool,
    villages: &[Village],
    organisations: &[Organisation],
    hash: &str,
) -> anyhow::Result<Vec<(String, Role)>> {
    let operator_village = villages.iter().find(|v| v.code.starts_with("64.02.")).unwrap_or(&villages[0]).code.clone();
    let mut partner_index = 0;
    let mut out = Vec::new();
    for (email, name, role) in demo_accounts() {
        let mut account = NewAccount {
            email: email.clone(),
            display_name: name.to_owned(),
            role,
            village_code: None,
            regency_code: None,
            organisation_id: None,
        };
        match role {
            Role::VillageOperator => account.village_code = Some(operator_village.clone()),
            Role::RegencyStaff if email.starts_with("kukar") => account.regency_code = Some("64.02".into()),
            Role::RegencyStaff => account.regency_code = Some("64.03".into()),
            Role::PartnerMember => {
                account.organisation_id = Some(organisations[partner_index].id);
                partner_index += 1;
            }
            _ => {}
        }
        accounts::add(pool, &account, hash).await.with_context(|| format!("demo account {email}"))?;
        out.push((email, role));
    }
    Ok(out)
}

/// Profiles and an operator account for the villages that will post needs.
async fn seed_villages(
    pool: &AnyPool,
    options: &SeedOptions,
    rng: &mut ChaCha8Rng,
    villages: &[Village],
    hash: &str,
) -> anyhow::Result<Vec<(String, String, i64)>> {
    let wanted = (options.needs / 3).clamp(1, villages.len());
    let chosen: Vec<&Village> = villages.choose_multiple(rng, wanted).collect();
    let bar = progress(options.progress, chosen.len(), "villages");
    let mut operators = Vec::with_capacity(chosen.len());
    let mut tx = pool.begin().await?;
    for village in chosen {
        let status = *DevelopmentStatus::ALL.choose(rng).expect("statuses");
        let contact = person(rng);
        let sectors: Vec<Sector> = Sector::ALL.choose_multiple(rng, 2).copied().collect();
        sqlx::query(
            "insert into village_profile (village_code, description, development_status, status_year, status_index_kind, \
             status_index_value, population, contact_name, contact_phone, created_at, updated_at) \
             values ($1, $2, $3, 2025, 'indeks_desa', $4, $5, $6, $7, $8, $8)",
        )
        .bind(&village.code)
        .bind(format!("Desa {} di Kalimantan Timur dengan potensi {} dan {}.", village.name, sectors[0].as_str(), sectors[1].as_str()))
        .bind(status.as_str())
        .bind(rng.random_range(40.0..90.0_f64).round())
        .bind(rng.random_range(400..6000_i64))
        .bind(&contact)
        .bind(phone(rng, "0813"))
        .bind(at(0, 0))
        .execute(&mut *tx)
        .await?;
        for sector in &sectors {
            sqlx::query("insert into village_sector (village_code, sector) values ($1, $2)")
                .bind(&village.code)
                .bind(sector.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let email = format!("operator.{}@{DEMO_DOMAIN}", village.code.replace('.', ""));
        let user = users::NewUser {
            email: &email,
            display_name: &contact,
            password_hash: hash,
            role: Role::VillageOperator,
            village_code: Some(&village.code),
            regency_code: None,
        };
        let user_id = users::insert(&mut tx, &user).await?;
        operators.push((village.code.clone(), village.name.clone(), user_id));
        bar.inc(1);
    }
    tx.commit().await?;
    bar.finish_and_clear();
    Ok(operators)
}

const BATCH: usize = 1000;

async fn seed_needs(
    pool: &AnyPool,
    options: &SeedOptions,
    rng: &mut ChaCha8Rng,
    operators: &[(String, String, i64)],
) -> anyhow::Result<()> {
    let bar = progress(options.progress, options.needs, "needs");
    let mut tx = pool.begin().await?;
    for i in 0..options.needs {
        let (code, name, user_id) = operators.choose(rng).expect("operators");
        let template = NEEDS.choose(rng).expect("templates");
        let status = pick_status(rng);
        let created = rng.random_range(0..590_i64);
        let start = created + rng.random_range(10..90);
        let end = start + rng.random_range(60..365);
        let status = expired_if_over(status, end);
        let value: Option<i64> = rng.random_bool(0.6).then(|| rng.random_range(5..500_i64) * 1_000_000);
        let published = matches!(status, PostingStatus::Published | PostingStatus::Matched | PostingStatus::Fulfilled)
            .then(|| at(created + 3, 0));
        let reason = match status {
            PostingStatus::Returned => Some("Lengkapi jumlah penerima manfaat dan jadwal kegiatan."),
            PostingStatus::Rejected => Some("Kebutuhan ini sudah dibiayai Dana Desa tahun berjalan."),
            _ => None,
        };
        sqlx::query(
            "insert into need (village_code, title, description, support_type, resource_kind, sector, beneficiaries, \
             window_start, window_end, value_idr, status, status_reason, created_by, created_at, updated_at, submitted_at, published_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16)",
        )
        .bind(code)
        .bind(format!("{} di Desa {name}", template.title))
        .bind(template.body.replace("{v}", name))
        .bind(template.support.as_str())
        .bind(template.resource.map(ResourceKind::as_str))
        .bind(template.sector.as_str())
        .bind(format!("{} warga", rng.random_range(10..400)))
        .bind(date(start))
        .bind(date(end))
        .bind(value)
        .bind(status.as_str())
        .bind(reason)
        .bind(user_id)
        .bind(at(created, (i % 1440) as i64))
        .bind((status != PostingStatus::Draft).then(|| at(created + 1, 0)))
        .bind(published)
        .execute(&mut *tx)
        .await?;
        bar.inc(1);
        if (i + 1) % BATCH == 0 {
            tx.commit().await?;
            tx = pool.begin().await?;
        }
    }
    tx.commit().await?;
    bar.finish_and_clear();
    Ok(())
}

/// Programmes to try (issue 14): a cluster — the same homestay training asked for by five
/// villages of Kutai Kartanegara that post needs, recently published — and a KKN cohort
/// of a verified university for the regency (twelve groups of ten students). Drawn from
/// nothing: the rest of the data stays as it was.
async fn seed_programmes(
    pool: &AnyPool,
    operators: &[(String, String, i64)],
    organisations: &[Organisation],
) -> anyhow::Result<()> {
    let mut kukar: Vec<&(String, String, i64)> =
        operators.iter().filter(|(code, ..)| code.starts_with("64.02.")).collect();
    kukar.sort_by(|a, b| a.0.cmp(&b.0));
    kukar.dedup_by(|a, b| a.0 == b.0);
    let mut tx = pool.begin().await?;
    for (k, (code, name, user_id)) in kukar.into_iter().take(5).enumerate() {
        let created = 575 + k as i64;
        sqlx::query(
            "insert into need (village_code, title, description, support_type, sector, beneficiaries, window_start, \
             window_end, status, created_by, created_at, updated_at, submitted_at, published_at) \
             values ($1, $2, $3, 'training', 'nature_tourism', '25 warga', $4, $5, 'published', $6, $7, $7, $8, $9)",
        )
        .bind(code)
        .bind(format!("Pelatihan pengelolaan homestay di Desa {name}"))
        .bind(format!(
            "Pemuda dan ibu-ibu Desa {name} ingin mengelola homestay: menerima tamu, kebersihan kamar, harga, \
             pemesanan daring dan promosi paket wisata desa."
        ))
        .bind(date(created + 30))
        .bind(date(created + 400))
        .bind(user_id)
        .bind(at(created, 0))
        .bind(at(created, 5))
        .bind(at(created + 1, 0))
        .execute(&mut *tx)
        .await?;
    }
    let university = organisations.iter().filter(|o| o.verified).find(|o| o.name.starts_with("Universitas"));
    if let Some(university) = university.or_else(|| organisations.first()) {
        let offer_id: i64 = sqlx::query_scalar(
            "insert into offer (organisation_id, title, description, support_type, capacity, window_start, window_end, \
             preferred_status, serves_province, status, created_by, created_at, updated_at, published_at, cohort, \
             group_size) \
             values ($1, 'KKN Tematik Desa Wisata dan Homestay', $2, 'training', 12, $3, $4, 'berkembang', 0, 'published', \
                     $5, $6, $6, $7, 1, 10) returning offer_id",
        )
        .bind(university.id)
        .bind(format!(
            "{} menempatkan dua belas kelompok mahasiswa KKN, masing-masing sepuluh orang, di desa-desa Kutai \
             Kartanegara selama 45 hari: pelatihan pengelolaan homestay, pemandu wisata dan promosi digital desa.",
            university.name
        ))
        .bind(date(620))
        .bind(date(665))
        .bind(university.owner)
        .bind(at(580, 0))
        .bind(at(581, 0))
        .fetch_one(&mut *tx)
        .await?;
        for sector in [Sector::NatureTourism, Sector::DigitalServices] {
            sqlx::query("insert into offer_sector (offer_id, sector) values ($1, $2)")
                .bind(offer_id)
                .bind(sector.as_str())
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("insert into offer_region (offer_id, regency_code) values ($1, '64.02')")
            .bind(offer_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn seed_offers(
    pool: &AnyPool,
    options: &SeedOptions,
    rng: &mut ChaCha8Rng,
    organisations: &[Organisation],
) -> anyhow::Result<()> {
    let regencies: Vec<String> =
        sqlx::query_scalar("select regency_code from regency order by regency_code").fetch_all(pool).await?;
    let bar = progress(options.progress, options.offers, "offers");
    let mut tx = pool.begin().await?;
    for i in 0..options.offers {
        let organisation = organisations.choose(rng).expect("organisations");
        let template = OFFERS.choose(rng).expect("templates");
        // Offers of unverified organisations wait: never published.
        let status = match pick_status(rng) {
            s if !organisation.verified && s.is_public() => PostingStatus::Submitted,
            s => s,
        };
        let university = template.title.contains("KKN");
        let capacity = if university { rng.random_range(10..120_i64) } else { rng.random_range(1..15_i64) };
        let created = rng.random_range(0..590_i64);
        let start = created + rng.random_range(10..60);
        let end = start + rng.random_range(90..540);
        let status = expired_if_over(status, end);
        let serves_province = rng.random_bool(0.2);
        let preferred = rng.random_bool(0.4).then(|| DevelopmentStatus::ALL.choose(rng).expect("statuses").as_str());
        let offer_id: i64 = sqlx::query_scalar(
            "insert into offer (organisation_id, title, description, support_type, resource_kind, capacity, window_start, \
             window_end, value_idr, preferred_status, serves_province, status, created_by, created_at, updated_at, published_at, \
             cohort, group_size) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17) returning offer_id",
        )
        .bind(organisation.id)
        .bind(template.title)
        .bind(template.body.replace("{o}", &organisation.name))
        .bind(template.support.as_str())
        .bind(template.resource.map(ResourceKind::as_str))
        .bind(capacity)
        .bind(date(start))
        .bind(date(end))
        .bind(rng.random_bool(0.5).then(|| rng.random_range(10..2000_i64) * 1_000_000))
        .bind(preferred)
        .bind(i64::from(serves_province))
        .bind(status.as_str())
        .bind(organisation.owner)
        .bind(at(created, (i % 1440) as i64))
        .bind(status.is_public().then(|| at(created + 2, 0)))
        // KKN offers place groups of students, one village each (no draw: the data stays as it was).
        .bind(i64::from(university))
        .bind(university.then_some(8 + capacity % 5))
        .fetch_one(&mut *tx)
        .await?;
        let mut sectors = vec![template.sector];
        sectors.extend(Sector::ALL.choose(rng).filter(|s| **s != template.sector));
        for sector in sectors {
            sqlx::query("insert into offer_sector (offer_id, sector) values ($1, $2)")
                .bind(offer_id)
                .bind(sector.as_str())
                .execute(&mut *tx)
                .await?;
        }
        if !serves_province {
            let count = rng.random_range(1..=3);
            for regency in regencies.choose_multiple(rng, count) {
                sqlx::query("insert into offer_region (offer_id, regency_code) values ($1, $2)")
                    .bind(offer_id)
                    .bind(regency)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        bar.inc(1);
        if (i + 1) % BATCH == 0 {
            tx.commit().await?;
            tx = pool.begin().await?;
        }
    }
    tx.commit().await?;
    bar.finish_and_clear();
    Ok(())
}
